package web

import (
	"fmt"
	"strings"

	"planwatch/internal/library"
	"planwatch/internal/schedule"
)

// writeWorkMetrics prints the work done besides answering requests: what
// adding and refreshing documents did (the library's process-wide
// counters, whoever asked) and the scheduled jobs' runs and failures.
func writeWorkMetrics(w *strings.Builder) {
	c := library.Counters()
	w.WriteString("# HELP planwatch_ingest_documents_total Documents added or refreshed, by outcome.\n# TYPE planwatch_ingest_documents_total counter\n")
	for _, s := range library.Outcomes() {
		fmt.Fprintf(w, "planwatch_ingest_documents_total{outcome=%q} %d\n", strings.NewReplacer(" ", "_", "-", "_").Replace(string(s)), c.Outcomes[s])
	}
	w.WriteString("# HELP planwatch_ingest_failures_total Documents that could not be added or refreshed, by reason.\n# TYPE planwatch_ingest_failures_total counter\n")
	for _, r := range library.Reasons() {
		fmt.Fprintf(w, "planwatch_ingest_failures_total{reason=%q} %d\n", r, c.Failures[r])
	}
	w.WriteString("# HELP planwatch_ingest_refreshes_total Documents fetched again from their source.\n# TYPE planwatch_ingest_refreshes_total counter\n")
	fmt.Fprintf(w, "planwatch_ingest_refreshes_total %d\n", c.Refreshes)
	jobs := schedule.Counters()
	w.WriteString("# HELP planwatch_job_runs_total Scheduled job runs by this server.\n# TYPE planwatch_job_runs_total counter\n")
	for _, j := range jobs {
		fmt.Fprintf(w, "planwatch_job_runs_total{job=%q} %d\n", j.Name, j.Runs)
	}
	w.WriteString("# HELP planwatch_job_failures_total Scheduled job runs that failed (retried next round).\n# TYPE planwatch_job_failures_total counter\n")
	for _, j := range jobs {
		fmt.Fprintf(w, "planwatch_job_failures_total{job=%q} %d\n", j.Name, j.Failures)
	}
	w.WriteString("# HELP planwatch_job_duration_seconds_total Time spent in scheduled jobs.\n# TYPE planwatch_job_duration_seconds_total counter\n")
	for _, j := range jobs {
		fmt.Fprintf(w, "planwatch_job_duration_seconds_total{job=%q} %g\n", j.Name, j.Seconds)
	}
}
