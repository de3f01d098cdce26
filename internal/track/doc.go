// Package track is the tracking logic of plans: statuses, schedules, indicators, projects (项目化推进: investment against 序时进度, milestones), links across levels and the task-list and 重大项目 spreadsheets offices exchange.
package track
