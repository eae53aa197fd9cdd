-- Listings at ten million rows (issue #24). Task lists are now ordered by
-- (submitted_at, id), newest first: ids of tasks with an idempotency key are
-- UUIDv8, not time-ordered, so only submitted_at orders by time and lets `since`
-- bound a scan. Each filter has an index that starts with it and then follows
-- that order; the other filter columns follow as key columns, so a scan checks
-- them inside the index instead of fetching rows it then throws away. Tasks that
-- did not succeed (the rare states: queued, running, retrying, failed, dead,
-- cancelled) get a partial index of their own; `succeeded` is most of a ledger
-- and found quickly along any of the others. The repository writes one statement
-- per filter combination (common/storage/tasks/task_repository.cpp).
--
-- Every statement is IF [NOT] EXISTS so that an operator with a big ledger can
-- build the indexes beforehand with CREATE INDEX CONCURRENTLY and drop the old
-- ones with DROP INDEX CONCURRENTLY (docs/operations.md#big-tables): this
-- migration then only records them. Run here, in the migrator's transaction, the
-- builds block writes to the table until they finish.
DROP INDEX IF EXISTS tasks_status_id_idx;
DROP INDEX IF EXISTS tasks_service_action_id_idx;
DROP INDEX IF EXISTS tasks_submitted_at_idx;
CREATE INDEX IF NOT EXISTS tasks_time_idx
    ON tasks (submitted_at, id, service, action, status, submitted_by);
CREATE INDEX IF NOT EXISTS tasks_service_time_idx
    ON tasks (service, submitted_at, id, action, status, submitted_by);
CREATE INDEX IF NOT EXISTS tasks_action_time_idx
    ON tasks (action, service, submitted_at, id, status, submitted_by);
CREATE INDEX IF NOT EXISTS tasks_owner_time_idx
    ON tasks (submitted_by, submitted_at, id, service, action, status);
CREATE INDEX IF NOT EXISTS tasks_unsettled_time_idx
    ON tasks (status, submitted_at, id, service, action, submitted_by)
    WHERE status <> 'succeeded';
-- The filters are correlated (an action belongs to a service, a caller uses a
-- few services): joint statistics keep the planner from taking a combination
-- as common when it is rare.
CREATE STATISTICS IF NOT EXISTS tasks_filter_stats (mcv, ndistinct)
    ON service, action, status, submitted_by FROM tasks;

-- Tracker events are listed by id (UUIDv7, given by the API: time-ordered).
DROP INDEX IF EXISTS tracker_events_service_idx;
CREATE INDEX IF NOT EXISTS tracker_events_service_id_idx ON tracker_events (service, id);
-- The date range of a search is on the start date, or the creation of an event
-- without one.
CREATE INDEX IF NOT EXISTS tracker_events_effective_date_idx
    ON tracker_events ((coalesce(start_date, created_at)), id);

-- The total of GET /events/list (every event) without counting a million rows:
-- kept by statement-level triggers, one shard per backend as task_counts.
CREATE TABLE tracker_event_total (
    shard smallint PRIMARY KEY,
    n     bigint   NOT NULL DEFAULT 0
);
INSERT INTO tracker_event_total (shard, n) SELECT 0, count(*) FROM tracker_events;

CREATE FUNCTION tracker_event_total_add() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    delta bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT count(*) INTO delta FROM new_rows;
    ELSE
        SELECT -count(*) INTO delta FROM old_rows;
    END IF;
    IF delta <> 0 THEN
        INSERT INTO tracker_event_total (shard, n) VALUES ((pg_backend_pid() % 16)::smallint, delta)
        ON CONFLICT (shard) DO UPDATE SET n = tracker_event_total.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER tracker_events_total_insert AFTER INSERT ON tracker_events
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tracker_event_total_add();
CREATE TRIGGER tracker_events_total_delete AFTER DELETE ON tracker_events
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tracker_event_total_add();

ANALYZE tasks;
ANALYZE tracker_events;
