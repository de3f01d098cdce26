package cli

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"

	"planwatch/internal/store"
)

// TestDidYouMean: a mistyped command or flag is named with what was
// probably meant, and help spells flags --flag as the README does.
func TestDidYouMean(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"stauts"}, `unknown command "stauts"; did you mean status?`},
		{[]string{"rep"}, `did you mean report?`},
		{[]string{"help", "serv"}, `did you mean serve?`},
		{[]string{"xyzzy"}, `unknown command "xyzzy" (see`},
		{[]string{"report", "--as-off", "2024-01-01", "x"}, "unknown flag --as-off; did you mean --as-of?"},
		{[]string{"search", "--regoin", "绍兴", "科技"}, "did you mean --region?"},
		{[]string{"report", "--limit", "x"}, "unknown flag --limit (see"},
	}
	for _, c := range cases {
		code, out, errOut := run(t, "", c.args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v = %d, stderr %q; want usage and %q", c.args, code, errOut, c.want)
		}
	}
	_, out, _ := run(t, "", "help", "report")
	if !strings.Contains(out, "\n  --as-of string\n") || regexp.MustCompile(`\n  -[a-z][a-z]`).MatchString(out) || !strings.Contains(out, "\n  -o string\n") {
		t.Errorf("help spells flags other than --flag:\n%s", out)
	}
}

// TestPlanRefs: a plan named by a prefix several plans share, by one too
// short, by a typo or by part of its title is answered with the plans it
// may mean, titles and all, not a bare "not found".
func TestPlanRefs(t *testing.T) {
	db := filepath.Join(t.TempDir(), "planwatch.db")
	doc, plan, _ := sampleCreated(t, db)
	_, out, _ := run(t, "", "plan", "create", "--db", db, "--from", doc, "--new-version")
	other := regexp.MustCompile(`plan ([0-9a-z]{16})`).FindStringSubmatch(out)
	if other == nil {
		t.Fatalf("second plan: %s", out)
	}
	common := 0
	for common < len(plan) && plan[common] == other[1][common] {
		common++
	}
	typo := plan[:10] + string("0123456789abcdefghijklmnopqrstuv"[(strings.IndexByte("0123456789abcdefghijklmnopqrstuv", plan[10])+1)%32]) + plan[11:]
	cases := []struct {
		name, ref string
		want      []string
	}{
		{"shared prefix", plan[:common], []string{"2 plans start so", plan, other[1], "嘉兴市科创协同"}},
		{"too short", plan[:3], []string{plan}},
		{"a typo", typo, []string{"did you mean " + plan}},
		{"part of the title", "科创协同", []string{"did you mean", plan, other[1]}},
		{"nothing like it", "zzzzzzzz", []string{"not found (planwatch plan list"}},
	}
	for _, c := range cases {
		code, out, errOut := run(t, "", "status", "--db", db, c.ref)
		if code != exitFail || out != "" || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s: status %s = %d\n%s%s", c.name, c.ref, code, out, errOut)
		}
		for _, w := range c.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%s: status %s: stderr lacks %q: %s", c.name, c.ref, w, errOut)
			}
		}
	}
	if code, _, errOut := run(t, "", "status", "--db", db, plan[:8]); code != exitOK && common < 8 {
		t.Errorf("a unique prefix: %d %s", code, errOut)
	}
}

// TestSearchOneCharacter: a one-character query is refused with why.
func TestSearchOneCharacter(t *testing.T) {
	db := filepath.Join(t.TempDir(), "planwatch.db")
	code, out, errOut := run(t, "", "search", "--db", db, "科")
	if code != exitUsage || out != "" || !strings.Contains(errOut, "two or more characters") || !strings.Contains(errOut, "科技创新") {
		t.Errorf("search 科 = %d\n%s%s", code, out, errOut)
	}
}

// TestReportFile: -o with an extension report cannot write is refused
// and writes nothing; a report file gets 0666 less the umask.
func TestReportFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "planwatch.db")
	_, plan, _ := sampleCreated(t, db)
	confirmAll(t, db, plan)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-o", filepath.Join(dir, "r.odt")}, "cannot write .odt"},
		{[]string{"-o", filepath.Join(dir, "r.html"), "--format", "docx"}, "the name says html but --format says docx"},
		{[]string{"--format", "odt"}, "--format odt"},
	} {
		args := append([]string{"report", "--db", db, plan, "--as-of", "2099-01-01"}, c.args...)
		code, out, errOut := run(t, "", args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("%v = %d\n%s%s", c.args, code, out, errOut)
		}
	}
	if names, _ := filepath.Glob(filepath.Join(dir, "r.*")); len(names) != 0 {
		t.Errorf("refused reports left files: %v", names)
	}
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	for _, name := range []string{"r.docx", "r", "r.HTM"} {
		path := filepath.Join(dir, name)
		if code, _, errOut := run(t, "", "report", "--db", db, plan, "--as-of", "2099-01-01", "-o", path); code != exitOK {
			t.Fatalf("report -o %s: %s", name, errOut)
		}
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, %v; want 0644 under umask 022", name, fi.Mode().Perm(), err)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "r")); !strings.HasPrefix(string(data), "<!DOCTYPE html>") {
		t.Errorf("a file without an extension is not HTML: %.60s", data)
	}
}

// TestSheetExportUnit: --unit keeps the unit's tasks only, numbered as in
// the whole list; a unit without tasks is refused.
func TestSheetExportUnit(t *testing.T) {
	db := filepath.Join(t.TempDir(), "planwatch.db")
	_, plan, _ := sampleCreated(t, db)
	confirmAll(t, db, plan)
	rows := func(args ...string) [][]string {
		code, out, errOut := run(t, "", append([]string{"sheet", "export", "--db", db, plan, "--format", "csv"}, args...)...)
		if code != exitOK {
			t.Fatalf("sheet export %v = %d: %s", args, code, errOut)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	all, mine := rows(), rows("--unit", "市科技局")
	if len(mine) >= len(all) || len(mine) < 3 {
		t.Fatalf("--unit 市科技局: %d rows of %d", len(mine), len(all))
	}
	for _, r := range mine[1:] {
		if line := strings.Join(r, ","); strings.Contains(line, "任务") && !strings.Contains(line, "市科技局") {
			t.Errorf("a row not of 市科技局: %s", line)
		}
	}
	code, _, errOut := run(t, "", "sheet", "export", "--db", db, plan, "--unit", "市外事办")
	if code != exitFail || !strings.Contains(errOut, "市外事办") {
		t.Errorf("a unit with no task: %d %s", code, errOut)
	}
}

// TestCredit: updates from the command line are credited to --as, else to
// the OS user, and audited as the OS user, never "unknown".
func TestCredit(t *testing.T) {
	db := filepath.Join(t.TempDir(), "planwatch.db")
	_, plan, _ := sampleCreated(t, db)
	confirmAll(t, db, plan)
	_, show, _ := run(t, "", "plan", "show", "--db", db, plan)
	task := regexp.MustCompile(`市科技局[^\n]*\] ([0-9a-z]{16})`).FindStringSubmatch(show)[1]
	t.Setenv("USER", "")
	t.Setenv("LOGNAME", "")
	update := func(progress string, extra ...string) {
		args := append([]string{"task", "update", "--db", db, "--unit", "市科技局", "--status", "进行中", "--progress", progress}, extra...)
		if code, out, errOut := run(t, "", append(args, task)...); code != exitOK {
			t.Fatalf("%v = %d\n%s%s", args, code, out, errOut)
		}
	}
	update("10", "--as", "张三")
	update("20")
	update("30", "--author", "李四", "--evidence", writeFile(t, "a.png", fakePNG))
	st, err := store.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ups, err := st.Updates(context.Background(), task)
	if err != nil || len(ups) != 3 {
		t.Fatalf("updates: %v %d", err, len(ups))
	}
	if ups[0].Author != "张三" || ups[1].Author == "" || strings.Contains(ups[1].Author, "unknown") || ups[2].Author != "李四" {
		t.Errorf("credited to %q, %q, %q", ups[0].Author, ups[1].Author, ups[2].Author)
	}
	es, err := st.Audit(context.Background(), store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if e.ActorLogin == "" || strings.Contains(e.ActorLogin, "unknown") {
			t.Errorf("audit entry %s by %q", e.Action, e.ActorLogin)
		}
	}
}

// TestExamples: the example files the README documents import into the
// sample plan as they are.
func TestExamples(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "planwatch.db")
	_, plan, _ := sampleCreated(t, db)
	confirmAll(t, db, plan)
	for _, c := range []struct {
		file string
		args []string
		want string
	}{
		{"任务清单-市科技局.csv", []string{"sheet", "import", "--unit", "市科技局", "--as", "张三"}, "2 updates recorded"},
		{"指标观测.csv", []string{"indicator", "import"}, "4 observations recorded"},
	} {
		rel := "testdata/examples/" + c.file
		if !strings.Contains(string(readme), "("+rel+")") {
			t.Errorf("README does not link %s", rel)
		}
		args := append(append([]string{}, c.args...), "--db", db, plan, filepath.Join("..", "..", rel))
		if code, out, errOut := run(t, "", args...); code != exitOK || !strings.Contains(out, c.want) {
			t.Errorf("%v = %d\n%s%s", args, code, out, errOut)
		}
	}
}

// TestREADMEFlags: every --flag the README gives a planwatch command is
// one of that command's flags, spelled as its help spells it.
func TestREADMEFlags(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^\s*planwatch ([a-z]+)\b([^#\n]*)`)
	flagRe := regexp.MustCompile(`(?:^|\s|\[)(--?)([a-z][a-z-]*)`)
	var code strings.Builder // the README's code blocks
	for _, b := range regexp.MustCompile("(?s)```[a-z]*\n(.*?)```").FindAllStringSubmatch(string(readme), -1) {
		code.WriteString(b[1])
	}
	checked := 0
	for _, m := range line.FindAllStringSubmatch(code.String(), -1) {
		cmd := lookup(m[1])
		if cmd == nil {
			t.Errorf("README: planwatch %s: no such command", m[1])
			continue
		}
		fs := newFlagSet(&Config{}, cmd)
		cmd.setup(fs)
		for _, f := range flagRe.FindAllStringSubmatch(m[2], -1) {
			if fs.Lookup(f[2]) == nil {
				t.Errorf("README: planwatch %s: no flag %s%s", m[1], f[1], f[2])
			} else if f[1]+f[2] != dashed(f[2]) {
				t.Errorf("README: planwatch %s: %s%s, help says %s", m[1], f[1], f[2], dashed(f[2]))
			}
			checked++
		}
	}
	if checked < 20 {
		t.Errorf("only %d flags found in the README's command lines", checked)
	}
}

// TestCompareCount: the compare header counts the plans it lists, one
// line each, and an archived plan is in neither.
func TestCompareCount(t *testing.T) {
	db := filepath.Join(t.TempDir(), "planwatch.db")
	doc, plan, _ := sampleCreated(t, db)
	confirmAll(t, db, plan)
	_, out, _ := run(t, "", "plan", "create", "--db", db, "--from", doc, "--new-version")
	other := regexp.MustCompile(`plan ([0-9a-z]{16})`).FindStringSubmatch(out)[1]
	confirmAll(t, db, other)
	count := func() (int, int) {
		code, out, errOut := run(t, "", "indicator", "compare", "--db", db, "研发经费投入强度")
		if code != exitOK {
			t.Fatalf("compare = %d %s", code, errOut)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		m := regexp.MustCompile(`：(\d+) 个计划`).FindStringSubmatch(lines[0])
		if m == nil {
			t.Fatalf("no count in the header: %s", out)
		}
		n := 0
		for _, c := range m[1] {
			n = n*10 + int(c-'0')
		}
		return n, len(lines) - 1
	}
	if n, lines := count(); n != 2 || lines != 2 {
		t.Errorf("two plans: header %d, %d lines", n, lines)
	}
	if code, _, errOut := run(t, "", "plan", "archive", "--db", db, other); code != exitOK {
		t.Fatalf("archive: %s", errOut)
	}
	if n, lines := count(); n != 1 || lines != 1 {
		t.Errorf("one archived: header %d, %d lines", n, lines)
	}
}

// FuzzClosest: suggestions never panic, come from the names given, and a
// name is always its own nearest.
func FuzzClosest(f *testing.F) {
	for _, s := range []string{"stauts", "rep", "", "科技", "\xff"} {
		f.Add(s)
	}
	names := []string{"status", "report", "search", "serve", "科技创新"}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range closest(s, names) {
			if !slices.Contains(names, c) {
				t.Errorf("%q suggests %q", s, c)
			}
		}
		if d := editDistance(s, s); d != 0 {
			t.Errorf("editDistance(%q, itself) = %d", s, d)
		}
		if slices.Contains(names, s) && (len(closest(s, names)) == 0) {
			t.Errorf("%q is not its own nearest", s)
		}
	})
}
