package cli

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReportCommand makes a plan from the sample document, posts one
// update, and writes its report in each format that needs nothing
// installed, plus the command-line errors.
func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "planwatch.db")
	doc := writeFile(t, "plan.txt", samplePlan)
	if code, out, errOut := run(t, "", "add", "--db", db, doc); code != exitOK {
		t.Fatalf("add = %d\n%s%s", code, out, errOut)
	}
	_, out, _ := run(t, "", "list", "--db", db)
	docID := regexp.MustCompile(`^[0-9a-z]{16}`).FindString(out)
	_, out, _ = run(t, "", "plan", "create", "--db", db, "--from", docID)
	planID := regexp.MustCompile(`plan ([0-9a-z]{16})`).FindStringSubmatch(out)
	if planID == nil {
		t.Fatalf("plan create:\n%s", out)
	}
	plan := planID[1]
	confirmAll(t, db, plan)
	_, out, _ = run(t, "", "plan", "show", "--db", db, plan)
	task := regexp.MustCompile(`1 共建沪嘉科创走廊〔市科技局[^\n]*\] ([0-9a-z]{16})`).FindStringSubmatch(out)
	if task == nil {
		t.Fatalf("plan show lacks task 1:\n%s", out)
	}
	if code, _, errOut := run(t, "", "task", "update", "--db", db, task[1], "--status", "进度缓慢", "--progress", "20",
		"--note", "选址论证中", "--unit", "市科技局", "--date", "2024-06-30", "--reason", "补录上半年进展"); code != exitOK {
		t.Fatalf("task update: %s", errOut)
	}
	asOf := "2099-06-30" // after the update was recorded (now)

	code, out, errOut := run(t, "", "report", "--db", db, plan, "--as-of", asOf)
	if code != exitOK || !strings.HasPrefix(out, "<!DOCTYPE html>") || !strings.Contains(out, "选址论证中") ||
		!strings.Contains(out, "实施情况评估报告") {
		t.Fatalf("report html = %d\n%.300s%s", code, out, errOut)
	}
	for _, f := range []struct{ format, file, part string }{
		{"docx", "r.docx", "word/document.xml"},
		{"xlsx", "r.xlsx", "xl/workbook.xml"},
		{"", "r.xlsx", "xl/workbook.xml"}, // the format from the extension
	} {
		path := filepath.Join(dir, f.file)
		args := []string{"report", "--db", db, plan, "--as-of", asOf, "-o", path}
		if f.format != "" {
			args = append(args, "--format", f.format)
		}
		if code, _, errOut := run(t, "", args...); code != exitOK {
			t.Errorf("report %s = %d: %s", f.format, code, errOut)
			continue
		}
		data, _ := os.ReadFile(path)
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Errorf("report %s: not a zip package: %v", f.file, err)
			continue
		}
		found := false
		for _, zf := range zr.File {
			found = found || zf.Name == f.part
		}
		if !found {
			t.Errorf("report %s lacks %s", f.file, f.part)
		}
	}

	errs := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"report", "--db", db, plan}, exitUsage, "--as-of DATE is required"},
		{[]string{"report", "--db", db, "--as-of", asOf}, exitUsage, "give one PLAN"},
		{[]string{"report", "--db", db, plan, "--as-of", "30.6.2024"}, exitUsage, "want a date like"},
		{[]string{"report", "--db", db, plan, "--as-of", asOf, "--format", "odt"}, exitUsage, "--format odt"},
		{[]string{"report", "--db", db, plan, "--as-of", asOf, "--previous", "2099-07-01"}, exitUsage, "--previous must be before"},
		{[]string{"report", "--db", db, "zzzzzzzzzzzz", "--as-of", asOf}, exitFail, "planwatch: "},
	}
	for _, e := range errs {
		code, _, errOut := run(t, "", e.args...)
		if code != e.code || !strings.Contains(errOut, e.want) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("%v = %d %q, want %d and one line with %q", e.args[3:], code, errOut, e.code, e.want)
		}
	}

	// Without Chromium on PATH, PDF says what to install.
	t.Setenv("PATH", dir)
	code, _, errOut = run(t, "", "report", "--db", db, plan, "--as-of", asOf, "--format", "pdf")
	if code != exitFail || !strings.Contains(errOut, "apt-get install chromium") {
		t.Errorf("pdf without chromium = %d %q", code, errOut)
	}
}
