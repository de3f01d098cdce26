-- Accounts: users and their scopes, sign-in sessions, API tokens, a
-- server key table, and the append-only audit log. Shared by SQLite and
-- PostgreSQL (and the PostgreSQL-compatible servers of DOMAIN.md).
--
-- As in 0002 and 0010: times are BIGINT Unix milliseconds (0 = never),
-- IDs are made by the application, text is TEXT, optional text is ''.
-- Optional references are NULL so their foreign keys hold. Column names
-- avoid words that are keywords on some servers (role, user, name, hash,
-- at, key).

CREATE TABLE users (
    id                  TEXT PRIMARY KEY,
    -- Lower-cased and trimmed by the store, so the unique index makes
    -- logins unique regardless of case.
    login               TEXT NOT NULL,
    display_name        TEXT NOT NULL,
    -- $argon2id$v=19$m=…,t=…,p=…$salt$hash; never the password.
    password_hash       TEXT NOT NULL,
    user_role           TEXT NOT NULL, -- admin, auditor, editor, reporter, viewer
    disabled            BOOLEAN NOT NULL,
    -- Lockout: failures counted from first_failure_at; locked_until is 0
    -- when the account is not locked.
    failed_attempts     INTEGER NOT NULL,
    first_failure_at    BIGINT NOT NULL,
    locked_until        BIGINT NOT NULL,
    password_changed_at BIGINT NOT NULL,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_login ON users (login);

-- What a user may see or change besides their role: a NULL plan_id means
-- every plan, a NULL unit_name no unit (editors and viewers); a unit
-- reporter has a unit, in one plan or all.
CREATE TABLE user_scopes (
    id        TEXT PRIMARY KEY,
    user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    plan_id   TEXT REFERENCES plans (id) ON DELETE CASCADE,
    unit_name TEXT,
    sort_order INTEGER NOT NULL
);
CREATE INDEX user_scopes_user ON user_scopes (user_id, sort_order);

-- Sign-in sessions. id is the hex SHA-256 of the token in the cookie: the
-- token itself is never stored, so a copy of the database opens no session.
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL, -- absolute limit; the idle limit counts from last_seen_at
    user_agent   TEXT NOT NULL,
    client_ip    TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Tokens for scripts (Authorization: Bearer), hashed like sessions.
CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    token_sha256 TEXT NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_name   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL -- 0: no expiry
);
CREATE UNIQUE INDEX api_tokens_sha256 ON api_tokens (token_sha256);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Server secrets made on first use and shared by every instance (the CSRF
-- HMAC key), so forms stay valid across restarts and behind a balancer.
CREATE TABLE server_secrets (
    secret_name TEXT PRIMARY KEY,
    secret      TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

-- The audit log: appended, never updated. seq numbers the entries 1, 2, 3…
-- (the primary key makes two writers racing for the same number fail and
-- retry, so the chain stays a line); entry_sha256 = SHA-256 of prev_sha256
-- and the canonical entry (see audit.go), so changing, inserting or
-- removing a row breaks the chain that VerifyAudit walks. Actor fields are
-- copies, not references: the log outlives accounts.
CREATE TABLE audit_log (
    seq          BIGINT PRIMARY KEY,
    id           TEXT NOT NULL,
    occurred_at  BIGINT NOT NULL,
    actor_id     TEXT NOT NULL,
    actor_login  TEXT NOT NULL,
    action       TEXT NOT NULL,
    entity_type  TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    before_json  TEXT NOT NULL,
    after_json   TEXT NOT NULL,
    request_id   TEXT NOT NULL,
    client_ip    TEXT NOT NULL,
    prev_sha256  TEXT NOT NULL,
    entry_sha256 TEXT NOT NULL
);
CREATE UNIQUE INDEX audit_log_id ON audit_log (id);
CREATE INDEX audit_log_occurred ON audit_log (occurred_at);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor_login);
