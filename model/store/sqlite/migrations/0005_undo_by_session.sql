-- undo log entries by session
--
-- Undo reverts only the actions of the session (a process, or an SSH
-- session) that made them, and those of sessions that have ended, whose
-- session is then ''. Actions logged before this step count as ended.
ALTER TABLE action ADD COLUMN session TEXT NOT NULL DEFAULT '';
CREATE INDEX action_by_session ON action (user, session, id);
