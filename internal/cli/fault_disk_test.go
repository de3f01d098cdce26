package cli

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"planwatch/internal/store"
)

// TestDiskFullAdd fills the database's disk during `planwatch add`: a
// small tmpfs holds the library (root can mount one; the test skips
// otherwise). The command fails with one line naming the cause, no panic;
// once there is room again the database is intact and the same command
// completes the job.
func TestDiskFullAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs as a full disk")
	}
	dir := t.TempDir()
	disk := filepath.Join(dir, "disk")
	os.MkdirAll(disk, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", disk).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", disk, err, out)
		}
	})
	docs := filepath.Join(dir, "docs")
	os.MkdirAll(docs, 0o755)
	const n = 300
	randomDocs(t, docs, n)
	db := filepath.Join(disk, "planwatch.db")

	cmd := asMain("add", "--db", db, docs)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err == nil {
		t.Fatalf("add succeeded on a 2 MiB disk")
	}
	if strings.Contains(stderr.String(), "panic") || strings.Contains(stderr.String(), "goroutine ") {
		t.Fatalf("add panicked on a full disk:\n%s", stderr.String())
	}
	// It stops at the first document the disk cannot take, with one line
	// saying why and what to do, rather than failing every later one.
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "planwatch: add: ") || !strings.Contains(last, "disk is full") || !strings.Contains(last, "run the same command again") {
		t.Errorf("last line of stderr = %q, want one naming the full disk and the remedy", last)
	}
	if fails := strings.Count(stdout.String(), "  failed "); fails != 1 {
		t.Errorf("%d documents reported failed, want the one the disk could not take:\n%s", fails, stdout.String())
	}

	// A backup onto the full disk fails the same way and leaves no file.
	target := filepath.Join(disk, "backup.db")
	bcode, _, berr := run(t, "", "backup", "--db", db, "--to", target)
	if bcode == exitOK || strings.Count(berr, "\n") != 1 || !strings.Contains(berr, "full") {
		t.Errorf("backup onto a full disk = %d, stderr %q; want one line naming the full disk", bcode, berr)
	}
	for _, f := range []string{target, target + ".partial"} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("a failed backup left %s", f)
		}
	}

	if out, err := exec.Command("mount", "-o", "remount,size=64m", disk).CombinedOutput(); err != nil {
		t.Fatalf("remount: %v %s", err, out)
	}
	integrityOK(t, db)
	libraryWhole(t, db)
	code, out, errOut := run(t, "", "add", "--db", db, docs)
	if code != exitOK {
		t.Fatalf("add with room again = %d\n%s%s", code, out, errOut)
	}
	if got := libraryWhole(t, db); got != n {
		t.Errorf("%d whole documents after the rerun, want %d", got, n)
	}
}

// TestServeRefusesNewerSchema: a database a newer planwatch migrated is
// refused at start with one line naming the steps and the remedy, and is
// left as it was.
func TestServeRefusesNewerSchema(t *testing.T) {
	db := filepath.Join(t.TempDir(), "planwatch.db")
	st, err := store.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	sqlDB, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqlDB.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9990, '9990_future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	sqlDB.Close()
	code, out, errOut := run(t, "", "serve", "--db", db, "--addr", "127.0.0.1:0")
	if code == exitOK || out != "" {
		t.Fatalf("serve on a newer schema = %d\n%s", code, out)
	}
	oneLineNaming(t, errOut, "database "+db)
	if !strings.Contains(errOut, "9990") || !strings.Contains(errOut, "upgrade planwatch") {
		t.Errorf("stderr = %q, want the unknown step and the remedy", errOut)
	}
	if n := countRows(t, db, "schema_migrations"); n == 0 {
		t.Error("the refused database lost its schema_migrations")
	}
}
