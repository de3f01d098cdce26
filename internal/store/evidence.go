package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Evidence is a file attached to a progress update (佐证材料); its bytes
// are a blob.
type Evidence struct {
	UpdateID    string
	Name        string // file name as uploaded, without directories
	ContentType string // sniffed from the bytes
	Size        int64
	SHA256      string // of the blob
	CreatedAt   time.Time
}

// AttachEvidence stores data as a blob and names it as the evidence of an
// existing update, with the audit entry audit, in one transaction. It
// returns the evidence as stored. ErrNotFound when there is no such
// update, ErrConflict when it has a file already.
func (s *Store) AttachEvidence(ctx context.Context, ev Evidence, data []byte, audit AuditEntry) (Evidence, error) {
	t := now()
	ev, err := prepareEvidence(ev, data, t)
	if err != nil {
		return Evidence{}, err
	}
	err = s.retryAudit(ctx, func(tx *sql.Tx) error {
		if err := s.attachEvidenceTx(ctx, tx, ev, data, t); err != nil {
			return err
		}
		_, err := s.appendAuditIn(ctx, tx, audit)
		return err
	})
	if err != nil {
		return Evidence{}, fmt.Errorf("attach evidence: %w", err)
	}
	return ev, nil
}

// attachEvidenceTx writes the blob and the evidence row in tx; a method
// that saves an update and its file together calls it after the update.
func (s *Store) attachEvidenceTx(ctx context.Context, tx *sql.Tx, ev Evidence, data []byte, at int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM updates WHERE id = ?`), ev.UpdateID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("update %s: %w", ev.UpdateID, ErrNotFound)
	}
	if err := s.putBlob(ctx, tx, ev.SHA256, data); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO update_evidence (update_id, file_name, content_type, file_size, blob_sha256, created_at)
 VALUES (?, ?, ?, ?, ?, ?)`), ev.UpdateID, ev.Name, ev.ContentType, ev.Size, ev.SHA256, at)
	if err != nil {
		if s.d.isUniqueViolation(err) {
			return fmt.Errorf("update %s has evidence already: %w", ev.UpdateID, ErrConflict)
		}
		return err
	}
	return nil
}

const evidenceCols = `e.update_id, e.file_name, e.content_type, e.file_size, e.blob_sha256, e.created_at`

func scanEvidence(row scanner) (Evidence, error) {
	var (
		ev Evidence
		at int64
	)
	err := row.Scan(&ev.UpdateID, &ev.Name, &ev.ContentType, &ev.Size, &ev.SHA256, &at)
	ev.CreatedAt = fromMillis(at)
	return ev, err
}

// UpdateEvidence returns the file attached to an update (its full ID), or
// ErrNotFound.
func (s *Store) UpdateEvidence(ctx context.Context, updateID string) (Evidence, error) {
	ev, err := scanEvidence(s.r.QueryRowContext(ctx, s.q(`SELECT `+evidenceCols+` FROM update_evidence e WHERE e.update_id = ?`), updateID))
	if errors.Is(err, sql.ErrNoRows) {
		return Evidence{}, fmt.Errorf("evidence of update %s: %w", updateID, ErrNotFound)
	}
	if err != nil {
		return Evidence{}, fmt.Errorf("evidence of update %s: %w", updateID, err)
	}
	return ev, nil
}

// ItemEvidence returns the files attached to the updates of an item (its
// full ID), by update ID.
func (s *Store) ItemEvidence(ctx context.Context, itemID string) (map[string]Evidence, error) {
	evs, err := queryAll(ctx, s, scanEvidence, `SELECT `+evidenceCols+` FROM update_evidence e
 JOIN updates u ON u.id = e.update_id WHERE u.item_id = ?`, itemID)
	if err != nil {
		return nil, fmt.Errorf("evidence of item %s: %w", itemID, err)
	}
	out := make(map[string]Evidence, len(evs))
	for _, ev := range evs {
		out[ev.UpdateID] = ev
	}
	return out, nil
}

// UpdateByID returns one update by its full ID, or ErrNotFound.
func (s *Store) UpdateByID(ctx context.Context, id string) (Update, error) {
	u, err := scanUpdate(s.r.QueryRowContext(ctx, s.q(`SELECT `+updateCols+` FROM updates u WHERE u.id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return Update{}, fmt.Errorf("update %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return Update{}, fmt.Errorf("update %s: %w", id, err)
	}
	return u, nil
}
