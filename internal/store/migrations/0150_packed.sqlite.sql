-- Stored text and bytes packed with DEFLATE, so that the library stays
-- near the size of its documents (issue 18). Per dialect only for the
-- binary column type: BLOB here, BYTEA on PostgreSQL.
--
-- versions.packed holds, deflated, a version's original-script text (left
-- out when it equals the normalized text: one copy of what they share) and
-- its extraction; the row's original and extraction columns are then ''.
-- Rows written before keep those columns and an empty packed.
ALTER TABLE versions ADD COLUMN packed BLOB NOT NULL DEFAULT x'';

-- blobs.encoding: '' for bytes as they are, 'deflate' for bytes deflated
-- (size stays the bytes' own). Files that do not shrink (images, PDFs,
-- Office files) are kept as they are.
ALTER TABLE blobs ADD COLUMN encoding TEXT NOT NULL DEFAULT '';
