-- Approved extensions of a task's deadline (延期): the new date, why, and
-- who approved it. A task past its deadline is 逾期, which is computed and
-- never stored; a task whose deadline was moved by an approval is 已延期
-- until the new date passes, and only an approval makes it so: a unit
-- writing 已延期 in a sheet reports the task as in progress. Shared by
-- SQLite and PostgreSQL; times are BIGINT Unix milliseconds, dates
-- YYYY-MM-DD, as in 0010.
--
-- items.deadline is moved to new_deadline in the same transaction (with
-- an item_edits row); the rows here keep the history, so that a report
-- as of an earlier date judges by the deadline in force then.

CREATE TABLE item_extensions (
    id           TEXT PRIMARY KEY,
    item_id      TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    old_deadline TEXT NOT NULL, -- '' when the task ran to the plan's end
    new_deadline TEXT NOT NULL,
    reason       TEXT NOT NULL,
    approved_by  TEXT NOT NULL, -- the person or body that approved it
    approved_on  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL, -- a login, or cli:$USER
    recorded_at  BIGINT NOT NULL
);
CREATE INDEX item_extensions_item ON item_extensions (item_id, recorded_at);
