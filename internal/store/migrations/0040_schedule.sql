-- Scheduled work inside the server: job leases (so that servers sharing one
-- database run each job once per interval), watched documents and the
-- change alerts their re-snapshots raise, reminder digests of unreported
-- tasks, and the e-mail address they go to. Shared by SQLite and
-- PostgreSQL.
--
-- As in 0002, 0010 and 0020: times are BIGINT Unix milliseconds (0 =
-- never), IDs are made by the application, optional text is ''.

-- Contacts: reminders go to the reporters of a unit who gave an address.
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';

-- One row per job. A server runs a job only after winning its lease in
-- one UPDATE (lease_until in the past, next_run_at reached); the row then
-- says when the job is due again. A server that dies mid-job loses the
-- lease when lease_until passes.
CREATE TABLE job_leases (
    job_name    TEXT PRIMARY KEY,
    holder      TEXT NOT NULL, -- the server instance holding or last holding the lease
    lease_until BIGINT NOT NULL,
    next_run_at BIGINT NOT NULL,
    last_run_at BIGINT NOT NULL, -- when the last run finished
    last_error  TEXT NOT NULL    -- of the last run, '' when it succeeded
);

-- Documents fetched from a URL that the server re-snapshots each round.
CREATE TABLE document_watches (
    document_id     TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    created_at      BIGINT NOT NULL,
    created_by      TEXT NOT NULL, -- login, or cli:$USER
    last_checked_at BIGINT NOT NULL,
    last_error      TEXT NOT NULL
);

-- A watched document whose text changed: versions from_seq → to_seq and a
-- short summary of the diff (lines added and removed, the first changes).
CREATE TABLE change_alerts (
    id            TEXT PRIMARY KEY,
    document_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    from_seq      INTEGER NOT NULL,
    to_seq        INTEGER NOT NULL,
    added_lines   INTEGER NOT NULL,
    removed_lines INTEGER NOT NULL,
    summary       TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    UNIQUE (document_id, to_seq)
);
CREATE INDEX change_alerts_created ON change_alerts (created_at);

-- A unit's tasks without a report for a period that has ended: due (the
-- due day is still ahead) or overdue. One row per plan, unit and period,
-- kept current each round until the unit has reported (resolved_at).
-- items is a JSON array of {id, number, title}. Mailed once per stage:
-- sent_stage is the last stage ('due', 'overdue') a relay accepted a
-- message for, sent_at its time ('' and 0 before any).
CREATE TABLE reminders (
    id          TEXT PRIMARY KEY,
    plan_id     TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    unit_name   TEXT NOT NULL, -- '' for tasks with no unit
    period      TEXT NOT NULL, -- 2025-06 or 2025-Q2
    due_on      TEXT NOT NULL, -- YYYY-MM-DD
    items       TEXT NOT NULL,
    recipients  TEXT NOT NULL, -- addresses mailed, comma-separated
    sent_stage  TEXT NOT NULL,
    sent_at     BIGINT NOT NULL,
    send_error  TEXT NOT NULL,
    resolved_at BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (plan_id, unit_name, period)
);
CREATE INDEX reminders_updated ON reminders (updated_at);
