package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Watched documents are fetched again by the server each round; when the
// text changed, a ChangeAlert says so in the app.

// Watch is a watched document and how its last check went.
type Watch struct {
	Document      Document
	CreatedAt     time.Time
	CreatedBy     string
	LastCheckedAt time.Time // zero: not checked yet
	LastError     string    // of the last check, "" when it went well
}

// ChangeAlert records that a watched document's text changed between two
// versions.
type ChangeAlert struct {
	ID           string
	DocumentID   string
	Title        string
	FromSeq      int
	ToSeq        int
	AddedLines   int
	RemovedLines int
	Summary      string // the first changed lines, for a glance
	CreatedAt    time.Time
}

// AddWatch marks a document (ID or unique prefix) as watched by who and
// returns it; watching it again changes nothing. Only documents fetched
// from a URL can be watched: a file is not fetched again.
func (s *Store) AddWatch(ctx context.Context, docID, who string) (Document, error) {
	d, err := s.Document(ctx, docID)
	if err != nil {
		return Document{}, fmt.Errorf("watch: %w", err)
	}
	if !isHTTPURL(d.Source) {
		return Document{}, fmt.Errorf("watch %s: read from %s, not a URL: only fetched documents can be watched", d.ID, d.Source)
	}
	_, err = s.w.ExecContext(ctx, s.q(`INSERT INTO document_watches (document_id, created_at, created_by, last_checked_at, last_error)
 VALUES (?, ?, ?, 0, '') ON CONFLICT (document_id) DO NOTHING`), d.ID, now(), clip(who, 200))
	if err != nil {
		return Document{}, fmt.Errorf("watch %s: %w", d.ID, err)
	}
	return d, nil
}

// isHTTPURL reports whether a document source is a web address.
func isHTTPURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// RemoveWatch stops watching a document; ErrNotFound if it was not watched.
func (s *Store) RemoveWatch(ctx context.Context, docID string) (Document, error) {
	d, err := s.Document(ctx, docID)
	if err != nil {
		return Document{}, fmt.Errorf("unwatch: %w", err)
	}
	res, err := s.w.ExecContext(ctx, s.q(`DELETE FROM document_watches WHERE document_id = ?`), d.ID)
	if err != nil {
		return Document{}, fmt.Errorf("unwatch %s: %w", d.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return Document{}, fmt.Errorf("unwatch %s: not watched: %w", d.ID, ErrNotFound)
	}
	return d, nil
}

// Watches lists the watched documents, those checked longest ago first.
func (s *Store) Watches(ctx context.Context) ([]Watch, error) {
	out, err := queryAll(ctx, s, func(sc scanner) (Watch, error) {
		var (
			w              Watch
			created, check int64
		)
		d, err := scanDocument(sc, &created, &w.CreatedBy, &check, &w.LastError)
		w.Document, w.CreatedAt, w.LastCheckedAt = d, fromMillis(created), fromMillis(check)
		return w, err
	}, `SELECT `+docCols+`, w.created_at, w.created_by, w.last_checked_at, w.last_error
 FROM document_watches w JOIN documents d ON d.id = w.document_id ORDER BY w.last_checked_at, d.id`)
	if err != nil {
		return nil, fmt.Errorf("watches: %w", err)
	}
	return out, nil
}

// MarkWatchChecked records a check of a watched document at t and its
// error (nil for none).
func (s *Store) MarkWatchChecked(ctx context.Context, docID string, t time.Time, checkErr error) error {
	msg := ""
	if checkErr != nil {
		msg = clip(checkErr.Error(), 2000)
	}
	_, err := s.w.ExecContext(ctx, s.q(`UPDATE document_watches SET last_checked_at = ?, last_error = ? WHERE document_id = ?`),
		t.UnixMilli(), msg, docID)
	if err != nil {
		return fmt.Errorf("watch %s: %w", docID, err)
	}
	return nil
}

// AddChangeAlert stores an alert; one for the same document and new
// version already stored is kept (two servers may notice the same change)
// and ErrConflict returned.
func (s *Store) AddChangeAlert(ctx context.Context, a ChangeAlert) (ChangeAlert, error) {
	a.ID = NewID()
	if a.CreatedAt.IsZero() {
		a.CreatedAt = time.Now()
	}
	a.CreatedAt = fromMillis(a.CreatedAt.UnixMilli())
	res, err := s.w.ExecContext(ctx, s.q(`INSERT INTO change_alerts (id, document_id, title, from_seq, to_seq, added_lines, removed_lines, summary, created_at)
 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (document_id, to_seq) DO NOTHING`),
		a.ID, a.DocumentID, clip(a.Title, 500), a.FromSeq, a.ToSeq, a.AddedLines, a.RemovedLines, clip(a.Summary, 4000), a.CreatedAt.UnixMilli())
	if err != nil {
		return ChangeAlert{}, fmt.Errorf("change alert %s: %w", a.DocumentID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ChangeAlert{}, fmt.Errorf("change alert %s v%d: %w", a.DocumentID, a.ToSeq, ErrConflict)
	}
	return a, nil
}

// ChangeAlerts returns the newest alerts, at most limit (default 100).
func (s *Store) ChangeAlerts(ctx context.Context, limit int) ([]ChangeAlert, error) {
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	out, err := queryAll(ctx, s, func(sc scanner) (ChangeAlert, error) {
		var (
			a  ChangeAlert
			at int64
		)
		err := sc.Scan(&a.ID, &a.DocumentID, &a.Title, &a.FromSeq, &a.ToSeq, &a.AddedLines, &a.RemovedLines, &a.Summary, &at)
		a.CreatedAt = fromMillis(at)
		return a, err
	}, `SELECT id, document_id, title, from_seq, to_seq, added_lines, removed_lines, summary, created_at
 FROM change_alerts ORDER BY created_at DESC, id DESC LIMIT `+strconv.Itoa(limit))
	if err != nil {
		return nil, fmt.Errorf("change alerts: %w", err)
	}
	return out, nil
}
