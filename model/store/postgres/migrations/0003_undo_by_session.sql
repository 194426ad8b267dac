-- undo log entries by session
--
-- Undo reverts only the actions of the session (a process, or an SSH
-- session) that made them, and those of sessions that have ended, whose
-- session is then ''.
ALTER TABLE action ADD COLUMN session text NOT NULL DEFAULT '';
CREATE INDEX action_by_session ON action (user_name, session, id);
