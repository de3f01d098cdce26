-- The kind of a plan (规划, 纲要, 行动计划, 实施方案, 工作要点, 年度计划,
-- 政府工作报告 …), which says how long it runs: several years, the years
-- it states, or one. Plans made from a document take the document's kind;
-- '' for a plan entered by hand until someone sets it (plan set --kind).
-- Shared by SQLite and PostgreSQL.

ALTER TABLE plans ADD COLUMN plan_kind TEXT NOT NULL DEFAULT '';
UPDATE plans SET plan_kind = COALESCE((SELECT d.kind FROM documents d WHERE d.id = plans.document_id), '')
 WHERE document_id IS NOT NULL;
