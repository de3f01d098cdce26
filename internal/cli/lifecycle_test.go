package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestLifecycleCommands: a second `plan create` points to the plan made
// already (unless --new-version); plans and documents are archived out of
// the lists, restored, refused deletion while something depends on them
// (saying what), deleted when nothing does; each act is audited; files
// that are not documents are refused at add with the reason.
func TestLifecycleCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "planwatch.db")
	doc, plan, out := sampleCreated(t, db)
	confirmAll(t, db, plan)
	planRe := regexp.MustCompile(`(?m)^` + plan)

	steps := []struct {
		args    []string
		code    int
		want    string // in stdout, or stderr when code is not exitOK
		listed  bool   // whether plan list shows the plan afterwards
		missing string // a line plan list must not have
	}{
		{[]string{"plan", "create", "--from", doc}, exitOK, "plan " + plan + " exists for document", true, ""},
		{[]string{"plan", "archive", plan}, exitOK, "archived", false, ""},
		{[]string{"plan", "archive", plan}, exitFail, "archived already", false, ""},
		{[]string{"plan", "list", "--archived"}, exitOK, plan, false, ""},
		{[]string{"plan", "show", plan}, exitOK, "已归档", false, ""},
		{[]string{"plan", "create", "--from", doc}, exitOK, "it is archived: planwatch plan restore", false, ""},
		{[]string{"plan", "restore", plan}, exitOK, "restored", true, ""},
		{[]string{"document", "delete", doc}, exitFail, "1 份计划由它生成", true, ""},
		{[]string{"document", "archive", doc}, exitOK, "archived", true, ""},
		{[]string{"document", "list", "--archived"}, exitOK, doc, true, ""},
		{[]string{"document", "restore", doc}, exitOK, "restored", true, ""},
		{[]string{"task", "update", "--db", db, "--unit", "市科技局", "--status", "进行中", "--progress", "10", "--date", "2024-01-10", "--reason", "补录年初进展", "ITEM"}, exitOK, "", true, ""},
		{[]string{"plan", "delete", plan}, exitFail, "1 条进展报送", true, ""},
		{[]string{"plan", "create", "--from", doc, "--new-version"}, exitOK, "tasks", true, ""},
		{[]string{"document", "frobnicate", doc}, exitUsage, "unknown action", true, ""},
	}
	for _, s := range steps {
		args := s.args
		if args[len(args)-1] == "ITEM" {
			_, show, _ := run(t, "", "plan", "show", "--db", db, plan)
			m := regexp.MustCompile(`市科技局[^\n]*\] ([0-9a-z]{16})`).FindStringSubmatch(show)
			if m == nil {
				t.Fatalf("no task of 市科技局 in\n%s", show)
			}
			args = append(args[:len(args)-1:len(args)-1], m[1])
		} else {
			args = append([]string{args[0], args[1], "--db", db}, args[2:]...)
		}
		code, out, errOut := run(t, "", args...)
		got := out
		if s.code != exitOK {
			got = errOut
		}
		if code != s.code || !strings.Contains(got, s.want) {
			t.Errorf("%v = %d, want %d and %q\n%s%s", args, code, s.code, s.want, out, errOut)
		}
		_, list, _ := run(t, "", "plan", "list", "--db", db)
		if planRe.MatchString(list) != s.listed {
			t.Errorf("after %v: plan listed = %v, want %v\n%s", args, !s.listed, s.listed, list)
		}
	}
	_, out, _ = run(t, "", "audit", "export", "--db", db)
	for _, action := range []string{"plan.archive", "plan.restore", "document.archive", "document.restore"} {
		if n := strings.Count(out, ","+action+","); n != 1 {
			t.Errorf("audit has %d %s entries, want 1", n, action)
		}
	}

	// The second plan (made with --new-version) has nothing depending on
	// it and goes; the document then still has the first.
	_, list, _ := run(t, "", "plan", "list", "--db", db)
	second := regexp.MustCompile(`(?m)^([0-9a-z]{16})`).FindStringSubmatch(list)[1]
	if second == plan {
		t.Fatalf("plan list starts with the first plan:\n%s", list)
	}
	if code, out, errOut := run(t, "", "plan", "delete", "--db", db, second); code != exitOK || !strings.Contains(out, "deleted") {
		t.Errorf("plan delete %s = %d\n%s%s", second, code, out, errOut)
	}

	// Not documents: refused at add, each with its reason.
	js := writeFile(t, "app.js", []byte("function f(x) {\n  return x + 1;\n}\nmodule.exports = f;\n"))
	logf := writeFile(t, "server.log", []byte("2025-01-02 10:00:01 INFO start\n2025-01-02 10:00:02 ERROR boom\n2025-01-02 10:00:03 INFO stop\n"))
	code, out, errOut := run(t, "", "add", "--db", db, js, logf)
	if code != exitFail || !strings.Contains(out+errOut, "JavaScript source, not a document") || !strings.Contains(out+errOut, "a log file") {
		t.Errorf("add of a script and a log = %d\n%s%s", code, out, errOut)
	}
}
