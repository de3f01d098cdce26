package cli

import (
	"bufio"
	"context"
	"database/sql"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"planwatch/internal/store"
)

// liveServer is `planwatch serve` running as a real process.
type liveServer struct {
	cmd    *exec.Cmd
	base   string // http://127.0.0.1:PORT
	stderr *strings.Builder
	exited chan error
}

// startServe runs `planwatch serve --addr 127.0.0.1:0 args…` and waits
// for it to listen; it is stopped (SIGTERM) when the test ends.
func startServe(t *testing.T, env []string, args ...string) *liveServer {
	t.Helper()
	cmd := asMain(append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(cmd.Env, env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &liveServer{cmd: cmd, stderr: &strings.Builder{}, exited: make(chan error, 1)}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.Contains(line, "http://") {
		t.Fatalf("serve did not start: %q %v\n%s", line, err, s.stderr.String())
	}
	go io.Copy(io.Discard, stdout)
	s.base = strings.TrimRight(strings.Fields(line[strings.Index(line, "http://"):])[0], "/")
	return s
}

// stop sends SIGTERM and returns how long the process took to exit, and
// its error.
func (s *liveServer) stop(t *testing.T) (time.Duration, error) {
	t.Helper()
	start := time.Now()
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.exited:
		s.exited <- err // for the cleanup
		return time.Since(start), err
	case <-time.After(20 * time.Second):
		s.cmd.Process.Kill()
		t.Fatalf("serve did not exit 20 s after SIGTERM\n%s", s.stderr.String())
		return 0, nil
	}
}

// freshPostgres creates an empty database beside PLANWATCH_TEST_POSTGRES's
// and returns its DSN (pg_dump and pg_restore work on databases, not
// schemas); it skips without one.
func freshPostgres(t *testing.T) string {
	t.Helper()
	admin := os.Getenv("PLANWATCH_TEST_POSTGRES")
	if admin == "" {
		t.Skip("PLANWATCH_TEST_POSTGRES not set")
	}
	for _, tool := range []string{"pg_dump", "pg_restore"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool + " not installed")
		}
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	name := "pw_cli_" + store.NewID()
	if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
		db.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Exec(`DROP DATABASE ` + name + ` WITH (FORCE)`)
		db.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// trackedPlanIn adds a plan document to the library db (a SQLite file or
// a PostgreSQL DSN) and tracks it; it returns the plan's ID.
func trackedPlanIn(t *testing.T, db string, doc []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plan.txt")
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
	return m[1]
}

// adminToken makes an admin account with an API token in db.
func adminToken(t *testing.T, db string) string {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u, err := st.CreateUser(ctx, store.User{Login: "admin", Name: "管理员", Role: store.RoleAdmin, PasswordHash: "$argon2id$unused"})
	if err != nil {
		t.Fatal(err)
	}
	tok, _, err := st.CreateAPIToken(ctx, u.ID, "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
