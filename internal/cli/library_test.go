package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestLibraryScenario runs the library commands as a user would, one after
// another, on a fresh SQLite library.
func TestLibraryScenario(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib", "planwatch.db")
	docs := filepath.Join(dir, "docs")
	if err := os.MkdirAll(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	sample := samplePlan
	plan := filepath.Join(docs, "plan.txt")
	os.WriteFile(plan, sample, 0o644)
	os.WriteFile(filepath.Join(docs, "empty.txt"), nil, 0o644)

	code, out, errOut := run(t, "", "add", "--db", db, "--tag", "长三角", docs)
	if code != exitFail || !strings.Contains(out, "2 inputs: 1 added, 1 failed") || !strings.Contains(out, "failed "+filepath.Join(docs, "empty.txt")+": empty document") {
		t.Fatalf("add = %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "2/2 added "+plan) {
		t.Errorf("progress lines missing from stderr: %q", errOut)
	}
	code, out, _ = run(t, "", "list", "--db", db)
	id := regexp.MustCompile(`^[0-9a-z]{16}`).FindString(out)
	if code != exitOK || id == "" || !strings.Contains(out, "嘉兴市科创协同") || !strings.Contains(out, "[长三角]") {
		t.Fatalf("list = %d\n%s", code, out)
	}
	steps := []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"add", "--db", db, plan}, exitOK, []string{"1 inputs: 1 unchanged"}},
		{[]string{"search", "--db", db, "投入强度"}, exitOK, []string{"1 documents match", "【投入强度】"}},
		{[]string{"search", "--db", db, "一网通办", "--region", "330400"}, exitOK, []string{"【一网通办】"}},
		{[]string{"search", "--db", db, "投入强度", "--region", "310000"}, exitOK, []string{"0 documents match"}},
		{[]string{"show", "--db", db, id[:8]}, exitOK, []string{"标签：长三角", "v1", "重点任务（20）"}},
		{[]string{"tag", "--db", db, "add", id, "科创"}, exitOK, nil},
		{[]string{"tag", "--db", db, "list"}, exitOK, []string{"1  科创", "1  长三角"}},
		{[]string{"tag", "--db", db, "rename", "科创", "长三角"}, exitFail, nil},
		{[]string{"tag", "--db", db, "merge", "长三角", "科创"}, exitOK, nil},
		{[]string{"diff", "--db", db, id}, exitOK, []string{"has only one version"}},
		{[]string{"show", "--db", db, "nosuchdocument"}, exitFail, nil},
		{[]string{"search", "--db", db}, exitUsage, nil},
		{[]string{"tag", "--db", db, "frobnicate"}, exitUsage, nil},
	}
	for _, s := range steps {
		code, out, errOut := run(t, "", s.args...)
		if code != s.code {
			t.Errorf("%v = %d, want %d\n%s%s", s.args, code, s.code, out, errOut)
		}
		for _, w := range s.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %q:\n%s", s.args, w, out)
			}
		}
	}
	// export gives back the exact bytes.
	if code, out, _ := run(t, "", "export", "--db", db, id); code != exitOK || out != string(sample) {
		t.Errorf("export = %d, %d bytes, want the %d original bytes", code, len(out), len(sample))
	}
	// A changed file becomes version 2, and diff shows the change.
	os.WriteFile(plan, []byte(strings.Replace(string(sample), "3.2%", "3.3%", 1)), 0o644)
	if code, out, errOut := run(t, "", "refresh", "--db", db, id); code != exitOK || !strings.Contains(out, "1 new version") {
		t.Fatalf("refresh = %d\n%s%s", code, out, errOut)
	}
	code, out, _ = run(t, "", "diff", "--db", db, id)
	if code != exitOK || !strings.Contains(out, "- ") || !strings.Contains(out, "3.3%") {
		t.Errorf("diff = %d\n%s", code, out)
	}
}

func TestLibraryBadDatabase(t *testing.T) {
	notDB := writeFile(t, "notadb.db", []byte("this is not a database, just text that happens to sit here"))
	code, _, errOut := run(t, "", "list", "--db", notDB)
	if code != exitFail || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "database "+notDB) {
		t.Errorf("list on a non-database = %d, %q", code, errOut)
	}
}
