-- Honest reporting: an update dated before the reporting period still
-- open (补报), or one whose progress falls below the task's, is taken
-- only with a reason (说明), kept here beside the note and shown wherever
-- the update is. '' for every update made before, and for those that
-- needed none. Shared by SQLite and PostgreSQL.

ALTER TABLE updates ADD COLUMN reason TEXT NOT NULL DEFAULT '';
