package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Version is one snapshot of a document: the bytes as they were read, when,
// from where, and what was extracted from them.
type Version struct {
	ID          string
	DocumentID  string
	Seq         int // 1, 2, … in the order snapshots were taken
	SHA256      string
	Size        int64
	FetchedAt   time.Time
	FinalURL    string              // after redirects; "" for files
	Status      int                 // HTTP status, 0 for files
	Headers     map[string][]string // response headers, nil for files
	ContentType string
	Format      string // text, html, docx, pdf
	Charset     string
	Text        string // normalized text (spans of Extraction point into it)
	Original    string // cleaned text in the original script
	Fingerprint uint64 // near-duplicate fingerprint of Text
	Extraction  []byte // extract.Result as JSON
}

// versionCols are the cheap columns of versions aliased v; versionFullCols
// add the texts and the extraction.
const (
	versionCols     = `v.id, v.document_id, v.seq, v.sha256, v.size, v.fetched_at, v.final_url, v.status, v.headers, v.content_type, v.format, v.charset, v.fingerprint`
	versionFullCols = versionCols + `, v.text, v.original, v.extraction, v.packed`
)

func scanVersion(row scanner, full bool) (Version, error) {
	var (
		v       Version
		fetched int64
		headers string
		fp      int64
		ext     string
		packed  []byte
	)
	dest := []any{&v.ID, &v.DocumentID, &v.Seq, &v.SHA256, &v.Size, &fetched, &v.FinalURL, &v.Status,
		&headers, &v.ContentType, &v.Format, &v.Charset, &fp}
	if full {
		dest = append(dest, &v.Text, &v.Original, &ext, &packed)
	}
	if err := row.Scan(dest...); err != nil {
		return Version{}, err
	}
	v.FetchedAt = fromMillis(fetched)
	v.Fingerprint = uint64(fp)
	if headers != "" {
		if err := json.Unmarshal([]byte(headers), &v.Headers); err != nil {
			return Version{}, fmt.Errorf("version %s headers: %w", v.ID, err)
		}
	}
	if ext != "" {
		v.Extraction = []byte(ext)
	}
	if len(packed) > 0 {
		var err error
		if v.Original, v.Extraction, err = unpackVersion(packed, v.Text); err != nil {
			return Version{}, fmt.Errorf("version %s: %w", v.ID, err)
		}
	}
	return v, nil
}

// Versions lists a document's versions, oldest first, without Text,
// Original and Extraction (read one with Version). ErrNotFound if the
// document does not exist; docID may be a unique prefix.
func (s *Store) Versions(ctx context.Context, docID string) ([]Version, error) {
	id, err := s.resolveID(ctx, docID)
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT `+versionCols+` FROM versions v WHERE v.document_id = ? ORDER BY v.seq`), id)
	if err != nil {
		return nil, fmt.Errorf("versions of %s: %w", id, err)
	}
	defer rows.Close()
	var out []Version
	for rows.Next() {
		v, err := scanVersion(rows, false)
		if err != nil {
			return nil, fmt.Errorf("versions of %s: %w", id, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("versions of %s: %w", id, err)
	}
	return out, nil
}

// Version returns one version in full; seq 0 means the current one.
// ErrNotFound if the document or the version does not exist.
func (s *Store) Version(ctx context.Context, docID string, seq int) (Version, error) {
	id, err := s.resolveID(ctx, docID)
	if err != nil {
		return Version{}, err
	}
	query := `SELECT ` + versionFullCols + ` FROM versions v WHERE v.document_id = ? AND v.seq = ?`
	args := []any{id, seq}
	if seq == 0 {
		query = `SELECT ` + versionFullCols + ` FROM versions v JOIN documents d ON d.current_version_id = v.id WHERE d.id = ?`
		args = args[:1]
	}
	v, err := scanVersion(s.r.QueryRowContext(ctx, s.q(query), args...), true)
	if errors.Is(err, sql.ErrNoRows) {
		return Version{}, fmt.Errorf("version %d of %s: %w", seq, id, ErrNotFound)
	}
	if err != nil {
		return Version{}, fmt.Errorf("version %d of %s: %w", seq, id, err)
	}
	return v, nil
}

// VersionBySHA returns a version (the earliest) whose bytes have this
// SHA-256 (hex), in full: the exact-duplicate check before saving.
// ErrNotFound if none.
func (s *Store) VersionBySHA(ctx context.Context, sha string) (Version, error) {
	row := s.r.QueryRowContext(ctx, s.q(`SELECT `+versionFullCols+` FROM versions v WHERE v.sha256 = ? ORDER BY v.id LIMIT 1`), sha)
	v, err := scanVersion(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return Version{}, fmt.Errorf("version with sha256 %s: %w", sha, ErrNotFound)
	}
	if err != nil {
		return Version{}, fmt.Errorf("version with sha256 %s: %w", sha, err)
	}
	return v, nil
}
