package cli

import (
	"context"
	"strings"
	"time"

	"planwatch/internal/config"
	"planwatch/internal/schedule"
	"planwatch/internal/store"
)

// startSchedule runs the server's scheduled jobs (watched documents,
// reminders, audit retention, sessions) in the background and returns the
// function that stops them: it lets the job in flight finish its current
// item, then returns.
func startSchedule(cfg *Config, st *store.Store, app config.Config) (stop func()) {
	lib := newLibrary(cfg, st, app)
	jobs := schedule.Standard(st, lib, app.Schedule, app.AuditCheckpointFile())
	var names []string
	for _, j := range jobs {
		names = append(names, j.Name+" every "+j.Interval.String())
	}
	mail := "reminders listed in the app only (no PLANWATCH_SMTP_ADDR)"
	if app.Schedule.SMTP.Addr != "" {
		mail = "reminders mailed through " + app.Schedule.SMTP.Addr
	}
	cfg.Log.Info("scheduled jobs", "jobs", strings.Join(names, ", "), "mail", mail)
	ctx, cancel := context.WithCancel(cfg.Ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		schedule.New(st, jobs, schedule.Options{Log: cfg.Log}).Run(ctx)
	}()
	go keepLock(ctx, cfg, st)
	return func() {
		cancel()
		<-done
	}
}

// keepLockEvery is how often the server checks that it still holds its
// database's lock (store.KeepLock).
const keepLockEvery = 30 * time.Second

// keepLock takes the database's lock again after PostgreSQL restarted
// under the server, so that a restore still sees it, until ctx ends.
func keepLock(ctx context.Context, cfg *Config, st *store.Store) {
	t := time.NewTicker(keepLockEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := st.KeepLock(ctx); err != nil && ctx.Err() == nil {
				cfg.Log.Error("database lock", "err", err)
			}
		}
	}
}
