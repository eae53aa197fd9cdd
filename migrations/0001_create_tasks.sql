-- The task ledger: one row per task, written by the listener (queued rows from the
-- API's ledger batches) and by workers (running, retrying and final states).
CREATE TABLE tasks (
    id              uuid PRIMARY KEY,
    service         text        NOT NULL,
    action          text        NOT NULL,
    status          text        NOT NULL CHECK (status IN
                        ('queued', 'running', 'retrying', 'succeeded', 'failed', 'dead', 'cancelled')),
    attempts        integer     NOT NULL DEFAULT 0,
    max_attempts    integer     NOT NULL DEFAULT 1,
    priority        smallint    NOT NULL DEFAULT 0,
    timeout_ms      integer     NOT NULL DEFAULT 30000,
    payload         jsonb       NOT NULL DEFAULT '{}',
    result          jsonb,
    error           jsonb,                         -- the last attempt's error
    errors          jsonb       NOT NULL DEFAULT '[]',  -- every attempt's error, oldest first
    idempotency_key text,
    callback_url    text,
    submitted_by    text        NOT NULL DEFAULT '',
    submitted_at    timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    finished_at     timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Listings page by id (UUIDv7, time-ordered) within a filter.
CREATE INDEX tasks_status_id_idx ON tasks (status, id);
CREATE INDEX tasks_service_action_id_idx ON tasks (service, action, id);
CREATE INDEX tasks_submitted_at_idx ON tasks (submitted_at);

-- The fields of a task envelope, an outcome or a lifecycle event as writers pass
-- them in batches: jsonb_populate_recordset(NULL::task_record, $1) reads a JSON
-- array of them (docs/protocol.md). `attempts` is the name events use for `attempt`.
CREATE TYPE task_record AS (
    id              uuid,
    service         text,
    action          text,
    attempt         integer,
    attempts        integer,
    max_attempts    integer,
    priority        smallint,
    timeout_ms      integer,
    payload         jsonb,
    idempotency_key text,
    callback_url    text,
    submitted_by    text,
    submitted_at    timestamptz,
    status          text,
    result          jsonb,
    error           jsonb,
    started_at      timestamptz
);

-- Messages about a task arrive in any order; a write only applies when it moves the
-- task forward in this order (twin of domain::progress in common/domain). `dead`
-- closes its attempt rather than the task: replaying a dead letter publishes the
-- next attempt, which moves it forward again.
CREATE FUNCTION task_progress(status text, attempt integer) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN status IN ('succeeded', 'failed', 'cancelled') THEN 1099511627776
        ELSE attempt::bigint * 4 + CASE status WHEN 'queued' THEN 0 WHEN 'running' THEN 1
                                               WHEN 'retrying' THEN 2 ELSE 3 END
    END
$$;

-- The one timestamp format of every JSON answer: 2024-01-15T10:30:00.123Z.
CREATE FUNCTION rfc3339(ts timestamptz) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- The JSON shape of a task in every API answer.
CREATE FUNCTION task_json(t tasks) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT jsonb_build_object(
        'id', t.id, 'service', t.service, 'action', t.action, 'status', t.status,
        'attempts', t.attempts, 'max_attempts', t.max_attempts, 'priority', t.priority,
        'timeout_ms', t.timeout_ms, 'payload', t.payload, 'result', t.result, 'error', t.error,
        'errors', t.errors,
        'idempotency_key', t.idempotency_key, 'callback_url', t.callback_url,
        'submitted_by', t.submitted_by, 'submitted_at', rfc3339(t.submitted_at),
        'started_at', rfc3339(t.started_at), 'finished_at', rfc3339(t.finished_at),
        'updated_at', rfc3339(t.updated_at),
        'links', jsonb_build_object('self', '/api/v1/tasks/' || t.id,
                                    'cancel', '/api/v1/tasks/' || t.id || '/cancel'))
$$;

-- Counts by service and status, kept by statement-level triggers so that
-- GET /api/v1/tasks/stats costs a few rows whatever the size of the ledger. Each
-- backend writes its own shard, so concurrent workers do not queue on one row.
CREATE TABLE task_counts (
    service text     NOT NULL,
    status  text     NOT NULL,
    shard   smallint NOT NULL,
    n       bigint   NOT NULL DEFAULT 0,
    PRIMARY KEY (service, status, shard)
);

CREATE FUNCTION task_counts_apply(deltas_service text[], deltas_status text[], deltas_n bigint[])
    RETURNS void LANGUAGE sql AS $$
    INSERT INTO task_counts (service, status, shard, n)
    SELECT d.service, d.status, (pg_backend_pid() % 16)::smallint, d.n
      FROM unnest(deltas_service, deltas_status, deltas_n) AS d(service, status, n)
     WHERE d.n <> 0
     ORDER BY d.service, d.status
    ON CONFLICT (service, status, shard) DO UPDATE SET n = task_counts.n + EXCLUDED.n
$$;

CREATE FUNCTION task_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM task_counts_apply(array_agg(service), array_agg(status), array_agg(n))
       FROM (SELECT service, status, count(*) AS n FROM new_rows GROUP BY service, status) c;
    RETURN NULL;
END
$$;

CREATE FUNCTION task_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM task_counts_apply(array_agg(service), array_agg(status), array_agg(n))
       FROM (SELECT service, status, sum(d) AS n
               FROM (SELECT service, status, -1 AS d FROM old_rows
                     UNION ALL
                     SELECT service, status, 1 AS d FROM new_rows) moves
              GROUP BY service, status) c;
    RETURN NULL;
END
$$;

CREATE FUNCTION task_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM task_counts_apply(array_agg(service), array_agg(status), array_agg(-n))
       FROM (SELECT service, status, count(*) AS n FROM old_rows GROUP BY service, status) c;
    RETURN NULL;
END
$$;

CREATE TRIGGER tasks_count_insert AFTER INSERT ON tasks
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_counts_after_insert();
CREATE TRIGGER tasks_count_update AFTER UPDATE ON tasks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION task_counts_after_update();
CREATE TRIGGER tasks_count_delete AFTER DELETE ON tasks
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION task_counts_after_delete();
