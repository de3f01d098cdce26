-- Tracking: plans, their items and units, progress updates, changes to the
-- task list, indicators with targets and observations, links across plan
-- levels, region groups. Shared by SQLite and PostgreSQL.
--
-- As in 0002: times are BIGINT Unix milliseconds, IDs are made by the
-- application, text is TEXT, optional text is ''. Optional references are
-- NULL rather than '' so their foreign keys hold; the store maps NULL to ""
-- and back itself and never compares a column with ''. Column names avoid
-- words that are keywords on some PostgreSQL-compatible servers (date,
-- number, level, value, key, position, role).
-- Booleans are BOOLEAN (0/1 on SQLite); real numbers DOUBLE PRECISION.

CREATE TABLE plans (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    -- The source document; NULL for a plan entered by hand. The plan
    -- outlives its document: its items and updates are records of their own.
    document_id TEXT REFERENCES documents (id) ON DELETE SET NULL,
    version_seq INTEGER NOT NULL,
    region_code TEXT NOT NULL,
    region_name TEXT NOT NULL,
    plan_level  TEXT NOT NULL,
    start_year  INTEGER NOT NULL,
    end_year    INTEGER NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX plans_document ON plans (document_id);
CREATE INDEX plans_region_code ON plans (region_code);
CREATE INDEX plans_level ON plans (plan_level);

CREATE TABLE items (
    id           TEXT PRIMARY KEY,
    plan_id      TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    -- NULL for a top-level item; the parent is in the same plan.
    parent_id    TEXT REFERENCES items (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    item_number  TEXT NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    start_date   TEXT NOT NULL, -- YYYY-MM-DD or ''
    deadline     TEXT NOT NULL, -- YYYY-MM-DD or ''
    status       TEXT NOT NULL, -- of the latest update
    progress     INTEGER NOT NULL,
    sort_order   INTEGER NOT NULL, -- among siblings
    dropped      BOOLEAN NOT NULL,
    source_start INTEGER NOT NULL,
    source_end   INTEGER NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX items_plan ON items (plan_id, sort_order);
CREATE INDEX items_parent ON items (parent_id);

CREATE TABLE item_units (
    item_id    TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    unit_name  TEXT NOT NULL,
    unit_role  TEXT NOT NULL, -- lead or support
    sort_order INTEGER NOT NULL,
    PRIMARY KEY (item_id, unit_name)
);
CREATE INDEX item_units_unit ON item_units (unit_name);

CREATE TABLE updates (
    id          TEXT PRIMARY KEY,
    item_id     TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    unit_name   TEXT NOT NULL, -- '' for the item as a whole
    report_date TEXT NOT NULL, -- YYYY-MM-DD the report is about
    status      TEXT NOT NULL,
    progress    INTEGER NOT NULL,
    note        TEXT NOT NULL,
    evidence    TEXT NOT NULL,
    author      TEXT NOT NULL,
    source      TEXT NOT NULL,
    recorded_at BIGINT NOT NULL
);
-- An item's timeline and its latest update; a plan's updates go through
-- items_plan, then this.
CREATE INDEX updates_item ON updates (item_id, report_date, recorded_at);
-- Reports "as of" a moment across plans.
CREATE INDEX updates_recorded ON updates (recorded_at);

CREATE TABLE item_edits (
    id          TEXT PRIMARY KEY,
    plan_id     TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    -- NULL for an edit of the plan as a whole.
    item_id     TEXT REFERENCES items (id) ON DELETE CASCADE,
    action      TEXT NOT NULL,
    before_text TEXT NOT NULL,
    after_text  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    author      TEXT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX item_edits_plan ON item_edits (plan_id, recorded_at);
CREATE INDEX item_edits_item ON item_edits (item_id);

CREATE TABLE indicators (
    id             TEXT PRIMARY KEY,
    plan_id        TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    indicator_key  TEXT NOT NULL,
    measure_unit   TEXT NOT NULL, -- %, 元, 万人 …
    direction      TEXT NOT NULL,
    is_binding     BOOLEAN NOT NULL,
    baseline_value DOUBLE PRECISION, -- NULL when the plan gives none
    baseline_year  INTEGER NOT NULL,
    source_start   INTEGER NOT NULL,
    source_end     INTEGER NOT NULL,
    created_at     BIGINT NOT NULL
);
CREATE INDEX indicators_plan ON indicators (plan_id);
CREATE INDEX indicators_key ON indicators (indicator_key);

CREATE TABLE indicator_targets (
    indicator_id TEXT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    target_year  INTEGER NOT NULL, -- 0: the plan's end year
    op           TEXT NOT NULL,
    target_value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (indicator_id, target_year, op)
);

CREATE TABLE observations (
    id           TEXT PRIMARY KEY,
    indicator_id TEXT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    obs_period   TEXT NOT NULL, -- 2023, 2023-Q2, 2023-06
    obs_value    DOUBLE PRECISION NOT NULL,
    source       TEXT NOT NULL,
    revised      BOOLEAN NOT NULL,
    recorded_at  BIGINT NOT NULL
);
CREATE INDEX observations_indicator ON observations (indicator_id, obs_period, recorded_at);

CREATE TABLE plan_links (
    plan_id        TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    parent_plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (plan_id, parent_plan_id)
);
CREATE INDEX plan_links_parent ON plan_links (parent_plan_id);

CREATE TABLE item_links (
    item_id        TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    parent_item_id TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    confirmed      BOOLEAN NOT NULL,
    score          DOUBLE PRECISION NOT NULL,
    updated_at     BIGINT NOT NULL,
    PRIMARY KEY (item_id, parent_item_id)
);
CREATE INDEX item_links_parent ON item_links (parent_item_id);

CREATE TABLE region_groups (
    name       TEXT PRIMARY KEY,
    codes      TEXT NOT NULL, -- GB/T 2260 codes, comma-separated
    built_in   BOOLEAN NOT NULL,
    updated_at BIGINT NOT NULL
);
