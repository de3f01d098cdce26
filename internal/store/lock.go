package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// Every planwatch process that opens the store holds a shared lock on its
// database for as long as it has it open; Restore takes the lock
// exclusively, so it refuses while a server (or any command) has the
// database open, and nothing opens it while a restore runs. Replacing a
// database under a running server would lose the writes it acknowledged
// afterwards: SQLite's connections keep writing to the replaced file, and
// PostgreSQL's pg_restore --clean drops the tables they write to.
//
//   - SQLite: flock(2) on DB.lock beside the database file (not the file
//     itself, which a restore replaces by a rename). /proc/locks names the
//     processes holding it.
//   - PostgreSQL: a session-level advisory lock on a key made of the
//     database's and schema's names, held on one connection of the pool;
//     pg_locks names the sessions holding it.

// ErrInUse is wrapped by Restore's error when a planwatch process has the
// database open, and by Open's when a restore is running.
var ErrInUse = errors.New("database in use")

// stopHint tells the operator how to stop what holds the database.
const stopHint = "stop it first (systemctl stop planwatch, or Ctrl-C where it runs), then restore again; nothing was changed"

// lockClass is the first key of planwatch's advisory locks ("plnw").
const lockClass = 0x706c6e77

// lockStore takes the shared lock of the store's database: a restore in
// progress makes Open fail with ErrInUse.
func (s *Store) lockStore(ctx context.Context, dsn string) error {
	if s.d.name() == "postgres" {
		conn, err := s.w.Conn(ctx)
		if err != nil {
			return fmt.Errorf("store: lock: %w", err)
		}
		var ok bool
		// A few tries: a restore that has just finished may still be
		// letting go of the lock.
		for try := 0; ; try++ {
			if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock_shared($1, `+pgLockKey+`)`, lockClass).Scan(&ok); err != nil {
				conn.Close()
				return fmt.Errorf("store: lock: %w", err)
			}
			if ok || try == 4 {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if !ok {
			conn.Close()
			return fmt.Errorf("store: a restore is running on this database: %w; try again once it has finished", ErrInUse)
		}
		s.lockMu.Lock()
		s.lockConn = conn
		s.lockMu.Unlock()
		s.unlock = func() {
			s.lockMu.Lock()
			defer s.lockMu.Unlock()
			if s.lockConn != nil {
				// Released by hand: the session's end would release it
				// too, but only once its server process has gone, which a
				// restore started right after could beat.
				uctx, cancel := context.WithTimeout(context.Background(), time.Second)
				s.lockConn.ExecContext(uctx, `SELECT pg_advisory_unlock_shared($1, `+pgLockKey+`)`, lockClass)
				cancel()
				s.lockConn.Close()
				s.lockConn = nil
			}
		}
		return nil
	}
	path := sqlitePath(dsn)
	release, err := flockFile(path+".lock", false)
	if errors.Is(err, ErrInUse) {
		return fmt.Errorf("store: %s: a restore is running (%s): %w; try again once it has finished", path, lockHolders(path+".lock"), ErrInUse)
	}
	if err != nil {
		// A lock file that cannot be made (a read-only directory) must not
		// keep the library from opening; restore then cannot check either.
		s.log.Warn("store: no lock beside the database", "path", path+".lock", "err", err)
		return nil
	}
	s.unlock = release
	return nil
}

// KeepLock takes the database's shared lock again when the session that
// held it is gone (PostgreSQL restarted under the server, which rides it
// out): without it a restore would not see the server. The server calls
// it every little while; ErrInUse means a restore got in meanwhile. A
// no-op on SQLite, whose lock is a file's and cannot be lost.
func (s *Store) KeepLock(ctx context.Context) error {
	if s.d.name() != "postgres" {
		return nil
	}
	s.lockMu.Lock()
	conn := s.lockConn
	s.lockMu.Unlock()
	if conn != nil && conn.PingContext(ctx) == nil {
		return nil
	}
	if conn != nil {
		conn.Close()
	}
	next, err := s.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: lock: %w", err)
	}
	var ok bool
	if err := next.QueryRowContext(ctx, `SELECT pg_try_advisory_lock_shared($1, `+pgLockKey+`)`, lockClass).Scan(&ok); err != nil {
		next.Close()
		return fmt.Errorf("store: lock: %w", err)
	}
	if !ok {
		next.Close()
		return fmt.Errorf("store: a restore took this database while the connection holding its lock was lost: %w", ErrInUse)
	}
	s.lockMu.Lock()
	s.lockConn = next
	s.lockMu.Unlock()
	return nil
}

// pgLockKey is the second key of the advisory lock: the database and
// schema (the search path's first), so that schemas sharing a database
// lock apart.
const pgLockKey = `hashtext(current_database() || '/' || coalesce(current_schema(), ''))`

// lockForRestore takes the exclusive lock of the database named by dsn,
// or fails with ErrInUse naming who holds it and how to stop them. The
// returned function releases it.
func lockForRestore(ctx context.Context, dsn string) (func(), error) {
	if isPostgres(dsn) {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("restore: %w", err)
		}
		conn, err := db.Conn(ctx)
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("restore: connect: %w", err)
		}
		release := func() {
			uctx, cancel := context.WithTimeout(context.Background(), time.Second)
			conn.ExecContext(uctx, `SELECT pg_advisory_unlock($1, `+pgLockKey+`)`, lockClass) // as Store.Close does
			cancel()
			conn.Close()
			db.Close()
		}
		var ok bool
		var key int32
		err = conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1, `+pgLockKey+`), `+pgLockKey, lockClass).Scan(&ok, &key)
		if err != nil {
			release()
			return nil, fmt.Errorf("restore: lock: %w", err)
		}
		if !ok {
			who := pgLockHolders(ctx, conn, key)
			release()
			return nil, fmt.Errorf("restore refused: planwatch has this database open (%s): %w; %s", who, ErrInUse, stopHint)
		}
		return release, nil
	}
	path := sqlitePath(dsn)
	release, err := flockFile(path+".lock", true)
	if errors.Is(err, ErrInUse) {
		return nil, fmt.Errorf("restore into %s refused: planwatch has the database open (%s): %w; %s", path, lockHolders(path+".lock"), ErrInUse, stopHint)
	}
	if err != nil {
		return nil, fmt.Errorf("restore into %s: lock: %w", path, err)
	}
	return release, nil
}

// pgLockHolders describes the sessions holding the advisory lock.
func pgLockHolders(ctx context.Context, conn *sql.Conn, key int32) string {
	rows, err := conn.QueryContext(ctx, `SELECT a.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'local'),
 to_char(a.backend_start, 'YYYY-MM-DD HH24:MI')
 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
 WHERE l.locktype = 'advisory' AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid AND l.objsubid = 2 AND l.granted
 ORDER BY a.backend_start`, lockClass, int64(uint32(key)))
	if err != nil {
		return "sessions of other processes"
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var pid int
		var app, from, since string
		if rows.Scan(&pid, &app, &from, &since) == nil {
			out = append(out, fmt.Sprintf("%s from %s since %s, server pid %d", app, from, since, pid))
		}
	}
	if len(out) == 0 {
		return "sessions of other processes"
	}
	return strings.Join(out, "; ")
}

// isPostgres reports whether dsn names a PostgreSQL database.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// sqlitePath is the file of a SQLite dsn: without its scheme and query.
func sqlitePath(dsn string) string {
	path, _, _ := strings.Cut(dsn, "?")
	path = strings.TrimPrefix(path, "sqlite:")
	path = strings.TrimPrefix(path, "file:")
	return strings.TrimPrefix(path, "//")
}

// processName is what a process's command line says, shortened.
func processName(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil || len(b) == 0 {
		return ""
	}
	args := strings.Fields(strings.ReplaceAll(string(b), "\x00", " "))
	if len(args) > 0 {
		if i := strings.LastIndexByte(args[0], '/'); i >= 0 {
			args[0] = args[0][i+1:]
		}
	}
	s := strings.Join(args, " ")
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}
