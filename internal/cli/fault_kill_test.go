package cli

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"planwatch/internal/store"
)

// Fault tests: real planwatch processes (this test binary run as the
// command, see TestMain) killed with SIGKILL in the middle of their work,
// then the library checked and the command run again.

// asMain returns the command `planwatch args…` as a separate process.
func asMain(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "PLANWATCH_TEST_AS_MAIN=1")
	return cmd
}

// integrityOK runs SQLite's integrity check on a database file.
func integrityOK(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity check of %s: %q, %v", path, res, err)
	}
}

// bigPlan is a plan document with n tasks in groups of ten, each with a
// lead unit, as the extractor reads them.
func bigPlan(n int) []byte {
	var b strings.Builder
	b.WriteString("嘉兴市重点任务推进行动计划（2024—2026年）\n\n一、总体要求\n到2026年，全社会研发经费投入强度达到3.2%。\n\n二、重点任务\n\n")
	for i := 1; i <= n; i++ {
		if i%10 == 1 {
			fmt.Fprintf(&b, "（%s）第%d组任务\n", []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}[(i/10)%10], i/10+1)
		}
		fmt.Fprintf(&b, "%d.推进第%d项重点工作。完成第%d项建设内容，形成可推广的经验。\n（牵头单位：市%s局）\n", i, i, i,
			[]string{"科技", "经信", "商务", "交通运输", "教育"}[i%5])
	}
	b.WriteString("\n三、保障措施\n加强组织领导。\n")
	return []byte(b.String())
}

// trackedPlan adds a plan document to a new SQLite library in dir and
// tracks it; it returns the database and the plan's ID.
func trackedPlan(t *testing.T, dir string, doc []byte) (db, plan string) {
	t.Helper()
	db = filepath.Join(dir, "planwatch.db")
	path := filepath.Join(dir, "plan.txt")
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, "", "add", "--db", db, path); code != exitOK {
		t.Fatalf("add = %d\n%s%s", code, out, errOut)
	}
	_, out, _ := run(t, "", "list", "--db", db)
	docID := regexp.MustCompile(`^[0-9a-z]{16}`).FindString(out)
	code, out, errOut := run(t, "", "plan", "create", "--db", db, "--from", docID)
	m := regexp.MustCompile(`plan ([0-9a-z]{16})`).FindStringSubmatch(out)
	if code != exitOK || m == nil {
		t.Fatalf("plan create = %d\n%s%s", code, out, errOut)
	}
	confirmAll(t, db, m[1])
	return db, m[1]
}

// countRows counts a table's rows in a SQLite database file.
func countRows(t *testing.T, path, table string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestKilledSheetImportAllOrNothing kills `planwatch sheet import` of a
// filled-in 任务清单 at points spread over its run: each time the sheet's
// rows are either all recorded or none, and running it again records them.
func TestKilledSheetImportAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	dir := t.TempDir()
	const tasks = 400
	db, plan := trackedPlan(t, dir, bigPlan(tasks))
	code, out, _ := run(t, "", "sheet", "export", "--db", db, plan, "--format", "csv")
	if code != exitOK {
		t.Fatalf("sheet export = %d", code)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 < tasks*9/10 {
		t.Fatalf("the sheet has %d task rows, want about %d", len(rows)-1, tasks)
	}
	for _, r := range rows[1:] {
		r[6], r[7] = "按计划推进", "序时推进"
	}
	sheet := filepath.Join(dir, "filled.csv")
	var b strings.Builder
	csv.NewWriter(&b).WriteAll(rows)
	os.WriteFile(sheet, []byte(b.String()), 0o644)

	// How long a whole import takes, in a copy of the library: the kills
	// are spread over that span, most near its end, where the updates are
	// written (an import writing row by row would be caught half-way).
	probe := filepath.Join(dir, "probe.db")
	copyDB(t, db, probe)
	start := time.Now()
	if out, err := asMain("sheet", "import", "--db", probe, plan, sheet).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	span := time.Since(start)
	want := countRows(t, probe, "updates")
	if want != len(rows)-1 {
		t.Fatalf("a whole import recorded %d updates, want one per row, %d", want, len(rows)-1)
	}
	rng := rand.New(rand.NewSource(1))
	outcomes := map[string]int{}
	for i := 0; i < 10; i++ {
		cmd := asMain("sheet", "import", "--db", db, plan, sheet)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(span/3 + time.Duration(rng.Int63n(int64(span))))
		cmd.Process.Kill()
		cmd.Wait()
		switch n := countRows(t, db, "updates"); n {
		case 0:
			outcomes["none"]++
		case want:
			outcomes["all"]++
			clearUpdates(t, db) // it finished first: start again
		default:
			t.Fatalf("kill %d left %d of the sheet's %d updates", i, n, want)
		}
	}
	t.Logf("kills over %v: %v", span, outcomes)
	integrityOK(t, db)
	if code, out, errOut := run(t, "", "sheet", "import", "--db", db, plan, sheet); code != exitOK ||
		!strings.Contains(out, fmt.Sprintf("%d updates recorded", want)) {
		t.Fatalf("rerun = %d\n%s%s", code, out, errOut)
	}
}

// copyDB copies a closed SQLite database (no WAL left behind).
func copyDB(t *testing.T, from, to string) {
	t.Helper()
	if _, err := os.Stat(from + "-wal"); err == nil {
		t.Fatalf("%s has a WAL: close it first", from)
	}
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// clearUpdates removes every update and resets the items' statuses.
func clearUpdates(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DELETE FROM updates; UPDATE items SET status = 'not_started', progress = 0`); err != nil {
		t.Fatal(err)
	}
}

// TestKilledBackupLeavesNoPartialFile kills `planwatch backup` while it
// writes: nothing is left at the target path (a half-written file there
// would pass for a backup), the database is intact, and the next backup
// to the same path is written and restores.
func TestKilledBackupLeavesNoPartialFile(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "planwatch.db")
	st, err := store.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 48 MiB of original bytes that do not compress: long enough to copy
	// that the kill lands while the copy is written.
	rng := rand.New(rand.NewSource(3))
	for i := 0; i < 12; i++ {
		b := make([]byte, 4<<20)
		rng.Read(b)
		if _, err := st.PutBlob(context.Background(), b); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	backups := filepath.Join(dir, "backups")
	os.MkdirAll(backups, 0o755)
	target := filepath.Join(backups, "planwatch-2025-06-30.db")
	cmd := asMain("backup", "--db", db, "--to", target)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it as soon as it has begun writing anything in the directory.
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if entries, _ := os.ReadDir(backups); len(entries) > 0 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	cmd.Process.Kill()
	if err := cmd.Wait(); err == nil {
		t.Skip("the backup finished before it could be killed")
	}
	if _, err := os.Stat(target); err == nil {
		t.Fatalf("a killed backup left a file at %s", target)
	}
	integrityOK(t, db)

	code, out, errOut := run(t, "", "backup", "--db", db, "--to", target)
	if code != exitOK || !strings.Contains(out, "written and verified") {
		t.Fatalf("backup after the kill = %d\n%s%s", code, out, errOut)
	}
	if entries, _ := os.ReadDir(backups); len(entries) != 1 {
		t.Errorf("the backup directory holds %d files after a good backup, want 1", len(entries))
	}
	restored := filepath.Join(dir, "restored.db")
	code, out, errOut = run(t, "", "restore", "--db", restored, "--from", target)
	if code != exitOK || !strings.Contains(out, "12 blobs") {
		t.Fatalf("restore = %d\n%s%s", code, out, errOut)
	}
}
