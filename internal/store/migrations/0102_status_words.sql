-- One status vocabulary (track/status.go). Units now report one of
-- not_started, in_progress, done, paused, cancelled; whether a task is
-- behind 序时进度 (滞后), past its deadline (逾期) or extended (已延期) is
-- computed from its dates, its progress and its approved extensions,
-- never stored. The statuses stored before said some of that in the
-- report itself: on_schedule (序时推进), ahead (超序时), behind (滞后) and
-- delayed (已逾期/已延期) were all reports of a task under way, so they
-- become in_progress. Shared by SQLite and PostgreSQL.

UPDATE items SET status = 'in_progress' WHERE status IN ('on_schedule', 'ahead', 'behind', 'delayed');
UPDATE updates SET status = 'in_progress' WHERE status IN ('on_schedule', 'ahead', 'behind', 'delayed');
