package store

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
)

// AuditHead is what VerifyAudit found: how many entries, the first and
// last seq, and the last entry's hash — worth noting outside the database
// — and the newest checkpoint the log was found to extend.
type AuditHead struct {
	Entries  int64
	FirstSeq int64
	LastSeq  int64
	Hash     string
	// Checkpoint is the newest of the checkpoints checked (the stored
	// ones and those given); zero when there was none.
	Checkpoint AuditCheckpoint
}

// VerifyAudit walks the whole chain and checks it against the newest
// stored checkpoint and against anchors (a checkpoint file's): it returns
// the head, or an error wrapping ErrAuditTampered that names the first
// entry out of place, or the newest entries deleted since a checkpoint
// saw them.
func (s *Store) VerifyAudit(ctx context.Context, anchors ...AuditCheckpoint) (AuditHead, error) {
	head, err := s.walkAudit(ctx)
	if err != nil {
		return head, err
	}
	stored, ok, err := s.LatestAuditCheckpoint(ctx)
	if err != nil {
		return head, fmt.Errorf("verify audit: %w", err)
	}
	if ok {
		anchors = append(anchors, stored)
	}
	// The one furthest along first: it tells the most of what is gone.
	slices.SortStableFunc(anchors, func(a, b AuditCheckpoint) int { return cmp.Compare(b.LastSeq, a.LastSeq) })
	for _, cp := range anchors {
		if cp.LastSeq == 0 {
			continue
		}
		if err := s.checkAnchor(ctx, head, cp); err != nil {
			return head, fmt.Errorf("verify audit: %w", err)
		}
		if cp.LastSeq > head.Checkpoint.LastSeq || head.Checkpoint.At.IsZero() {
			head.Checkpoint = cp
		}
	}
	return head, nil
}

// walkAudit walks the chain from its first entry to its last.
func (s *Store) walkAudit(ctx context.Context) (AuditHead, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return AuditHead{}, fmt.Errorf("verify audit: %w", err)
	}
	defer rows.Close()
	var (
		head     AuditHead
		prev     AuditEntry
		anchored bool // the first entry is entry 1 or follows a recorded prune
		first    AuditEntry
	)
	broken := func(e AuditEntry, why string) (AuditHead, error) {
		return head, fmt.Errorf("verify audit: entry %d (%s): %s: %w", e.Seq, e.Action, why, ErrAuditTampered)
	}
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return AuditHead{}, fmt.Errorf("verify audit: %w", err)
		}
		if head.Entries == 0 {
			first, head.FirstSeq = e, e.Seq
			anchored = e.Seq == 1 && e.PrevHash == ""
		} else {
			if e.Seq != prev.Seq+1 {
				return broken(e, fmt.Sprintf("follows entry %d: entries are missing", prev.Seq))
			}
			if e.PrevHash != prev.Hash {
				return broken(e, "does not link to the entry before it")
			}
		}
		if chainHash(e.PrevHash, e) != e.Hash {
			return broken(e, "its content does not match its hash")
		}
		if !anchored && e.Action == "audit.prune" {
			var n pruneNote
			if json.Unmarshal(e.After, &n) == nil && n.ThroughSeq == first.Seq-1 && n.ThroughSHA256 == first.PrevHash {
				anchored = true
			}
		}
		head.Entries++
		head.LastSeq, head.Hash = e.Seq, e.Hash
		prev = e
	}
	if err := rows.Err(); err != nil {
		return AuditHead{}, fmt.Errorf("verify audit: %w", err)
	}
	if head.Entries > 0 && !anchored {
		return broken(first, "the entries before it were removed without a prune record")
	}
	return head, nil
}
