package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"planwatch/internal/store"
)

// throwawayPostgres is a PostgreSQL server of the test's own, which it may
// stop and start (the shared development server must not be touched).
type throwawayPostgres struct {
	bin, data, log string
	dsn            string
}

// startPostgres runs initdb and pg_ctl as the postgres user, as
// scripts/test.sh does, on a free local port. It skips when the binaries,
// the user or root are missing.
func startPostgres(t *testing.T) *throwawayPostgres {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to run PostgreSQL as the postgres user")
	}
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	if len(bins) == 0 {
		t.Skip("no PostgreSQL server binaries under /usr/lib/postgresql")
	}
	sort.Strings(bins)
	bin := filepath.Dir(bins[len(bins)-1])
	if err := exec.Command("id", "-u", "postgres").Run(); err != nil {
		t.Skip("no postgres user to run the server")
	}
	// Not t.TempDir(): the postgres user must reach it.
	dir, err := os.MkdirTemp("", "planwatch-pg-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	if out, err := exec.Command("chown", "postgres", dir).CombinedOutput(); err != nil {
		t.Fatalf("chown: %v %s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	pg := &throwawayPostgres{bin: bin, data: filepath.Join(dir, "data"), log: filepath.Join(dir, "server.log"),
		dsn: fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)}
	t.Cleanup(func() {
		pg.ctl(t, "stop", "-m", "immediate")
		os.RemoveAll(dir)
	})
	if out, err := pg.as("initdb", "-D", pg.data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8").CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off -c synchronous_commit=off", port, dir)
	if out, err := pg.as("pg_ctl", "-D", pg.data, "-l", pg.log, "-w", "-t", "60", "-o", opts, "start").CombinedOutput(); err != nil {
		log, _ := os.ReadFile(pg.log)
		t.Fatalf("pg_ctl start: %v\n%s%s", err, out, log)
	}
	return pg
}

// as is a PostgreSQL program run as the postgres user.
func (pg *throwawayPostgres) as(prog string, args ...string) *exec.Cmd {
	return exec.Command("runuser", append([]string{"-u", "postgres", "--", filepath.Join(pg.bin, prog)}, args...)...)
}

// ctl runs pg_ctl on the server's data directory (start keeps its options).
func (pg *throwawayPostgres) ctl(t *testing.T, args ...string) {
	t.Helper()
	all := append([]string{"-D", pg.data, "-l", pg.log, "-w", "-t", "60"}, args...)
	if out, err := pg.as("pg_ctl", all...).CombinedOutput(); err != nil {
		t.Logf("pg_ctl %v: %v\n%s", args, err, out)
	}
}

// TestPostgresRestartUnderLoad restarts the database under a running
// `planwatch serve` answering concurrent requests. While PostgreSQL is down
// every answer is a clean 5xx with a JSON body and the server stays up;
// once it is back, requests succeed again without restarting planwatch.
func TestPostgresRestartUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL and subprocesses")
	}
	pg := startPostgres(t)
	ctx := context.Background()
	st, err := store.Open(ctx, pg.dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := st.CreateUser(ctx, store.User{Login: "admin", Name: "管理员", Role: "admin", PasswordHash: "$argon2id$unused"})
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := st.CreateAPIToken(ctx, admin.ID, "load", 0)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	srv := asMain("serve", "--addr", "127.0.0.1:0", "--db", pg.dsn)
	stdout, _ := srv.StdoutPipe()
	var stderr strings.Builder
	srv.Stderr = &stderr
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- srv.Wait() }()
	defer func() {
		srv.Process.Signal(syscall.SIGTERM)
		<-exited
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.Contains(line, "http://") {
		t.Fatalf("serve did not start: %q %v\n%s", line, err, stderr.String())
	}
	go io.Copy(io.Discard, stdout)
	base := strings.TrimRight(strings.Fields(line[strings.Index(line, "http://"):])[0], "/")

	// One request: its status, or 0 when no answer came (the server down),
	// and whether a failure came as JSON.
	client := &http.Client{Timeout: 10 * time.Second}
	get := func(path string) (int, bool) {
		req, _ := http.NewRequest("GET", base+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Accept", "application/json") // as API clients and probes send
		resp, err := client.Do(req)
		if err != nil {
			return 0, false
		}
		defer resp.Body.Close()
		var v map[string]any
		isJSON := strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") &&
			json.NewDecoder(resp.Body).Decode(&v) == nil
		return resp.StatusCode, isJSON
	}
	for _, p := range []string{"/readyz", "/api/v1/plans"} {
		if code, _ := get(p); code != http.StatusOK {
			t.Fatalf("GET %s before the restart = %d", p, code)
		}
	}

	// Load: four clients, bounded in count and time, until told to stop.
	var (
		mu    sync.Mutex
		seen  = map[string]int{} // "phase status" → count
		bad   []string
		phase = "before"
		stop  = make(chan struct{})
		wg    sync.WaitGroup
	)
	for c := 0; c < 4; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			paths := []string{"/readyz", "/api/v1/plans"}
			for i := 0; i < 20000; i++ {
				select {
				case <-stop:
					return
				default:
				}
				p := paths[(i+c)%2]
				code, isJSON := get(p)
				mu.Lock()
				seen[fmt.Sprintf("%s %d", phase, code)]++
				if code == 0 || (code >= 500 && !isJSON) || (code != http.StatusOK && code < 500) {
					bad = append(bad, fmt.Sprintf("%s: GET %s = %d (JSON %v)", phase, p, code, isJSON))
				}
				mu.Unlock()
				time.Sleep(5 * time.Millisecond)
			}
		}(c)
	}
	setPhase := func(p string) {
		mu.Lock()
		phase = p
		mu.Unlock()
	}
	time.Sleep(300 * time.Millisecond)
	setPhase("stopping")
	pg.ctl(t, "stop", "-m", "fast")
	setPhase("down")
	time.Sleep(time.Second)
	setPhase("starting")
	pg.ctl(t, "start", "-o", readOpts(t, pg))
	setPhase("back")

	// Back: requests succeed again within seconds (polled, not timed).
	deadline := time.Now().Add(30 * time.Second)
	streak := 0
	for streak < 10 && time.Now().Before(deadline) {
		if code, _ := get("/api/v1/plans"); code == http.StatusOK {
			streak++
		} else {
			streak = 0
		}
		time.Sleep(20 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	t.Logf("answers by phase: %v", seen)
	if streak < 10 {
		t.Errorf("requests still failing 30 s after PostgreSQL came back")
	}
	if seen["down 200"] > 0 {
		t.Errorf("%d requests answered 200 while the database was down", seen["down 200"])
	}
	if seen["down 503"]+seen["down 500"] == 0 {
		t.Errorf("no request was answered while the database was down: %v", seen)
	}
	for i, b := range bad {
		if i == 5 {
			t.Errorf("… %d more", len(bad)-5)
			break
		}
		t.Error(b)
	}
	select {
	case err := <-exited:
		t.Fatalf("planwatch serve exited during the restart: %v\n%s", err, stderr.String())
	default:
	}
	if strings.Contains(stderr.String(), "panic") {
		t.Errorf("planwatch serve panicked:\n%s", stderr.String())
	}
}

// readOpts returns the server options the data directory was started
// with (pg_ctl keeps them in postmaster.opts), for a start after a stop.
func readOpts(t *testing.T, pg *throwawayPostgres) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(pg.data, "postmaster.opts"))
	if err != nil {
		t.Fatal(err)
	}
	// "…/postgres" "-D" "…" "-c" "listen_addresses=…" …: keep what follows -D DIR.
	f := strings.Fields(strings.ReplaceAll(string(b), `"`, ""))
	var opts []string
	for i := 1; i < len(f); i++ {
		if f[i] == "-D" {
			i++
			continue
		}
		opts = append(opts, f[i])
	}
	return strings.Join(opts, " ")
}
