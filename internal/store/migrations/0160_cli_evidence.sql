-- Evidence files the command line stored before it kept them as the web
-- form does: the update's evidence column named the blob as
-- 'sha256:<hex>', which no page could offer for download. Each becomes
-- the update's file (named 'evidence'; its type is read from the bytes
-- when downloaded) and the column keeps links only. Updates that have a
-- file already keep it. Shared by SQLite and PostgreSQL.

INSERT INTO update_evidence (update_id, file_name, content_type, file_size, blob_sha256, created_at)
SELECT u.id, 'evidence', 'application/octet-stream', b.size, b.sha256, u.recorded_at
FROM updates u JOIN blobs b ON b.sha256 = SUBSTR(u.evidence, 8)
WHERE u.evidence LIKE 'sha256:%'
  AND NOT EXISTS (SELECT 1 FROM update_evidence e WHERE e.update_id = u.id);

UPDATE updates SET evidence = ''
WHERE evidence LIKE 'sha256:%'
  AND EXISTS (SELECT 1 FROM update_evidence e WHERE e.update_id = updates.id);
