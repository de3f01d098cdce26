// Package schedule is the work the server does on its own, at intervals:
// it fetches watched documents again and raises change alerts, brings the
// reminder digests of unreported tasks up to date and mails them, prunes
// the audit log past its retention and deletes expired sessions.
//
// A Scheduler runs a list of Jobs. Each round it asks the store for each
// job's lease (one row per job in job_leases): a job runs only when it is
// due and no other server holds it, so servers sharing one PostgreSQL run
// each job once per interval between them. A job's error is logged and
// recorded with its lease, and the job runs again next round; a panic in a
// job is caught the same way, so the server never goes down with a job.
//
// Rounds are driven by Run (a ticker) in the server and by RunOnce in
// tests, with the clock given in Options. When the server stops, Run
// lets the job in flight finish the item it is on (a document, a plan):
// jobs check Stopping between items.
//
// It sits beside track and report: it uses store, library and track, and
// nothing above it (web, cli) is imported here.
package schedule
