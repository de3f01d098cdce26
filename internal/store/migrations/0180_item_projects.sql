-- What a document states of a project it proposes (an item of kind
-- project awaiting review): its 建设内容, total investment, years and
-- yearly planned investment. Confirming the item makes a project record
-- of it (store.ReviewProposals); the row stays as the document's word.
-- Amounts as in projects: BIGINT ten-thousandths of 万元.

CREATE TABLE item_projects (
    item_id      TEXT PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
    content      TEXT NOT NULL,    -- 建设内容, '' when not stated
    total_invest BIGINT NOT NULL,  -- 0 when not stated
    start_year   INTEGER NOT NULL, -- 0 when not stated
    end_year     INTEGER NOT NULL
);

CREATE TABLE item_project_years (
    item_id        TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    plan_year      INTEGER NOT NULL,
    planned_invest BIGINT NOT NULL,
    PRIMARY KEY (item_id, plan_year)
);
