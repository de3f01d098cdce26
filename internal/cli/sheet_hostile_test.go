package cli

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"planwatch/internal/track/hostile"
)

// sampleTask tracks the sample plan in a new library and returns the
// database, the plan's ID and the ID of task 1 (led by 市科技局).
func sampleTask(t *testing.T) (db, plan, task string) {
	t.Helper()
	db, plan = trackedPlan(t, t.TempDir(), samplePlan)
	_, out, _ := run(t, "", "plan", "show", "--db", db, plan)
	m := regexp.MustCompile(`1 共建沪嘉科创走廊〔市科技局[^\n]*\] ([0-9a-z]{16})`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("plan show lacks task 1:\n%s", out)
	}
	return db, plan, m[1]
}

// TestSheetImportHostile runs `planwatch sheet import` as its own process
// on each hostile sheet: exit status 1 and one line naming the file and
// the limit, within 10 s and under 1 GiB of memory (the process's peak
// RSS; before the budgets the 1 GiB sheet took 4.7 GB).
func TestSheetImportHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	db, plan, _ := sampleTask(t)
	dir := t.TempDir()
	for _, c := range []struct {
		name, file string
		data       []byte
		want       string // stderr, after "planwatch: FILE: "
	}{
		{"sheet XML of 1 GiB", "sheet.xlsx", hostile.SheetBomb(1<<30 + 1), "xl/worksheets/sheet1.xml inflates past 256 MiB (limit sheet_max_inflated)"},
		{"shared string of 600 MB", "strings.xlsx", hostile.SharedStringBomb(600_000_000), "xl/sharedStrings.xml inflates past 64 MiB (limit sheet_max_text)"},
		{"csv field of 3,000,000 characters", "long.csv", hostile.LongFieldCSV(3_000_000),
			"第2行B列 holds 3000000 characters, more than 32767 (limit sheet_max_cell_chars)"},
		{"csv unclosed quote", "quote.csv", hostile.UnclosedQuoteCSV(), "track: read csv: 第3行B列：引号未闭合"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.file)
			if err := os.WriteFile(path, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "sheet", "import", "--db", db, plan, path, "--unit", "市科技局")
			cmd.Env = append(os.Environ(), "PLANWATCH_TEST_AS_MAIN=1")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			start := time.Now()
			err := cmd.Run()
			took := time.Since(start)
			rss := int64(0)
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				rss = ru.Maxrss << 10 // KiB on Linux
			}
			t.Logf("%d KiB file: exit %d in %v, peak RSS %d MiB: %s", len(c.data)>>10, cmd.ProcessState.ExitCode(),
				took.Round(time.Millisecond), rss>>20, strings.TrimSpace(stderr.String()))
			if err == nil || cmd.ProcessState.ExitCode() != exitFail {
				t.Errorf("exit %d, want %d", cmd.ProcessState.ExitCode(), exitFail)
			}
			oneLineNaming(t, stderr.String(), path)
			if !strings.Contains(stderr.String(), c.want) {
				t.Errorf("stderr = %q, want %q", stderr.String(), c.want)
			}
			if took > 10*time.Second || rss > 1<<30 {
				t.Errorf("took %v and %d MiB of memory, want under 10 s and 1 GiB", took, rss>>20)
			}
		})
	}
}

// TestCLIDoorsRefuseAlike: `task update` and `sheet import` (CSV and XLSX)
// refuse what the task page's form refuses, the sheet naming the row and
// column, and record nothing.
func TestCLIDoorsRefuseAlike(t *testing.T) {
	db, plan, task := sampleTask(t)
	for _, c := range []struct {
		name, note, date, progress string
		update                     string // task update's stderr
		sheet                      string // the refused row, on stdout
	}{
		{"a NUL in the note", "已完成\x00选址", "", "50", "--note: 进展情况含有不能保存的字符（空字符 NUL）", "第2行D列：进展情况含有不能保存的字符（空字符 NUL）"},
		{"an escape sequence", "完成\x1b[2J选址", "", "50", "（U+001B）", "第2行D列：进展情况含有不能保存的字符（U+001B）"},
		{"a note of 2,001 characters", strings.Repeat("进", 2001), "", "50", "--note: 进展情况过长：2001 > 2000 字", "第2行D列：进展情况过长"},
		{"a date after today", "好", "2999-01-01", "50", "--date: 填报日期「2999-01-01」晚于今天", "第2行E列：填报日期「2999-01-01」晚于今天"},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"task", "update", "--db", db, task, "--status", "序时推进", "--progress", c.progress, "--note", c.note, "--unit", "市科技局"}
			if c.date != "" {
				args = append(args, "--date", c.date)
			}
			if code, out, errOut := run(t, "", args...); code != exitFail || !strings.Contains(errOut, c.update) {
				t.Errorf("task update = %d, want %d and %q\n%s%s", code, exitFail, c.update, out, errOut)
			}
			csv := "ID,状态,完成进度,进展情况,填报日期\n" + task + ",序时推进," + c.progress + ",\"" + c.note + "\"," + c.date + "\n"
			for _, f := range []struct {
				name string
				data []byte
			}{{"filled.csv", []byte(csv)}, {"filled.xlsx", xlsxOf(t, csv)}} {
				code, out, errOut := run(t, "", "sheet", "import", "--db", db, plan, writeFile(t, f.name, f.data), "--unit", "市科技局")
				if code != exitFail || !strings.Contains(out, c.sheet) || !strings.Contains(errOut, "1 rows refused, nothing recorded") {
					t.Errorf("sheet import %s = %d, want %d and %q\n%s%s", f.name, code, exitFail, c.sheet, out, errOut)
				}
				if strings.ContainsAny(out+errOut, "\x00\x1b") {
					t.Errorf("sheet import %s printed a control character: %q", f.name, out+errOut)
				}
			}
		})
	}
	if _, out, _ := run(t, "", "task", "history", "--db", db, task); strings.Contains(out, "好") || strings.Contains(out, "选址") {
		t.Errorf("a refused update was recorded:\n%s", out)
	}
	// A unit reports on the tasks it leads or supports only.
	code, out, errOut := run(t, "", "task", "update", "--db", db, task, "--note", "代填", "--unit", "市教育局")
	if code != exitFail || !strings.Contains(errOut, "--unit: 「市教育局」不是该任务的牵头或配合单位") {
		t.Errorf("task update for another unit = %d\n%s%s", code, out, errOut)
	}
	// A figure from the future or not a number is refused as a sheet's would be.
	_, out, _ = run(t, "", "indicator", "list", "--db", db, plan)
	ind := regexp.MustCompile(`([0-9a-z]{16})  全社会研发经费投入强度`).FindStringSubmatch(out)
	if ind == nil {
		t.Fatalf("no indicator:\n%s", out)
	}
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"--period", "2999", "--value", "3"}, exitFail},
		{[]string{"--period", "2023", "--value", "NaN"}, exitUsage}, // not a figure at all: the command line is wrong
		{[]string{"--period", "2023", "--value", "5万"}, exitFail},   // 万 of a share
		{[]string{"--period", "2023", "--value", "3", "--source", "统计\x1b[2J公报"}, exitFail},
	} {
		if code, out, errOut := run(t, "", append([]string{"indicator", "observe", "--db", db, ind[1]}, c.args...)...); code != c.code {
			t.Errorf("indicator observe %v = %d, want %d\n%s%s", c.args, code, c.code, out, errOut)
		}
	}
}

// xlsxOf is a CSV's rows as a workbook of text cells.
func xlsxOf(t *testing.T, text string) []byte {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return hostile.Sheet(recs)
}
