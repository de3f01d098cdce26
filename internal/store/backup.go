package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// backupTables are counted after a backup and a restore, so a copy is
// proved whole by more than its existence.
var backupTables = []string{"documents", "versions", "blobs", "plans", "items", "updates", "indicators", "observations", "audit_log"}

// Counts is the number of rows of the main tables.
type Counts map[string]int

// Counts returns the row counts of the main tables.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	return countRows(ctx, s.r)
}

func countRows(ctx context.Context, db *sql.DB) (Counts, error) {
	out := Counts{}
	for _, t := range backupTables {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+t).Scan(&n); err != nil {
			return nil, fmt.Errorf("counting %s: %w", t, err)
		}
		out[t] = n
	}
	return out, nil
}

// Backup writes a consistent copy of the whole database, original bytes
// included, while the store is in use, with a checkpoint of the audit
// log's head noted first (audit_checkpoint.go). SQLite uses VACUUM INTO, which copies
// inside one read transaction; PostgreSQL uses pg_dump's custom format,
// which pg_restore reads. dst must not exist. The copy is written to
// dst.partial and renamed to dst once whole, so a backup killed half-way
// (or a full disk) never leaves a truncated file that looks like a backup;
// the next backup to dst replaces a stale dst.partial.
func (s *Store) Backup(ctx context.Context, dst string) error {
	if _, err := os.Stat(dst); err == nil {
		return fmt.Errorf("backup %s: %w", dst, os.ErrExist)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("backup %s: %w", dst, err)
	}
	tmp := dst + ".partial"
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("backup %s: %w", dst, err)
	}
	// The audit log's head goes into the copy: a log later cut back
	// behind it shows against the backup's checkpoint.
	if _, err := s.CheckpointAudit(ctx, "backup", AuditCheckpoint{}); err != nil {
		// Reported, but the copy is still made: it is the evidence.
		s.log.Warn("backup: the audit log does not extend its last checkpoint", "err", err)
	}
	if s.d.name() == "sqlite" {
		if _, err := s.r.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("backup %s: %w", dst, err)
		}
	} else {
		out, err := exec.CommandContext(ctx, "pg_dump", "--format=custom", "--no-owner", "--file", tmp, "--dbname", s.dsn).CombinedOutput()
		if err != nil {
			os.Remove(tmp)
			return fmt.Errorf("backup %s: pg_dump: %w: %s", dst, err, strings.TrimSpace(string(out)))
		}
	}
	if err := syncAndRename(tmp, dst); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup %s: %w", dst, err)
	}
	return nil
}

// syncAndRename flushes a finished file to disk before renaming it into
// place, then flushes the directory, so the name never points at bytes a
// power cut could lose.
func syncAndRename(tmp, dst string) error {
	f, err := os.OpenFile(tmp, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		return err
	}
	if d, err := os.Open(filepath.Dir(dst)); err == nil {
		d.Sync() //nolint:errcheck // best effort: not every file system syncs directories
		d.Close()
	}
	return nil
}

// VerifyBackup checks a SQLite backup file: the integrity check passes, its
// schema is one this binary knows, and it returns its row counts.
// PostgreSQL dumps are checked by pg_restore --list.
func VerifyBackup(ctx context.Context, path string) (Counts, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("backup %s: %w", path, err)
	}
	head := make([]byte, 16)
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("backup %s: too short to be a backup", path)
	}
	if string(head[:5]) == "PGDMP" {
		if out, err := exec.CommandContext(ctx, "pg_restore", "--list", path).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("backup %s: pg_restore --list: %w: %s", path, err, strings.TrimSpace(string(out)))
		}
		return nil, nil
	}
	if string(head) != "SQLite format 3\x00" {
		return nil, fmt.Errorf("backup %s: neither a SQLite database nor a pg_dump archive", path)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return nil, fmt.Errorf("backup %s: %w", path, err)
	}
	defer db.Close()
	var ok string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		return nil, fmt.Errorf("backup %s: integrity check failed: %s %v", path, ok, err)
	}
	c, err := countRows(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("backup %s: %w", path, err)
	}
	return c, nil
}

// Restore puts a backup in place of the database named by dsn: a SQLite
// file is verified and copied in (an existing database is replaced only
// with force), a pg_dump archive is restored with pg_restore (--clean
// with force). It refuses, whatever force says, while any planwatch
// process has the database open (ErrInUse, naming it): a restore under a
// running server loses the writes the server acknowledges afterwards. It
// holds the database's lock meanwhile, so no server starts half-way. It
// then opens the result, which also checks that its schema is one this
// binary knows, and returns its row counts.
func Restore(ctx context.Context, src, dsn string, force bool, log *slog.Logger) (Counts, error) {
	want, err := VerifyBackup(ctx, src)
	if err != nil {
		return nil, err
	}
	release, err := lockForRestore(ctx, dsn)
	if err != nil {
		return nil, err
	}
	err = restoreLocked(ctx, src, dsn, force)
	// Released before Open, which takes the lock shared for itself.
	release()
	if err != nil {
		return nil, err
	}
	st, err := Open(ctx, dsn, log)
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	defer st.Close()
	got, err := st.Counts(ctx)
	if err != nil {
		return nil, err
	}
	for t, n := range want {
		if got[t] != n {
			return got, fmt.Errorf("restore: %s has %d rows, the backup %d", t, got[t], n)
		}
	}
	return got, nil
}

// restoreLocked replaces the database with the backup, under the lock.
func restoreLocked(ctx context.Context, src, dsn string, force bool) error {
	if isPostgres(dsn) {
		args := []string{"--no-owner", "--dbname", dsn, src}
		if force {
			args = append([]string{"--clean", "--if-exists"}, args...)
		}
		if out, err := exec.CommandContext(ctx, "pg_restore", args...).CombinedOutput(); err != nil {
			return fmt.Errorf("restore %s: pg_restore: %w: %s", src, err, strings.TrimSpace(string(out)))
		}
		return nil
	}
	path := sqlitePath(dsn)
	if _, err := os.Stat(path); err == nil && !force {
		return fmt.Errorf("restore into %s: a database is there (restore with --force to replace it)", path)
	}
	if err := copyFile(src, path); err != nil {
		return fmt.Errorf("restore into %s: %w", path, err)
	}
	for _, side := range []string{"-wal", "-shm"} {
		os.Remove(path + side) // an old journal must not replay over the copy
	}
	return nil
}

// copyFile writes src to dst through a temporary file and a rename, so a
// crash leaves either the old file or the whole new one.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".restore-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, in); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return errors.Join(os.Rename(tmp.Name(), dst))
}
