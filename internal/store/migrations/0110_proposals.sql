-- Proposals before commitments. What the extraction finds in a document
-- (tasks, projects, targets) enters a plan as a proposal, review =
-- 'proposed', with its source span; a person confirms it ('confirmed'),
-- edits or merges it, or dismisses it ('dismissed', kept for the
-- record). Only confirmed items and indicators have owners and due dates
-- in status, alerts, /my, reports and the sheet. Headings (groups) are
-- the plan's outline and are saved confirmed; items made by hand are
-- confirmed at once. Shared by SQLite and PostgreSQL.
--
-- Migrating an existing database: every item and indicator already
-- stored was tracked, reported on and counted before this step, by
-- people who took the plan as extracted. They become confirmed (the
-- column's default), so nothing a current user sees, owes or has
-- reported disappears; the review applies to plans made from now on.

ALTER TABLE items ADD COLUMN review TEXT NOT NULL DEFAULT 'confirmed';
ALTER TABLE indicators ADD COLUMN review TEXT NOT NULL DEFAULT 'confirmed';
CREATE INDEX items_review ON items (plan_id, review);
CREATE INDEX indicators_review ON indicators (plan_id, review);
