package cli

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"planwatch/internal/store"
)

// TestAuditVerifyReportsDeletedTail: a server notes the audit log's head
// (in the table and in its checkpoint file), a backup notes it again;
// someone with the database's password then deletes the newest entries,
// and the checkpoint rows with them. The chain that is left is whole, yet
// `audit verify` reports the deletion and fails. On SQLite and, given
// PLANWATCH_TEST_POSTGRES, on PostgreSQL.
func TestAuditVerifyReportsDeletedTail(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "planwatch.db")
			file := db + ".audit-head" // the default beside a SQLite database
			if backend == "postgres" {
				db = freshPostgres(t)
				file = filepath.Join(t.TempDir(), "audit-head")
				t.Setenv("PLANWATCH_AUDIT_CHECKPOINT", file)
			}
			t.Setenv("USER", "ops")
			for _, login := range []string{"admin", "kjj"} {
				if code, out, errOut := run(t, "Plan-2025-office\n", "user", "add", login, "--role", "admin", "--password-stdin", "--db", db); code != exitOK {
					t.Fatalf("user add = %d %s%s", code, out, errOut)
				}
			}
			srv := startServe(t, nil, "--db", db)
			if _, err := srv.stop(t); err != nil {
				t.Fatalf("serve: %v\n%s", err, srv.stderr.String())
			}
			if cp, err := store.ReadAuditCheckpointFile(file); err != nil || cp.LastSeq != 2 || cp.By != "server" {
				t.Fatalf("the server's checkpoint file: %+v, %v", cp, err)
			}
			for _, verb := range []string{"disable", "enable"} {
				if code, _, errOut := run(t, "", "user", verb, "kjj", "--db", db); code != exitOK {
					t.Fatalf("user %s: %s", verb, errOut)
				}
			}
			if code, _, errOut := run(t, "", "backup", "--db", db, "--to", filepath.Join(t.TempDir(), "b.backup")); code != exitOK {
				t.Fatalf("backup: %s", errOut)
			}
			code, out, errOut := run(t, "", "audit", "verify", "--db", db)
			if code != exitOK || !strings.Contains(out, "4 entries") || !strings.Contains(out, "(backup) at entry 4") {
				t.Fatalf("verify before = %d\n%s%s", code, out, errOut)
			}
			// The tail goes; then the rows that noted it: the file still knows.
			raw := openRaw(t, db)
			if _, err := raw.Exec(`DELETE FROM audit_log WHERE seq > 1`); err != nil {
				t.Fatal(err)
			}
			code, _, errOut = run(t, "", "audit", "verify", "--db", db)
			if code != exitFail || !strings.Contains(errOut, "entries 2–4 were deleted") || !strings.Contains(errOut, "(backup)") {
				t.Errorf("verify after deleting the tail = %d: %s", code, errOut)
			}
			if _, err := raw.Exec(`DELETE FROM audit_checkpoints`); err != nil {
				t.Fatal(err)
			}
			code, _, errOut = run(t, "", "audit", "verify", "--db", db)
			if code != exitFail || !strings.Contains(errOut, "entry 2 was deleted") || !strings.Contains(errOut, "(server)") {
				t.Errorf("verify with the checkpoint rows gone too = %d: %s", code, errOut)
			}
			if code, _, _ := run(t, "", "audit", "verify", "--db", db, "--checkpoint", filepath.Join(t.TempDir(), "none")); code != exitOK {
				t.Errorf("verify against no file: %d (the chain left is whole)", code)
			}
		})
	}
}

// openRaw opens a database around the store, as someone with its
// password would.
func openRaw(t *testing.T, db string) *sql.DB {
	t.Helper()
	driver, dsn := "sqlite", "file:"+db+"?_pragma=busy_timeout(5000)"
	if strings.HasPrefix(db, "postgres") {
		driver, dsn = "pgx", db
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	if err := raw.PingContext(context.Background()); err != nil {
		t.Fatal(err)
	}
	return raw
}
