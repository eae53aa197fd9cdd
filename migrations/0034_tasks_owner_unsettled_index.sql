-- A caller's tasks in a rare state (issue #24): a non-admin's list is always
-- filtered by its caller, and with a status other than `succeeded` and a service
-- it walked the caller's index (0014) through all their tasks to find the few in
-- that state (warm p99 50–90 ms at ten million tasks, docs/operations.md). Like
-- tasks_unsettled_time_idx it holds only the tasks that did not succeed: a
-- task enters it when queued and leaves it once succeeded, and `succeeded`
-- itself is found quickly along the caller's index. `make bench` saw no
-- difference in tasks/s with it (docs/operations.md).
-- IF NOT EXISTS as in 0014: an operator with a big ledger can build it
-- beforehand with CREATE INDEX CONCURRENTLY.
CREATE INDEX IF NOT EXISTS tasks_owner_unsettled_idx
    ON tasks (submitted_by, status, submitted_at, id, service, action)
    WHERE status <> 'succeeded';
