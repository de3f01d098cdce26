package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestAuditCheckpoint: deleting the newest entries leaves a chain that
// verifies on its own; the checkpoints — the stored one, the server's
// file, a backup's — report it, and a log rewritten with fresh hashes
// past a checkpoint too. A checkpoint never moves back over the damage.
func TestAuditCheckpoint(t *testing.T) {
	cases := []struct {
		name   string
		tamper []string // statements run after the checkpoint at entry 6 and two more entries
		want   string
	}{
		{"tail deleted", []string{`DELETE FROM audit_log WHERE seq > 4`}, "entries 5–6 were deleted"},
		{"all deleted", []string{`DELETE FROM audit_log`}, "the log is empty"},
		{"tail deleted with the checkpoints", []string{`DELETE FROM audit_log WHERE seq > 4`, `DELETE FROM audit_checkpoints`}, "entries 5–6 were deleted"},
	}
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, c := range cases {
			t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
				for _, q := range []string{`DELETE FROM audit_log`, `DELETE FROM audit_checkpoints`} {
					if _, err := s.w.Exec(q); err != nil {
						t.Fatal(err)
					}
				}
				file := filepath.Join(t.TempDir(), "planwatch.db.audit-head")
				appendN(t, s, 6)
				cp, err := s.CheckpointAudit(ctx, "server", AuditCheckpoint{})
				if err != nil || cp.LastSeq != 6 || cp.Entries != 6 {
					t.Fatalf("checkpoint: %+v, %v", cp, err)
				}
				if err := WriteAuditCheckpointFile(file, cp); err != nil {
					t.Fatal(err)
				}
				appendN(t, s, 2)
				fileCP, err := ReadAuditCheckpointFile(file)
				if err != nil || fileCP != cp {
					t.Fatalf("file holds %+v, %v; want %+v", fileCP, err, cp)
				}
				h, err := s.VerifyAudit(ctx, fileCP)
				if err != nil || h.LastSeq != 8 || h.Checkpoint.LastSeq != 6 {
					t.Fatalf("before tampering: %+v, %v", h, err)
				}
				for _, q := range c.tamper {
					if _, err := s.w.Exec(q); err != nil {
						t.Fatal(err)
					}
				}
				if _, err := s.walkAudit(ctx); err != nil {
					t.Fatalf("the chain alone should not see it: %v", err)
				}
				_, err = s.VerifyAudit(ctx, fileCP)
				if !errors.Is(err, ErrAuditTampered) || !strings.Contains(err.Error(), c.want) {
					t.Fatalf("VerifyAudit = %v, want ErrAuditTampered saying %q", err, c.want)
				}
				// The server's next round refuses to note the cut-back head.
				if _, err := s.CheckpointAudit(ctx, "server", fileCP); !errors.Is(err, ErrAuditTampered) {
					t.Errorf("checkpoint over the damage: %v", err)
				}
				// Entries appended since, past the checkpoint, do not hide it either.
				appendN(t, s, 7)
				if _, err := s.VerifyAudit(ctx, fileCP); !errors.Is(err, ErrAuditTampered) || !strings.Contains(err.Error(), "rewritten") {
					t.Errorf("after new entries past the checkpoint: %v", err)
				}
			})
		}
		// No checkpoint, no claim: a fresh log verifies and says so.
		for _, q := range []string{`DELETE FROM audit_log`, `DELETE FROM audit_checkpoints`} {
			s.w.Exec(q)
		}
		appendN(t, s, 2)
		if h, err := s.VerifyAudit(ctx); err != nil || h.Checkpoint.LastSeq != 0 {
			t.Errorf("fresh log: %+v, %v", h, err)
		}
		// An idle log is not noted again and again.
		s.CheckpointAudit(ctx, "server", AuditCheckpoint{})
		s.CheckpointAudit(ctx, "server", AuditCheckpoint{})
		var n int
		if err := s.w.QueryRow(`SELECT COUNT(*) FROM audit_checkpoints`).Scan(&n); err != nil || n != 1 {
			t.Errorf("%d checkpoint rows for one head, %v", n, err)
		}
	})
}

// TestBackupCarriesCheckpoint: a backup notes the head before it copies,
// so the copy holds it.
func TestBackupCarriesCheckpoint(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(ctx, filepath.Join(dir, "live.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	appendN(t, s, 3)
	backup := filepath.Join(dir, "b.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+backup+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var seq int64
	var by string
	if err := db.QueryRow(`SELECT last_seq, recorded_by FROM audit_checkpoints`).Scan(&seq, &by); err != nil || seq != 3 || by != "backup" {
		t.Errorf("the backup's checkpoint: %d %q %v", seq, by, err)
	}
	if cp, ok, err := s.LatestAuditCheckpoint(ctx); !ok || err != nil || cp.LastSeq != 3 {
		t.Errorf("the live database's checkpoint: %+v %v %v", cp, ok, err)
	}
}
