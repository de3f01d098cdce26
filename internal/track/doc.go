// Package track is the tracking logic of plans: statuses, schedules, indicators, links across levels and the task-list spreadsheets offices exchange.
package track
