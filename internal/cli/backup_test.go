package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestBackupRestore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	doc := writeFile(t, "plan.txt", samplePlan)
	if code, out, errOut := run(t, "", "add", "--db", db, doc); code != exitOK {
		t.Fatalf("add = %d %s%s", code, out, errOut)
	}
	backup := filepath.Join(dir, "b.db")
	code, out, errOut := run(t, "", "backup", "--db", db, "--to", backup)
	if code != exitOK || !strings.Contains(out, "1 documents") {
		t.Fatalf("backup = %d %s%s", code, out, errOut)
	}
	if code, _, _ := run(t, "", "backup", "--db", db, "--to", backup); code != exitFail {
		t.Errorf("backup over an existing file = %d, want %d", code, exitFail)
	}
	restored := filepath.Join(dir, "restored.db")
	if code, out, errOut := run(t, "", "restore", "--db", restored, "--from", backup); code != exitOK || !strings.Contains(out, "1 documents") {
		t.Fatalf("restore = %d %s%s", code, out, errOut)
	}
	if code, out, _ := run(t, "", "list", "--db", restored); code != exitOK || !strings.Contains(out, "嘉兴市科创协同") {
		t.Errorf("list on the restored library = %d\n%s", code, out)
	}
	if code, _, errOut := run(t, "", "restore", "--db", restored, "--from", doc); code != exitFail || !strings.Contains(errOut, "neither a SQLite database") {
		t.Errorf("restore from a text file = %d %q", code, errOut)
	}
}
