-- A plan's own 序时进度 for project investment: twelve cumulative
-- percentages, one per month (track.Curve). A plan without a row follows
-- the 12-month year. A table of its own rather than a column of plans
-- leaves every reader of plans as it was. Shared by SQLite and PostgreSQL.

CREATE TABLE plan_invest_curves (
    plan_id TEXT PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    curve   TEXT NOT NULL
);
