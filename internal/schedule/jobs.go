package schedule

import (
	"planwatch/internal/config"
	"planwatch/internal/library"
	"planwatch/internal/store"
)

// Standard returns the server's jobs as the settings configure them; an
// interval of 0 leaves a job out. Reminders follow each plan's reporting
// rhythm and link the app at sc.BaseURL when it is set. The audit
// checkpoint runs always, every minute, writing checkpoint ("" for none)
// besides the table.
func Standard(st *store.Store, lib *library.Library, sc config.Schedule, checkpoint string) []Job {
	jobs := []Job{AuditCheckpoint(st, checkpoint, AuditCheckpointInterval)}
	if sc.WatchInterval > 0 {
		jobs = append(jobs, Watch(st, lib, sc.WatchInterval))
	}
	if sc.ReminderInterval > 0 {
		jobs = append(jobs, Reminders(st, NewMailer(sc.SMTP), sc.BaseURL, sc.ReminderInterval))
	}
	if sc.CleanupInterval > 0 {
		jobs = append(jobs, AuditRetention(st, sc.AuditRetentionDays, sc.CleanupInterval), Sessions(st, sc.CleanupInterval))
	}
	return jobs
}
