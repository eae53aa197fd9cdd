-- The task-count triggers (0001) ran their upsert through task_counts_apply, a
-- LANGUAGE sql function. PostgreSQL parses and plans such a function again at
-- every call, and the triggers call it once per statement on `tasks`: profiled
-- under `make bench`, the triggers took about a quarter of the database's CPU,
-- most of it in that planning. PL/pgSQL caches each statement's plan for the
-- session, so the triggers now upsert directly. Same counts, same lock order
-- (rows sorted by service and status, so concurrent windows cannot deadlock).
CREATE OR REPLACE FUNCTION task_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_counts (service, status, shard, n)
    SELECT service, status, (pg_backend_pid() % 16)::smallint, count(*)
      FROM new_rows
     GROUP BY service, status
     ORDER BY service, status
    ON CONFLICT (service, status, shard) DO UPDATE SET n = task_counts.n + EXCLUDED.n;
    RETURN NULL;
END
$$;

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
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION task_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_counts (service, status, shard, n)
    SELECT service, status, (pg_backend_pid() % 16)::smallint, -count(*)
      FROM old_rows
     GROUP BY service, status
     ORDER BY service, status
    ON CONFLICT (service, status, shard) DO UPDATE SET n = task_counts.n + EXCLUDED.n;
    RETURN NULL;
END
$$;

DROP FUNCTION task_counts_apply(text[], text[], bigint[]);
