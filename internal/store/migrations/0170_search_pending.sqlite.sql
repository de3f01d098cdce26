-- The PostgreSQL half turns on the GIN index's pending list; FTS5 has its
-- own write buffer and nothing to change here.
SELECT 1;
