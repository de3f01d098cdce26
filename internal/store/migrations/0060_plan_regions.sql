-- The home page lists the regions plans are for (SELECT DISTINCT
-- region_code, region_name … ORDER BY both) on every view: with both
-- columns in one index that is a walk of the index, not of the plans
-- table. It starts with region_code, so it serves the region filter
-- (region_code LIKE '33%') as plans_region_code did.
CREATE INDEX plans_region ON plans (region_code, region_name);
DROP INDEX plans_region_code;
