package store_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"planwatch/internal/store"
)

// TestRestoreRefusesOpenDatabase: while a store (a server, a command) has
// the database open, Restore refuses, with or without force, and changes
// nothing; once it is closed the restore goes ahead. While a restore
// holds the database, Open refuses.
func TestRestoreRefusesOpenDatabase(t *testing.T) {
	ctx := context.Background()
	type backend struct {
		name   string
		target func(t *testing.T) string
	}
	backends := []backend{{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "live.db") }}}
	if admin := os.Getenv("PLANWATCH_TEST_POSTGRES"); admin != "" {
		if _, err := exec.LookPath("pg_restore"); err == nil {
			backends = append(backends, backend{"postgres", func(t *testing.T) string { return wholeDatabase(t, admin) }})
		}
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.target(t)
			live, err := store.Open(ctx, dsn, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer func() { live.Close() }()
			body := []byte("青溪市推进数字经济发展行动计划\n到2026年，数字经济核心产业增加值达到500亿元。")
			if _, _, err := live.SaveSnapshot(ctx, &store.Snapshot{
				Document: store.Document{Source: "/docs/plan.txt", Title: "青溪市推进数字经济发展行动计划"},
				Version:  store.Version{SHA256: sha(body), Size: int64(len(body)), Format: "text", Text: string(body), Original: string(body), Extraction: []byte("{}")},
				Bytes:    body,
			}); err != nil {
				t.Fatal(err)
			}
			backup := filepath.Join(t.TempDir(), "empty.backup")
			empty, err := store.Open(ctx, filepath.Join(t.TempDir(), "empty.db"), nil)
			if err != nil {
				t.Fatal(err)
			}
			if b.name == "postgres" {
				empty.Close()
				other := wholeDatabase(t, os.Getenv("PLANWATCH_TEST_POSTGRES"))
				if empty, err = store.Open(ctx, other, nil); err != nil {
					t.Fatal(err)
				}
			}
			if err := empty.Backup(ctx, backup); err != nil {
				t.Fatal(err)
			}
			empty.Close()
			for _, force := range []bool{false, true} {
				_, err := store.Restore(ctx, backup, dsn, force, nil)
				if !errors.Is(err, store.ErrInUse) || !strings.Contains(err.Error(), "systemctl stop planwatch") {
					t.Fatalf("restore (force %v) under an open store: %v", force, err)
				}
				if b.name == "sqlite" && !strings.Contains(err.Error(), "pid ") {
					t.Errorf("the refusal does not name the process: %v", err)
				}
				if b.name == "postgres" && !strings.Contains(err.Error(), "planwatch from") {
					t.Errorf("the refusal does not name the session: %v", err)
				}
			}
			if n, err := live.CountDocuments(ctx); err != nil || n != 1 {
				t.Fatalf("after the refused restores the open store reads %d documents, %v", n, err)
			}
			if _, _, err := live.SaveSnapshot(ctx, &store.Snapshot{Document: store.Document{Source: "/docs/2.txt", Title: "第二份"},
				Version: store.Version{SHA256: sha([]byte("2")), Size: 1, Format: "text", Text: "2", Original: "2", Extraction: []byte("{}")},
				Bytes:   []byte("2")}); err != nil {
				t.Fatalf("writing after the refused restores: %v", err)
			}
			live.Close()
			// A restore holding the database keeps Open out.
			release, err := store.LockForRestore(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := store.Open(ctx, dsn, nil); !errors.Is(err, store.ErrInUse) {
				t.Errorf("open during a restore: %v", err)
			}
			release()
			// Nobody has it open: the restore goes ahead.
			counts, err := store.Restore(ctx, backup, dsn, true, nil)
			if err != nil || counts["documents"] != 0 {
				t.Fatalf("restore once closed: %v, %v", counts, err)
			}
		})
	}
}

// TestKeepLockAfterLostSession: when the session holding a server's lock
// dies (PostgreSQL restarted), KeepLock takes the lock again, so a
// restore sees the server once more.
func TestKeepLockAfterLostSession(t *testing.T) {
	admin := os.Getenv("PLANWATCH_TEST_POSTGRES")
	if admin == "" {
		t.Skip("PLANWATCH_TEST_POSTGRES not set")
	}
	ctx := context.Background()
	dsn := wholeDatabase(t, admin)
	st, err := store.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.KeepLock(ctx); err != nil {
		t.Fatalf("KeepLock with the lock held: %v", err)
	}
	db, _ := store.DB(st)
	if _, err := db.ExecContext(ctx, `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()
 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`); err != nil {
		t.Fatal(err)
	}
	release, err := store.LockForRestore(ctx, dsn)
	if err != nil {
		t.Fatalf("with the server's lock session gone a restore gets in: %v", err)
	}
	release()
	if err := st.KeepLock(ctx); err != nil {
		t.Fatalf("KeepLock: %v", err)
	}
	if _, err := store.LockForRestore(ctx, dsn); !errors.Is(err, store.ErrInUse) {
		t.Errorf("after KeepLock a restore should be refused: %v", err)
	}
}
