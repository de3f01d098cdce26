package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/bits"
	"sort"
	"strings"
	"time"
)

// ErrNotFound is returned when a record asked for by ID or name does not exist.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a write would break a uniqueness rule (a tag
// renamed onto an existing name, say).
var ErrConflict = errors.New("conflict")

// Document is one policy document in the library. Its content lives in
// versions; the fields here are those of its current version, copied for
// listing and filtering.
type Document struct {
	ID          string // application-made, sortable (time-ordered)
	Source      string // the URL it was fetched from or the file path it was read from
	Title       string
	Kind        string
	RegionCode  string // GB/T 2260, "" when unknown
	RegionName  string
	Issued      string // YYYY-MM-DD or ""
	Year        int    // issued year, else the plan's first year, else 0
	DocNumber   string
	DuplicateOf string // ID of the document this one near-duplicates, or ""
	Versions    int    // how many versions it has
	CurrentSeq  int    // the seq of the current version
	Fingerprint uint64 // the current version's near-duplicate fingerprint
	Tags        []string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	ArchivedAt  time.Time // when it was archived; zero for one in use
}

// DocumentFilter selects documents for Documents (and Search). Zero fields
// match everything.
type DocumentFilter struct {
	Tag    string
	Region string // GB/T code (a province's or city's code takes in its divisions) or name prefix
	Year   int
	Kind   string
	// WithDuplicates lists documents marked as near-duplicates of another
	// (DuplicateOf) too; by default only the originals are listed.
	WithDuplicates bool
	// Archived chooses between documents in use (the default), archived
	// ones, or both.
	Archived Archived
	Limit    int // 0 means no limit
	Offset   int
}

// filter is the shared WHERE part of Documents and Search.
type filter struct {
	tag, region, kind string
	year              int
	withDuplicates    bool
	archived          Archived
}

// where returns conditions on documents aliased d, joined by AND ("" for
// none), and their arguments.
func (f filter) where() (string, []any) {
	var (
		conds []string
		args  []any
	)
	if f.region != "" {
		if code, ok := regionCodePrefix(f.region); ok {
			conds = append(conds, "d.region_code LIKE ?")
			args = append(args, code+"%")
		} else {
			conds = append(conds, `d.region_name LIKE ? ESCAPE '\'`)
			args = append(args, escapeLike(f.region)+"%")
		}
	}
	if f.year != 0 {
		conds = append(conds, "d.year = ?")
		args = append(args, f.year)
	}
	if f.kind != "" {
		conds = append(conds, "d.kind = ?")
		args = append(args, f.kind)
	}
	if !f.withDuplicates {
		conds = append(conds, "d.duplicate_of IS NULL")
	}
	if c := f.archived.cond("d"); c != "" {
		conds = append(conds, c)
	}
	if f.tag != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM document_tags dt JOIN tags t ON t.id = dt.tag_id"+
			" WHERE dt.document_id = d.id AND t.name = ?)")
		args = append(args, strings.TrimSpace(f.tag))
	}
	return strings.Join(conds, " AND "), args
}

// regionCodePrefix turns a GB/T 2260 code into the prefix its divisions
// share: 330000 (a province) → 33, 330400 (a city) → 3304, 330402 → 330402.
func regionCodePrefix(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	for len(s) > 2 && strings.HasSuffix(s, "00") {
		s = s[:len(s)-2]
	}
	return s, true
}

// escapeLike escapes LIKE's wildcards (with \ as the ESCAPE character).
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// docCols are the columns scanDocument reads, from documents aliased d.
const docCols = `d.id, d.source, d.title, d.kind, d.region_code, d.region_name, d.issued, d.year,
 d.doc_number, d.duplicate_of, d.versions, d.current_seq, d.fingerprint, d.created_at, d.updated_at, d.archived_at`

type scanner interface{ Scan(dest ...any) error }

// scanDocument reads docCols, plus any extra destinations after them.
func scanDocument(row scanner, extra ...any) (Document, error) {
	var (
		d            Document
		dup          sql.NullString
		fp           int64
		created, upd int64
		arch         int64
	)
	dest := []any{&d.ID, &d.Source, &d.Title, &d.Kind, &d.RegionCode, &d.RegionName, &d.Issued, &d.Year,
		&d.DocNumber, &dup, &d.Versions, &d.CurrentSeq, &fp, &created, &upd, &arch}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return Document{}, err
	}
	d.DuplicateOf = dup.String
	d.Fingerprint = uint64(fp)
	d.CreatedAt, d.UpdatedAt = fromMillis(created), fromMillis(upd)
	d.ArchivedAt = archivedTime(arch)
	return d, nil
}

// resolveID turns an ID or a unique prefix of at least 6 characters into
// the document's full ID.
func (s *Store) resolveID(ctx context.Context, id string) (string, error) {
	if !validIDPrefix(id) {
		return "", fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	var got string
	err := s.r.QueryRowContext(ctx, s.q(`SELECT id FROM documents WHERE id = ?`), id).Scan(&got)
	if err == nil {
		return got, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("document %q: %w", id, err)
	}
	if len(id) < 6 || len(id) == idLen {
		return "", fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	// validIDPrefix keeps LIKE's wildcards out of id.
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT id FROM documents WHERE id LIKE ? ORDER BY id LIMIT 2`), id+"%")
	if err != nil {
		return "", fmt.Errorf("document %q: %w", id, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		if err := rows.Scan(&got); err != nil {
			return "", fmt.Errorf("document %q: %w", id, err)
		}
		ids = append(ids, got)
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("document %q: %w", id, err)
	}
	switch len(ids) {
	case 1:
		return ids[0], nil
	case 0:
		return "", fmt.Errorf("document %q: %w", id, ErrNotFound)
	default:
		return "", fmt.Errorf("document %q: ambiguous ID prefix: %w", id, ErrNotFound)
	}
}

// Document returns a document by ID or by a unique ID prefix of at least 6
// characters, with its tags; ErrNotFound if there is none (or the prefix
// is ambiguous).
func (s *Store) Document(ctx context.Context, id string) (Document, error) {
	full, err := s.resolveID(ctx, id)
	if err != nil {
		return Document{}, err
	}
	return s.documentWhere(ctx, s.r, "d.id = ?", full)
}

// DocumentBySource returns the document read from source (a URL or a
// path); when several were, the most recently updated. ErrNotFound if none.
func (s *Store) DocumentBySource(ctx context.Context, source string) (Document, error) {
	return s.documentWhere(ctx, s.r, "d.source = ?", source)
}

func (s *Store) documentWhere(ctx context.Context, q querier, cond string, arg any) (Document, error) {
	row := q.QueryRowContext(ctx, s.q(`SELECT `+docCols+` FROM documents d WHERE `+cond+
		` ORDER BY d.updated_at DESC, d.id DESC LIMIT 1`), arg)
	d, err := scanDocument(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Document{}, fmt.Errorf("document %v: %w", arg, ErrNotFound)
	}
	if err != nil {
		return Document{}, fmt.Errorf("document %v: %w", arg, err)
	}
	docs := []Document{d}
	if err := s.loadTagsIn(ctx, q, docs); err != nil {
		return Document{}, err
	}
	return docs[0], nil
}

// Documents lists documents matching f, newest first (by creation; a new
// version does not move a document up), with their tags.
func (s *Store) Documents(ctx context.Context, f DocumentFilter) ([]Document, error) {
	where, args := filter{tag: f.Tag, region: f.Region, kind: f.Kind, year: f.Year,
		withDuplicates: f.WithDuplicates, archived: f.Archived}.where()
	if where != "" {
		where = " WHERE " + where
	}
	page := ""
	if f.Limit > 0 {
		page = ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, max(f.Offset, 0))
	} else if f.Offset > 0 {
		// LIMIT ALL is PostgreSQL's; a huge LIMIT works on both.
		page = ` LIMIT ? OFFSET ?`
		args = append(args, int64(1)<<62, f.Offset)
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT `+docCols+` FROM documents d`+where+
		` ORDER BY d.id DESC`+page), args...)
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	defer rows.Close()
	var docs []Document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, fmt.Errorf("documents: %w", err)
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	if err := s.loadTags(ctx, docs); err != nil {
		return nil, err
	}
	return docs, nil
}

// CountDocuments returns how many documents the library holds.
func (s *Store) CountDocuments(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count documents: %w", err)
	}
	return n, nil
}

// loadTags fills in the tags of docs (sorted by name), one query per 500
// documents (both databases cap the number of placeholders).
func (s *Store) loadTags(ctx context.Context, docs []Document) error {
	return s.loadTagsIn(ctx, s.r, docs)
}

// loadTagsIn is loadTags reading through q (a transaction that may hold
// documents not yet committed).
func (s *Store) loadTagsIn(ctx context.Context, q querier, docs []Document) error {
	const batch = 500
	byID := make(map[string]int, len(docs))
	for i, d := range docs {
		byID[d.ID] = i
	}
	for lo := 0; lo < len(docs); lo += batch {
		part := docs[lo:min(lo+batch, len(docs))]
		args := make([]any, len(part))
		for i, d := range part {
			args[i] = d.ID
		}
		if err := s.loadTagsBatch(ctx, q, docs, byID, args); err != nil {
			return err
		}
	}
	for i := range docs {
		sort.Strings(docs[i].Tags) // byte order on both databases
	}
	return nil
}

func (s *Store) loadTagsBatch(ctx context.Context, q querier, docs []Document, byID map[string]int, args []any) error {
	rows, err := q.QueryContext(ctx, s.q(`SELECT dt.document_id, t.name FROM document_tags dt
 JOIN tags t ON t.id = dt.tag_id WHERE dt.document_id IN (`+placeholders(len(args))+`)`), args...)
	if err != nil {
		return fmt.Errorf("tags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return fmt.Errorf("tags: %w", err)
		}
		if i, ok := byID[id]; ok {
			docs[i].Tags = append(docs[i].Tags, name)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("tags: %w", err)
	}
	return nil
}

// fpBands splits a fingerprint into the four 16-bit bands stored beside it.
func fpBands(fp uint64) [4]int {
	return [4]int{int(fp & 0xffff), int(fp >> 16 & 0xffff), int(fp >> 32 & 0xffff), int(fp >> 48)}
}

// NearDuplicates returns the documents (other than exclude) whose current
// fingerprint differs from fp in at most maxDistance bits, nearest first.
// Up to distance 3, two fingerprints must agree on one of their four 16-bit
// bands (pigeonhole), so only documents sharing a band are read, through
// the band indexes; larger distances scan every fingerprint.
func (s *Store) NearDuplicates(ctx context.Context, fp uint64, maxDistance int, exclude string) ([]Document, error) {
	return s.nearDuplicates(ctx, s.r, fp, maxDistance, exclude)
}

func (s *Store) nearDuplicates(ctx context.Context, q querier, fp uint64, maxDistance int, exclude string) ([]Document, error) {
	query := `SELECT ` + docCols + ` FROM documents d WHERE d.id <> ?`
	args := []any{exclude}
	if maxDistance <= 3 {
		b := fpBands(fp)
		query += ` AND (d.fp0 = ? OR d.fp1 = ? OR d.fp2 = ? OR d.fp3 = ?)`
		args = append(args, b[0], b[1], b[2], b[3])
	}
	rows, err := q.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("near duplicates: %w", err)
	}
	defer rows.Close()
	var (
		docs []Document
		dist = map[string]int{}
	)
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, fmt.Errorf("near duplicates: %w", err)
		}
		if n := bits.OnesCount64(d.Fingerprint ^ fp); n <= maxDistance {
			dist[d.ID] = n
			docs = append(docs, d)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("near duplicates: %w", err)
	}
	sort.SliceStable(docs, func(i, j int) bool {
		if a, b := dist[docs[i].ID], dist[docs[j].ID]; a != b {
			return a < b
		}
		return docs[i].ID < docs[j].ID
	})
	if err := s.loadTagsIn(ctx, q, docs); err != nil {
		return nil, err
	}
	return docs, nil
}

// MarkDuplicate records that docID near-duplicates ofID; an empty ofID
// clears the mark. Both must exist (ErrNotFound).
func (s *Store) MarkDuplicate(ctx context.Context, docID, ofID string) error {
	if docID == ofID {
		return fmt.Errorf("mark duplicate: %s cannot duplicate itself", docID)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var of any // NULL clears the mark
		if ofID != "" {
			var n int
			if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM documents WHERE id = ?`), ofID).Scan(&n); err != nil {
				return fmt.Errorf("mark duplicate: %w", err)
			}
			if n == 0 {
				return fmt.Errorf("mark duplicate: document %s: %w", ofID, ErrNotFound)
			}
			of = ofID
		}
		res, err := tx.ExecContext(ctx, s.q(`UPDATE documents SET duplicate_of = ?, updated_at = ? WHERE id = ?`), of, now(), docID)
		if err != nil {
			return fmt.Errorf("mark duplicate: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("mark duplicate: document %s: %w", docID, ErrNotFound)
		}
		return nil
	})
}
