-- Projects (项目化推进, 重大项目): a plan's tasks carried out as projects
-- with an investment, a yearly planned investment, a phase and
-- milestones, reported on monthly. Shared by SQLite and PostgreSQL.
--
-- Amounts are BIGINT in ten-thousandths of 万元 (one 元): the unit
-- offices count projects in, kept exact (no binary fractions) down to
-- the yuan, so a sheet's totals add up to the cent of a 万元 they show.

CREATE TABLE projects (
    id            TEXT PRIMARY KEY,
    plan_id       TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    -- The task the project serves; NULL when not (yet) linked.
    item_id       TEXT REFERENCES items (id) ON DELETE SET NULL,
    sort_order    INTEGER NOT NULL,
    name          TEXT NOT NULL,
    content       TEXT NOT NULL, -- 建设内容
    region_code   TEXT NOT NULL, -- GB/T 2260, '' when not given
    total_invest  BIGINT NOT NULL,
    start_year    INTEGER NOT NULL,
    end_year      INTEGER NOT NULL,
    phase         TEXT NOT NULL, -- 前期 开工 建设 竣工 投运
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    UNIQUE (plan_id, name)
);
CREATE INDEX projects_item ON projects (item_id);

CREATE TABLE project_units (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    unit_name  TEXT NOT NULL,
    unit_role  TEXT NOT NULL, -- lead or support
    sort_order INTEGER NOT NULL,
    PRIMARY KEY (project_id, unit_name)
);
CREATE INDEX project_units_unit ON project_units (unit_name);

-- The investment planned for each year the project spans (年度计划投资).
CREATE TABLE project_years (
    project_id     TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    plan_year      INTEGER NOT NULL,
    planned_invest BIGINT NOT NULL,
    PRIMARY KEY (project_id, plan_year)
);

-- Milestones: the day a phase is planned to begin, and the day it did.
CREATE TABLE project_milestones (
    project_id   TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    phase        TEXT NOT NULL,
    planned_date TEXT NOT NULL, -- YYYY-MM-DD or ''
    actual_date  TEXT NOT NULL, -- YYYY-MM-DD or ''
    PRIMARY KEY (project_id, phase)
);

-- Monthly reports: the investment completed in the month and from January
-- to it (1-N月), the phase reached, problems and help needed. A later
-- report on the same month supersedes an earlier one; all are kept.
CREATE TABLE project_reports (
    id           TEXT PRIMARY KEY,
    project_id   TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    report_month TEXT NOT NULL, -- YYYY-MM
    month_invest BIGINT NOT NULL,
    year_invest  BIGINT NOT NULL,
    phase        TEXT NOT NULL,
    problems     TEXT NOT NULL, -- 存在问题
    help_needed  TEXT NOT NULL, -- 需协调事项
    author       TEXT NOT NULL,
    source       TEXT NOT NULL,
    recorded_at  BIGINT NOT NULL
);
CREATE INDEX project_reports_project ON project_reports (project_id, report_month, recorded_at);
