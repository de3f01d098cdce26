package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Job leases let several servers on one database share the scheduled jobs:
// a job runs on whichever server wins its lease, once per interval. The
// lease is one row per job, taken by a single conditional UPDATE, which
// both SQLite (one writer) and PostgreSQL (the row lock, with the
// condition checked again after waiting for it) make atomic: of two
// servers asking at once, exactly one sees its row updated. No advisory
// locks or SKIP LOCKED, so the same SQL serves both databases.

// JobLease is the state of one scheduled job.
type JobLease struct {
	Name       string
	Holder     string    // the server that holds or last held the lease
	LeaseUntil time.Time // zero when nobody holds it
	NextRunAt  time.Time // zero: due now
	LastRunAt  time.Time // zero: never ran
	LastError  string
}

// AcquireJob takes the lease of a job for holder until t+lease, if the job
// is due at t (its next run time has come) and no other holder's lease is
// current. It reports whether holder now runs the job.
func (s *Store) AcquireJob(ctx context.Context, name, holder string, t time.Time, lease time.Duration) (bool, error) {
	at := t.UnixMilli()
	var won bool
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO job_leases (job_name, holder, lease_until, next_run_at, last_run_at, last_error)
 VALUES (?, '', 0, 0, 0, '') ON CONFLICT (job_name) DO NOTHING`), name); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, s.q(`UPDATE job_leases SET holder = ?, lease_until = ?
 WHERE job_name = ? AND lease_until <= ? AND next_run_at <= ?`), holder, at+lease.Milliseconds(), name, at, at)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		won = n == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("acquire job %s: %w", name, err)
	}
	return won, nil
}

// ReleaseJob ends holder's lease on a job that finished at t, records the
// run's error (nil for success) and makes the job due again at next. A
// lease lost meanwhile (it expired and another server took it) is left to
// its new holder: ErrNotFound.
func (s *Store) ReleaseJob(ctx context.Context, name, holder string, t, next time.Time, runErr error) error {
	msg := ""
	if runErr != nil {
		msg = clip(runErr.Error(), 2000)
	}
	res, err := s.w.ExecContext(ctx, s.q(`UPDATE job_leases SET lease_until = 0, next_run_at = ?, last_run_at = ?, last_error = ?
 WHERE job_name = ? AND holder = ?`), next.UnixMilli(), t.UnixMilli(), msg, name, holder)
	if err != nil {
		return fmt.Errorf("release job %s: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("release job %s: lease of %s: %w", name, holder, ErrNotFound)
	}
	return nil
}

// JobLeases lists the jobs' states by name.
func (s *Store) JobLeases(ctx context.Context) ([]JobLease, error) {
	out, err := queryAll(ctx, s, func(sc scanner) (JobLease, error) {
		var (
			j                  JobLease
			until, next, lastT int64
		)
		err := sc.Scan(&j.Name, &j.Holder, &until, &next, &lastT, &j.LastError)
		j.LeaseUntil, j.NextRunAt, j.LastRunAt = fromMillis(until), fromMillis(next), fromMillis(lastT)
		return j, err
	}, `SELECT job_name, holder, lease_until, next_run_at, last_run_at, last_error FROM job_leases ORDER BY job_name`)
	if err != nil {
		return nil, fmt.Errorf("job leases: %w", err)
	}
	return out, nil
}

// JobLeaseOf returns one job's state, or ErrNotFound if it never ran.
func (s *Store) JobLeaseOf(ctx context.Context, name string) (JobLease, error) {
	all, err := s.JobLeases(ctx)
	if err != nil {
		return JobLease{}, err
	}
	for _, j := range all {
		if j.Name == name {
			return j, nil
		}
	}
	return JobLease{}, fmt.Errorf("job %s: %w", name, ErrNotFound)
}
