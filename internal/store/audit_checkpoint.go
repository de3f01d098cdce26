package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Audit checkpoints note the audit log's head — its last entry's seq and
// hash, and how many entries there were — outside the log's table, so
// that deleting its newest entries shows: a chain that merely ends
// earlier still verifies. The server writes one every minute
// (schedule.AuditCheckpoint) into audit_checkpoints and into a file
// outside the database; each backup writes one before it copies, so the
// backup carries it. A checkpoint only ever moves forward along the
// chain: CheckpointAudit refuses to note a head that does not extend the
// last one, which is the tampering it exists to catch.

// AuditCheckpoint is the audit log's head as seen at a time.
type AuditCheckpoint struct {
	At      time.Time `json:"at"`
	LastSeq int64     `json:"last_seq"`
	Hash    string    `json:"sha256"`
	Entries int64     `json:"entries"`
	By      string    `json:"by"` // server, backup, restore
}

// keptCheckpoints is how many rows audit_checkpoints keeps: only the
// newest is checked; the others are history for a person to read.
const keptCheckpoints = 1000

// auditHeadNow reads the log's head without walking the chain.
func (s *Store) auditHeadNow(ctx context.Context, q querier) (AuditCheckpoint, error) {
	var cp AuditCheckpoint
	err := q.QueryRowContext(ctx, `SELECT seq, entry_sha256 FROM audit_log ORDER BY seq DESC LIMIT 1`).Scan(&cp.LastSeq, &cp.Hash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return cp, err
	}
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log`).Scan(&cp.Entries); err != nil {
		return cp, err
	}
	return cp, nil
}

// LatestAuditCheckpoint returns the stored checkpoint furthest along the
// chain; ok is false when there is none.
func (s *Store) LatestAuditCheckpoint(ctx context.Context) (cp AuditCheckpoint, ok bool, err error) {
	var at int64
	err = s.r.QueryRowContext(ctx, `SELECT recorded_at, last_seq, entry_sha256, entries, recorded_by FROM audit_checkpoints
 ORDER BY last_seq DESC, recorded_at DESC LIMIT 1`).Scan(&at, &cp.LastSeq, &cp.Hash, &cp.Entries, &cp.By)
	if errors.Is(err, sql.ErrNoRows) {
		return AuditCheckpoint{}, false, nil
	}
	if err != nil {
		return AuditCheckpoint{}, false, fmt.Errorf("audit checkpoint: %w", err)
	}
	cp.At = fromMillis(at)
	return cp, true, nil
}

// CheckpointAudit notes the log's current head, by "server" or "backup",
// in audit_checkpoints (unless it is the one noted last) and returns it.
// It refuses, wrapping ErrAuditTampered, a head that does not extend the
// newest stored checkpoint or prev (a checkpoint file's; zero for none):
// entries deleted or rewritten since.
func (s *Store) CheckpointAudit(ctx context.Context, by string, prev AuditCheckpoint) (AuditCheckpoint, error) {
	var cp AuditCheckpoint
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if cp, err = s.auditHeadNow(ctx, tx); err != nil {
			return err
		}
		cp.At, cp.By = fromMillis(now()), by
		latest, ok, err := s.LatestAuditCheckpoint(ctx)
		if err != nil {
			return err
		}
		for _, a := range []AuditCheckpoint{latest, prev} {
			if err := s.checkAnchorIn(ctx, tx, cp, a); err != nil {
				return err
			}
		}
		if ok && latest.LastSeq == cp.LastSeq && latest.Hash == cp.Hash {
			return nil // nothing new since
		}
		if cp.LastSeq == 0 {
			return nil // an empty log has nothing to note
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO audit_checkpoints (id, recorded_at, last_seq, entry_sha256, entries, recorded_by)
 VALUES (?, ?, ?, ?, ?, ?)`), NewID(), cp.At.UnixMilli(), cp.LastSeq, cp.Hash, cp.Entries, by); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`DELETE FROM audit_checkpoints WHERE last_seq < (SELECT MIN(last_seq) FROM
 (SELECT last_seq FROM audit_checkpoints ORDER BY last_seq DESC LIMIT ?) newest)`), keptCheckpoints)
		return err
	})
	if err != nil {
		return AuditCheckpoint{}, fmt.Errorf("audit checkpoint: %w", err)
	}
	return cp, nil
}

// checkAnchor checks that the log whose head VerifyAudit found still
// holds what checkpoint cp saw.
func (s *Store) checkAnchor(ctx context.Context, head AuditHead, cp AuditCheckpoint) error {
	return s.checkAnchorIn(ctx, s.r, AuditCheckpoint{LastSeq: head.LastSeq, Hash: head.Hash}, cp)
}

// checkAnchorIn checks the log (head: its last entry) against checkpoint
// cp: the entry cp saw last must still be there with the same hash, or
// have gone in a recorded prune (older than the first entry left; the
// chain's own check covers that).
func (s *Store) checkAnchorIn(ctx context.Context, q querier, head, cp AuditCheckpoint) error {
	if cp.LastSeq == 0 {
		return nil
	}
	who := fmt.Sprintf("the checkpoint of %s (%s)", cp.At.Local().Format(time.DateTime), cp.By)
	if head.LastSeq < cp.LastSeq {
		if head.LastSeq == 0 {
			return fmt.Errorf("the log is empty, but %s saw entry %d: its entries were deleted: %w", who, cp.LastSeq, ErrAuditTampered)
		}
		gone := fmt.Sprintf("entries %d–%d were deleted", head.LastSeq+1, cp.LastSeq)
		if head.LastSeq+1 == cp.LastSeq {
			gone = fmt.Sprintf("entry %d was deleted", cp.LastSeq)
		}
		return fmt.Errorf("%s: %s saw entry %d (sha256 %.16s…), but the log ends at entry %d: %w",
			gone, who, cp.LastSeq, cp.Hash, head.LastSeq, ErrAuditTampered)
	}
	var hash string
	err := q.QueryRowContext(ctx, s.q(`SELECT entry_sha256 FROM audit_log WHERE seq = ?`), cp.LastSeq).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		var first sql.NullInt64
		if err := q.QueryRowContext(ctx, `SELECT MIN(seq) FROM audit_log`).Scan(&first); err != nil {
			return err
		}
		if first.Valid && cp.LastSeq < first.Int64 {
			return nil // pruned since
		}
		return fmt.Errorf("entry %d, which %s saw, is missing: %w", cp.LastSeq, who, ErrAuditTampered)
	}
	if err != nil {
		return err
	}
	if hash != cp.Hash {
		return fmt.Errorf("entry %d differs from what %s saw (sha256 %.16s…): the log was rewritten: %w",
			cp.LastSeq, who, cp.Hash, ErrAuditTampered)
	}
	return nil
}

// ReadAuditCheckpointFile reads a checkpoint file; a missing file is the
// zero checkpoint (none yet), not an error.
func ReadAuditCheckpointFile(path string) (AuditCheckpoint, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return AuditCheckpoint{}, nil
	}
	if err != nil {
		return AuditCheckpoint{}, fmt.Errorf("audit checkpoint file: %w", err)
	}
	var cp AuditCheckpoint
	if err := json.Unmarshal(b, &cp); err != nil {
		return AuditCheckpoint{}, fmt.Errorf("audit checkpoint file %s: %w", path, err)
	}
	return cp, nil
}

// WriteAuditCheckpointFile writes cp to path as one JSON line, through a
// temporary file and a rename, so the file is always whole.
func WriteAuditCheckpointFile(path string, cp AuditCheckpoint) error {
	b, err := json.Marshal(cp)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("audit checkpoint file: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".audit-head-*")
	if err != nil {
		return fmt.Errorf("audit checkpoint file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("audit checkpoint file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("audit checkpoint file: %w", err)
	}
	if err := syncAndRename(tmp.Name(), path); err != nil {
		return fmt.Errorf("audit checkpoint file: %w", err)
	}
	return nil
}
