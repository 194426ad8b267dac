-- brief infos from an index
--
-- A listing reads each stored brief's hash, version and counts; from this
-- covering index it does without reading the briefs themselves (a tenth
-- of the pages).
CREATE INDEX brief_info ON brief (id, hash, version, quotes, phases);
