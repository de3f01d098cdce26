package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// TagCount is a tag with the number of documents carrying it.
type TagCount struct {
	Name  string
	Count int
}

// cleanTags trims names, drops empty ones and duplicates, and sorts them:
// transactions then take tag rows in one order and cannot deadlock.
func cleanTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// tagID returns the ID of the tag called name, creating it when create is
// set; ErrNotFound otherwise.
func (s *Store) tagID(ctx context.Context, tx *sql.Tx, name string, create bool) (string, error) {
	if create {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO tags (id, name, created_at) VALUES (?, ?, ?)
 ON CONFLICT (name) DO NOTHING`), NewID(), name, now())
		if err != nil {
			return "", fmt.Errorf("tag %q: %w", name, err)
		}
	}
	var id string
	err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM tags WHERE name = ?`), name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("tag %q: %w", name, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("tag %q: %w", name, err)
	}
	return id, nil
}

// attachTags gives docID the tags, creating missing ones.
func (s *Store) attachTags(ctx context.Context, tx *sql.Tx, docID string, tags []string) error {
	for _, name := range cleanTags(tags) {
		id, err := s.tagID(ctx, tx, name, true)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO document_tags (document_id, tag_id) VALUES (?, ?)
 ON CONFLICT (document_id, tag_id) DO NOTHING`), docID, id)
		if err != nil {
			return fmt.Errorf("tag %s with %q: %w", docID, name, err)
		}
	}
	return nil
}

// documentExists returns ErrNotFound unless the document exists.
func (s *Store) documentExists(ctx context.Context, tx *sql.Tx, docID string) error {
	var n int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM documents WHERE id = ?`), docID).Scan(&n); err != nil {
		return fmt.Errorf("document %s: %w", docID, err)
	}
	if n == 0 {
		return fmt.Errorf("document %s: %w", docID, ErrNotFound)
	}
	return nil
}

// AddTags gives a document tags, creating those that do not exist yet.
// ErrNotFound if the document does not exist.
func (s *Store) AddTags(ctx context.Context, docID string, tags ...string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.documentExists(ctx, tx, docID); err != nil {
			return err
		}
		return s.attachTags(ctx, tx, docID, tags)
	})
	if err != nil {
		return fmt.Errorf("add tags: %w", err)
	}
	return nil
}

// RemoveTags takes tags off a document; tags it does not have are ignored,
// and a tag left on no document is deleted. ErrNotFound if the document
// does not exist.
func (s *Store) RemoveTags(ctx context.Context, docID string, tags ...string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.documentExists(ctx, tx, docID); err != nil {
			return err
		}
		for _, name := range cleanTags(tags) {
			id, err := s.tagID(ctx, tx, name, false)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM document_tags WHERE document_id = ? AND tag_id = ?`), docID, id); err != nil {
				return fmt.Errorf("untag %q: %w", name, err)
			}
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM tags WHERE id = ?
 AND NOT EXISTS (SELECT 1 FROM document_tags WHERE tag_id = ?)`), id, id); err != nil {
				return fmt.Errorf("drop unused tag %q: %w", name, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("remove tags: %w", err)
	}
	return nil
}

// RenameTag renames a tag on every document. ErrNotFound if from does not
// exist; ErrConflict if to does (merge them with MergeTags instead).
func (s *Store) RenameTag(ctx context.Context, from, to string) error {
	from, to = strings.TrimSpace(from), strings.TrimSpace(to)
	if to == "" {
		return errors.New("rename tag: empty new name")
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := s.tagID(ctx, tx, from, false)
		if err != nil {
			return err
		}
		if from == to {
			return nil
		}
		if _, err := s.tagID(ctx, tx, to, false); err == nil {
			return fmt.Errorf("tag %q exists: %w", to, ErrConflict)
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE tags SET name = ? WHERE id = ?`), to, id); err != nil {
			if s.d.isUniqueViolation(err) { // created meanwhile by another writer
				return fmt.Errorf("tag %q exists: %w", to, ErrConflict)
			}
			return fmt.Errorf("rename %q: %w", from, err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("rename tag: %w", err)
	}
	return nil
}

// MergeTags gives every document carrying one of the from tags the tag
// into (created if missing), then deletes the from tags. ErrNotFound if a
// from tag does not exist (nothing is changed then).
func (s *Store) MergeTags(ctx context.Context, into string, from ...string) error {
	into = strings.TrimSpace(into)
	if into == "" {
		return errors.New("merge tags: empty target name")
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		intoID, err := s.tagID(ctx, tx, into, true)
		if err != nil {
			return err
		}
		for _, name := range cleanTags(from) {
			if name == into {
				continue
			}
			id, err := s.tagID(ctx, tx, name, false)
			if err != nil {
				return err
			}
			// WHERE before ON CONFLICT: SQLite would otherwise read ON as a join.
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO document_tags (document_id, tag_id)
 SELECT document_id, CAST(? AS TEXT) FROM document_tags WHERE tag_id = ? ON CONFLICT (document_id, tag_id) DO NOTHING`), intoID, id); err != nil {
				return fmt.Errorf("merge %q: %w", name, err)
			}
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM tags WHERE id = ?`), id); err != nil {
				return fmt.Errorf("merge %q: %w", name, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("merge tags: %w", err)
	}
	return nil
}

// Tags lists every tag with how many documents carry it, by name.
func (s *Store) Tags(ctx context.Context) ([]TagCount, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT t.name, count(dt.document_id) FROM tags t
 LEFT JOIN document_tags dt ON dt.tag_id = t.id GROUP BY t.id, t.name`)
	if err != nil {
		return nil, fmt.Errorf("tags: %w", err)
	}
	defer rows.Close()
	var out []TagCount
	for rows.Next() {
		var tc TagCount
		if err := rows.Scan(&tc.Name, &tc.Count); err != nil {
			return nil, fmt.Errorf("tags: %w", err)
		}
		out = append(out, tc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("tags: %w", err)
	}
	// By byte order, the same on both databases whatever PostgreSQL's collation.
	slices.SortFunc(out, func(a, b TagCount) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}
