-- The reporting rhythm of each plan (报送频次): "monthly:D" (a month's
-- report due by day D of the next month) or "quarterly:D" (a quarter's
-- report due by day D of the next quarter's first month). One TEXT column
-- rather than a flag and a day keeps the pair in one value that old and new
-- code read alike; plans made before this migration report monthly by the
-- 5th, as every caller assumed until now. Shared by SQLite and PostgreSQL.

ALTER TABLE plans ADD COLUMN report_rhythm TEXT NOT NULL DEFAULT 'monthly:5';
