-- The unit registry (单位名录): every unit plans name, with the names it
-- also goes by. Shared by SQLite and PostgreSQL; times are BIGINT Unix
-- milliseconds, IDs made by the application, as in 0010.
--
-- The rest of the schema keeps units by name (item_units, updates,
-- user_scopes, reminders): the registry does not replace those columns,
-- it decides what goes into them. Every door resolves a typed name to a
-- unit's canonical name here first, so one unit is never stored under
-- two names, and merging two units rewrites the names in those tables.
--
-- A unit belongs to a region (the GB/T 2260 code of the plans that name
-- it; '' for plans with none): every city has its 市发展改革委. Step 100
-- also seeds the registry from the units the stored plans name, each
-- unconfirmed until a person reviews it (planwatch unit list
-- --unconfirmed, /admin/units); that part is Go (migrate.go: goSteps).

CREATE TABLE units (
    id          TEXT PRIMARY KEY,
    unit_name   TEXT NOT NULL, -- the canonical name
    region_code TEXT NOT NULL,
    region_name TEXT NOT NULL,
    unit_level  TEXT NOT NULL, -- 国家, 省, 市, 区县, or '' when not known
    confirmed   BOOLEAN NOT NULL, -- false while seeded from a plan and not yet reviewed
    created_by  TEXT NOT NULL, -- a login, cli:$USER, or seed
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX units_region_name ON units (region_code, unit_name);

-- Other names of a unit, unique in its region (region_code repeats the
-- unit's so that the key says so). A merged unit's name becomes one.
CREATE TABLE unit_aliases (
    region_code TEXT NOT NULL,
    alias       TEXT NOT NULL,
    unit_id     TEXT NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (region_code, alias)
);
CREATE INDEX unit_aliases_unit ON unit_aliases (unit_id);
