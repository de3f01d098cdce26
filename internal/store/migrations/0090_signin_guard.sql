-- Sign-in that strangers cannot turn against the owner, and an anchor for
-- the audit log's head outside its table. Shared by SQLite and PostgreSQL;
-- times are BIGINT Unix milliseconds, as in 0020.

-- One-time sign-in codes issued from the command line (planwatch user otp)
-- for an owner a guessing stranger has locked out: one per account, kept
-- as the hex SHA-256 of the code (the code itself is shown once), used up
-- by the sign-in it opens.
CREATE TABLE signin_codes (
    user_id     TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    code_sha256 TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);

-- The client addresses (an IPv6 client by its /64) each account signed in
-- from: a locked account still takes its owner's sign-in from one of them.
CREATE TABLE user_clients (
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client       TEXT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, client)
);

-- The audit log's head as it was seen: by the server every few minutes
-- and by each backup. A chain cannot show that its newest entries were
-- deleted; a checkpoint past its end can (VerifyAudit). The server also
-- writes the head to a file outside the database.
CREATE TABLE audit_checkpoints (
    id           TEXT PRIMARY KEY,
    recorded_at  BIGINT NOT NULL,
    last_seq     BIGINT NOT NULL,
    entry_sha256 TEXT NOT NULL,
    entries      BIGINT NOT NULL,
    recorded_by  TEXT NOT NULL -- server, backup
);
CREATE INDEX audit_checkpoints_seq ON audit_checkpoints (last_seq);
