-- Targets as plans state them: a range (增长4.5%—5%) is one target with a
-- lower (target_value) and an upper end (target_value_max, NULL for a
-- single figure), and 左右 (about 5%) is a flag rather than a different
-- operator, so a target keeps one row per year and operator and old rows
-- read as before: a single figure, not approximate. Shared by SQLite and
-- PostgreSQL.

ALTER TABLE indicator_targets ADD COLUMN target_value_max DOUBLE PRECISION;
ALTER TABLE indicator_targets ADD COLUMN approx BOOLEAN NOT NULL DEFAULT FALSE;
