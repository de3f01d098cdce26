package cli

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"planwatch/internal/report"
	"planwatch/internal/store"
)

// TestSIGTERMStopsWithinTwoSeconds sends SIGTERM to real planwatch
// processes in the middle of their work — serve with a request in
// flight, add DIR, sheet import, a PDF report, backup — and checks that
// each is gone within 2 s, leaving its data whole.
func TestSIGTERMStopsWithinTwoSeconds(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	t.Run("serve", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "planwatch.db")
		token := adminToken(t, db)
		srv := startServe(t, nil, "--db", db)
		// An upload that never finishes arriving: its handler is at work
		// (reading) when the signal comes.
		conn, err := net.Dial("tcp", strings.TrimPrefix(srv.base, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "POST /api/v1/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"+
			"Content-Type: multipart/form-data; boundary=XX\r\nContent-Length: 10000000\r\n\r\n"+
			"--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.txt\"\r\n\r\n青溪市", token)
		time.Sleep(300 * time.Millisecond)
		d, err := srv.stop(t)
		if d > stopDeadline || err != nil {
			t.Errorf("serve with a request in flight stopped after %s: %v\n%s", d, err, srv.stderr.String())
		}
		t.Logf("serve stopped in %s", d.Round(time.Millisecond))
	})
	t.Run("add DIR", func(t *testing.T) {
		dir := t.TempDir()
		docs := filepath.Join(dir, "docs")
		os.MkdirAll(docs, 0o755)
		randomDocs(t, docs, 300)
		db := filepath.Join(dir, "planwatch.db")
		cmd := asMain("add", "--db", db, docs)
		d := stopWhen(t, cmd, func(line string) bool { return strings.Contains(line, " added ") })
		if d > stopDeadline {
			t.Errorf("add stopped after %s", d)
		}
		t.Logf("add DIR stopped in %s", d.Round(time.Millisecond))
		integrityOK(t, db)
		libraryWhole(t, db)
	})
	t.Run("sheet import", func(t *testing.T) {
		dir := t.TempDir()
		db, plan := trackedPlan(t, dir, bigPlan(3000))
		sheet := filledSheet(t, dir, db, plan)
		// Signalled a quarter of the way through an import's time, measured
		// on a copy (half-way left too little margin on a busy machine).
		probe := filepath.Join(dir, "probe.db")
		copyDB(t, db, probe)
		start := time.Now()
		if out, err := asMain("sheet", "import", "--db", probe, plan, sheet).CombinedOutput(); err != nil {
			t.Fatalf("import: %v\n%s", err, out)
		}
		span := time.Since(start)
		want := countRows(t, probe, "updates")
		d := stopAfter(t, asMain("sheet", "import", "--db", db, plan, sheet), span/4)
		if d > stopDeadline {
			t.Errorf("sheet import stopped after %s", d)
		}
		t.Logf("sheet import (%s whole) stopped in %s", span.Round(time.Millisecond), d.Round(time.Millisecond))
		integrityOK(t, db)
		if n := countRows(t, db, "updates"); n != 0 && n != want {
			t.Errorf("the stopped import left %d of %d updates: all or none", n, want)
		}
	})
	t.Run("report PDF", func(t *testing.T) {
		if _, err := report.FindChromium(); err != nil {
			t.Skip("no Chromium")
		}
		dir := t.TempDir()
		db, plan := trackedPlan(t, dir, bigPlan(200))
		out := filepath.Join(dir, "评估报告.pdf")
		cmd := asMain("report", "--db", db, plan, "--as-of", "2025-06-30", "-o", out)
		cmd.Env = append(cmd.Env, "TMPDIR="+dir) // its browser's profile: known by this path
		d := stopAfter(t, cmd, 700*time.Millisecond)
		t.Logf("report stopped in %s", d.Round(time.Millisecond))
		if d > stopDeadline {
			t.Errorf("report stopped after %s", d)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("a stopped report left %s", out)
		}
		// Its browser goes with it.
		deadline := time.Now().Add(2 * time.Second)
		for browsersOf(dir) > 0 && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		if n := browsersOf(dir); n > 0 {
			t.Errorf("%d Chromium processes outlived the report", n)
		}
	})
	t.Run("backup", func(t *testing.T) {
		dir := t.TempDir()
		db := filepath.Join(dir, "planwatch.db")
		st, err := store.Open(context.Background(), db, nil)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewSource(5))
		for range 24 {
			b := make([]byte, 4<<20)
			rng.Read(b)
			if _, err := st.PutBlob(context.Background(), b); err != nil {
				t.Fatal(err)
			}
		}
		st.Close()
		backups := filepath.Join(dir, "backups")
		os.MkdirAll(backups, 0o755)
		target := filepath.Join(backups, "b.db")
		cmd := asMain("backup", "--db", db, "--to", target)
		exited := start(t, cmd)
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			if entries, _ := os.ReadDir(backups); len(entries) > 0 {
				break
			}
		}
		d := signalAndWait(t, cmd, exited)
		if d > stopDeadline {
			t.Errorf("backup stopped after %s", d)
		}
		t.Logf("backup stopped in %s", d.Round(time.Millisecond))
		if _, err := os.Stat(target); err == nil {
			t.Errorf("a stopped backup left %s", target)
		}
		integrityOK(t, db)
	})
}

// stopWhen starts cmd and sends SIGTERM once a line of its stderr
// matches; it returns how long the process took to exit after it.
func stopWhen(t *testing.T, cmd *exec.Cmd, ready func(string) bool) time.Duration {
	t.Helper()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	exited := start(t, cmd)
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if ready(sc.Text()) {
			break
		}
	}
	go func() {
		for sc.Scan() {
		}
	}()
	return signalAndWait(t, cmd, exited)
}

// stopAfter starts cmd and sends SIGTERM after delay.
func stopAfter(t *testing.T, cmd *exec.Cmd, delay time.Duration) time.Duration {
	t.Helper()
	exited := start(t, cmd)
	time.Sleep(delay)
	return signalAndWait(t, cmd, exited)
}

// start starts cmd; the channel gets Wait's result.
func start(t *testing.T, cmd *exec.Cmd) chan error {
	t.Helper()
	var out strings.Builder
	if cmd.Stderr == nil {
		cmd.Stderr = &out
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
	})
	return exited
}

// signalAndWait sends SIGTERM and waits (at most 10 s) for the process to
// exit; how long that took. A process that ended before the signal fails
// the test (its work was too short to interrupt, or it failed).
func signalAndWait(t *testing.T, cmd *exec.Cmd, exited chan error) time.Duration {
	t.Helper()
	select {
	case err := <-exited:
		t.Fatalf("%v ended before the signal: %v", cmd.Args[1:], err)
	default:
	}
	begin := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
		return time.Since(begin)
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-exited
		t.Fatal("still running 10 s after SIGTERM")
		return 0
	}
}

// filledSheet exports the plan's 任务清单 as CSV with every row reported.
func filledSheet(t *testing.T, dir, db, plan string) string {
	t.Helper()
	code, out, _ := run(t, "", "sheet", "export", "--db", db, plan, "--format", "csv")
	if code != exitOK {
		t.Fatalf("sheet export = %d", code)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		r[6], r[7] = "按计划推进", "序时推进"
	}
	var b strings.Builder
	csv.NewWriter(&b).WriteAll(rows)
	sheet := filepath.Join(dir, "filled.csv")
	if err := os.WriteFile(sheet, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return sheet
}

// browsersOf counts the Chromium processes printing a report under dir
// (their profile is in a planwatch-pdf- directory under the TMPDIR given).
func browsersOf(dir string) int {
	n := 0
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		b, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(b), filepath.Join(dir, "planwatch-pdf-")) {
			n++
		}
	}
	return n
}
