-- A lifecycle for plans and documents: archived ones leave the listings,
-- search, alerts and reminders but keep every record, and come back when
-- restored. archived_at is the time of archiving in Unix milliseconds, 0
-- for one in use (BIGINT NOT NULL as every time here, so both databases
-- read it alike). Who archived it and when is in the audit log
-- (plan.archive, document.archive …). Shared by SQLite and PostgreSQL.

ALTER TABLE plans ADD COLUMN archived_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN archived_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX plans_archived ON plans (archived_at);
CREATE INDEX documents_archived ON documents (archived_at);
