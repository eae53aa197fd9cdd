-- What the console's overview and a task's timeline need from the ledger
-- (issue #19, docs/console.md).
--
-- 1. Throughput over the last hours: how many tasks ended in each state per
--    minute. Counting them from `tasks` would read every task of the window (at
--    8,000 tasks/s an hour is 29 million rows), so the count triggers of 0009
--    also add each statement's entries into a final state, and into `retrying`
--    (a failed attempt that will run again), to a per-minute row. Sharded by
--    backend like task_counts, so concurrent workers do not queue on one row.
--    The listener prunes minutes older than a day (listener/tasks).
CREATE TABLE task_minutes (
    minute  timestamptz NOT NULL,
    service text        NOT NULL,
    status  text        NOT NULL,
    shard   smallint    NOT NULL,
    n       bigint      NOT NULL,
    PRIMARY KEY (minute, service, status, shard)
);

-- An insert can already be an end: an outcome recorded before the listener wrote
-- the queued row, a poison message set aside as failed.
CREATE OR REPLACE FUNCTION task_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_counts (service, status, shard, n)
    SELECT service, status, (pg_backend_pid() % 16)::smallint, count(*)
      FROM new_rows
     GROUP BY service, status
     ORDER BY service, status
    ON CONFLICT (service, status, shard) DO UPDATE SET n = task_counts.n + EXCLUDED.n;
    INSERT INTO task_minutes (minute, service, status, shard, n)
    SELECT date_trunc('minute', now()), service, status, (pg_backend_pid() % 16)::smallint, count(*)
      FROM new_rows
     WHERE status IN ('succeeded', 'failed', 'dead', 'cancelled', 'retrying')
     GROUP BY service, status
     ORDER BY service, status
    ON CONFLICT (minute, service, status, shard) DO UPDATE SET n = task_minutes.n + EXCLUDED.n;
    RETURN NULL;
END
$$;

-- An update is an entry when the row's state or attempt changed: a later
-- update of a finished row (none today) would not count it twice.
CREATE OR REPLACE FUNCTION task_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_counts (service, status, shard, n)
    SELECT service, status, (pg_backend_pid() % 16)::smallint, n
      FROM (SELECT service, status, sum(d) AS n
              FROM (SELECT service, status, -1 AS d FROM old_rows
                    UNION ALL
                    SELECT service, status, 1 AS d FROM new_rows) moves
             GROUP BY service, status) c
     WHERE n <> 0
     ORDER BY service, status
    ON CONFLICT (service, status, shard) DO UPDATE SET n = task_counts.n + EXCLUDED.n;
    INSERT INTO task_minutes (minute, service, status, shard, n)
    SELECT date_trunc('minute', now()), n.service, n.status, (pg_backend_pid() % 16)::smallint,
           count(*)
      FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE n.status IN ('succeeded', 'failed', 'dead', 'cancelled', 'retrying')
       AND (o.status <> n.status OR o.attempts <> n.attempts)
     GROUP BY n.service, n.status
     ORDER BY n.service, n.status
    ON CONFLICT (minute, service, status, shard) DO UPDATE SET n = task_minutes.n + EXCLUDED.n;
    RETURN NULL;
END
$$;

-- 2. Each attempt on the timeline. A failed attempt's entry in `errors` had its
--    error, attempt number and time; it now also says when that attempt started
--    and, when it will run again, the delay its retry waits (the delay queue's
--    step). Workers send the delay in their outcome records.
ALTER TYPE task_record ADD ATTRIBUTE retry_delay_ms bigint;
