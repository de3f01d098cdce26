-- Publication: whether a plan is shown read-only to the public at
-- /public/plans/{id}, set by a plan editor (web) or on the command line.
-- Shared by SQLite and PostgreSQL.
--
-- One row per plan that was ever published; no row means never
-- published. Withdrawing keeps the row (published false) so the page can
-- say who published it last; the audit log holds the full history.
-- Times are BIGINT Unix milliseconds (0 = never), as in 0010 and 0020.

CREATE TABLE plan_publications (
    plan_id      TEXT PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    published    BOOLEAN NOT NULL,
    -- Whether the public view may show personal names (update authors,
    -- contact persons). Off unless the publisher chose it.
    show_names   BOOLEAN NOT NULL,
    -- The latest publication: when, and the login (or cli:$USER) of who.
    published_at BIGINT NOT NULL,
    published_by TEXT NOT NULL,
    -- The latest change, publication or withdrawal.
    changed_at   BIGINT NOT NULL,
    changed_by   TEXT NOT NULL
);
CREATE INDEX plan_publications_published ON plan_publications (published, published_at);
