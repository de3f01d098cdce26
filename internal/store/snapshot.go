package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// Snapshot is what SaveSnapshot writes in one transaction: the original
// bytes (stored once per SHA-256), the version, and either a new document
// (DocumentID == "") or a new version of an existing one.
type Snapshot struct {
	DocumentID string   // "" to create a new document
	Document   Document // metadata for a new document, or the refreshed metadata
	Version    Version
	Bytes      []byte
	Tags       []string // tags to attach (created if missing)

	packed *packedSnapshot // made ahead by Pack, or nil
}

// packedSnapshot is what SaveSnapshot stores compressed.
type packedSnapshot struct {
	version []byte // packVersion of the version
	blob    []byte // packBlob of the bytes
	blobEnc string
}

// Pack compresses what saving the snapshot stores compressed (its bytes,
// the version's original and extraction) ahead of saving: a caller that
// prepares many snapshots on every core for one writer (library.AddAll)
// takes the compression off the writer. Call it once the snapshot's
// Version and Bytes are final; saving an unpacked snapshot packs it then.
func (snap *Snapshot) Pack() {
	snap.packed = nil
	snap.packed = snap.pack()
}

func (snap *Snapshot) pack() *packedSnapshot {
	if snap.packed != nil {
		return snap.packed
	}
	v := snap.Version
	blob, enc := packBlob(snap.Bytes)
	return &packedSnapshot{version: packVersion(v.Text, v.Original, v.Extraction), blob: blob, blobEnc: enc}
}

// SaveSnapshot stores a snapshot in one transaction: the blob (once per
// SHA-256), a new document or a new current version of snap.DocumentID
// (ErrNotFound if it does not exist), the version with the next seq, the
// tags, and the document's search index entry. On any error nothing is
// kept. A new document may be saved already marked as a near-duplicate
// (Document.DuplicateOf, which must exist). Version.ID and Version.FetchedAt are filled in when empty; a set
// Version.SHA256 must match Bytes.
func (s *Store) SaveSnapshot(ctx context.Context, snap *Snapshot) (docID, versionID string, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if docID, versionID, err = s.saveSnapshot(ctx, tx, snap); err != nil {
			return err
		}
		return s.d.indexDocument(ctx, tx, docID, snap.Document.Title, snap.Version.Text)
	})
	if err != nil {
		return "", "", fmt.Errorf("save snapshot: %w", err)
	}
	s.settleIndex(ctx)
	s.log.Debug("store: saved snapshot", "document", docID, "version", versionID)
	return docID, versionID, nil
}

// settleIndex finishes the search index's work after a commit; failing
// costs searches time, not results, so it is logged only.
func (s *Store) settleIndex(ctx context.Context) {
	if err := s.d.settleIndex(ctx, s.w); err != nil && !s.settleWarned.Swap(true) {
		s.log.Warn("store: settling the search index (searches may be slower until autovacuum)", "err", err)
	}
}

// saveSnapshot is SaveSnapshot's work inside tx but the search index
// (the caller's, see SnapshotBatch); on an error tx holds part of it and
// must be rolled back (to a savepoint, in a batch).
func (s *Store) saveSnapshot(ctx context.Context, tx *sql.Tx, snap *Snapshot) (docID, versionID string, err error) {
	sum := sha256.Sum256(snap.Bytes)
	sha := hex.EncodeToString(sum[:])
	v := snap.Version
	if v.SHA256 != "" && v.SHA256 != sha {
		return "", "", fmt.Errorf("version sha256 %s does not match the bytes (%s)", v.SHA256, sha)
	}
	versionID = v.ID
	if versionID == "" {
		versionID = NewID()
	}
	fetched := v.FetchedAt
	if fetched.IsZero() {
		fetched = time.Now()
	}
	var headers []byte
	if v.Headers != nil {
		if headers, err = json.Marshal(v.Headers); err != nil {
			return "", "", fmt.Errorf("headers: %w", err)
		}
	}
	meta := snap.Document
	bands := fpBands(v.Fingerprint)
	packed := snap.pack() // not kept in snap: a caller may change it and save it again
	blob := packed.blob
	if blob == nil {
		blob = []byte{} // the column is NOT NULL
	}
	t := now()

	err = func() error {
		// The blob goes first so that a failure below (a missing
		// document, a constraint) shows the whole transaction unwinding.
		if err := s.putPackedBlob(ctx, tx, sha, len(snap.Bytes), blob, packed.blobEnc); err != nil {
			return err
		}
		seq := 1
		if snap.DocumentID == "" {
			docID = NewID()
			var dup any // NULL: not a duplicate
			if meta.DuplicateOf != "" {
				dup = meta.DuplicateOf
			}
			_, err := tx.ExecContext(ctx, s.q(`INSERT INTO documents (id, source, title, kind, region_code, region_name,
 issued, year, doc_number, duplicate_of, current_version_id, current_seq, versions, fingerprint, fp0, fp1, fp2, fp3,
 created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?, ?, ?, ?, ?, ?)`),
				docID, meta.Source, meta.Title, meta.Kind, meta.RegionCode, meta.RegionName, meta.Issued, meta.Year,
				meta.DocNumber, dup, versionID, int64(v.Fingerprint), bands[0], bands[1], bands[2], bands[3], t, t)
			if err != nil {
				return fmt.Errorf("insert document: %w", err)
			}
		} else {
			docID = snap.DocumentID
			// The UPDATE locks the document's row (PostgreSQL) or the
			// database (SQLite) until commit, so concurrent saves of one
			// document take their seqs one after the other.
			res, err := tx.ExecContext(ctx, s.q(`UPDATE documents SET
 source = CASE WHEN ? = '' THEN source ELSE ? END, title = ?, kind = ?, region_code = ?, region_name = ?,
 issued = ?, year = ?, doc_number = ?, current_version_id = ?, current_seq = current_seq + 1,
 versions = versions + 1, fingerprint = ?, fp0 = ?, fp1 = ?, fp2 = ?, fp3 = ?, updated_at = ?
 WHERE id = ?`),
				meta.Source, meta.Source, meta.Title, meta.Kind, meta.RegionCode, meta.RegionName, meta.Issued,
				meta.Year, meta.DocNumber, versionID, int64(v.Fingerprint), bands[0], bands[1], bands[2], bands[3],
				t, docID)
			if err != nil {
				return fmt.Errorf("update document %s: %w", docID, err)
			}
			if n, err := res.RowsAffected(); err != nil {
				return fmt.Errorf("update document %s: %w", docID, err)
			} else if n == 0 {
				return fmt.Errorf("document %s: %w", docID, ErrNotFound)
			}
			if err := tx.QueryRowContext(ctx, s.q(`SELECT current_seq FROM documents WHERE id = ?`), docID).Scan(&seq); err != nil {
				return fmt.Errorf("document %s seq: %w", docID, err)
			}
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO versions (id, document_id, seq, sha256, size, fetched_at,
 final_url, status, headers, content_type, format, charset, text, original, fingerprint, extraction, packed, created_at)
 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, '', ?, ?)`),
			versionID, docID, seq, sha, len(snap.Bytes), toMillis(fetched), v.FinalURL, v.Status, string(headers),
			v.ContentType, v.Format, v.Charset, v.Text, int64(v.Fingerprint), packed.version, t)
		if err != nil {
			if s.d.isUniqueViolation(err) {
				return fmt.Errorf("insert version %s: %w (%w)", versionID, ErrConflict, err)
			}
			return fmt.Errorf("insert version %s: %w", versionID, err)
		}
		if err := s.attachTags(ctx, tx, docID, snap.Tags); err != nil {
			return err
		}
		return s.saveHead(ctx, tx, docID, v.Text)
	}()
	if err != nil {
		return "", "", err
	}
	return docID, versionID, nil
}
