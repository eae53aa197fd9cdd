-- Scheduled tasks (xcore /system/tasks, docs/scheduling.md#scheduled-tasks): a
-- schedule publishes one task (service, action, payload) by a cron expression in
-- a time zone, a fixed interval or once. Rows are written by the `schedules`
-- worker (create, update, delete, pause, resume) and by the leader listener
-- (next_run after each fire; the platform's own periodic jobs, `builtin`).
CREATE TABLE schedules (
    id                    text        PRIMARY KEY,
    name                  text        NOT NULL,
    type                  text        NOT NULL CHECK (type IN ('scheduled', 'interval', 'once')),
    schedule              text,            -- cron, type scheduled
    timezone              text,            -- IANA zone of the cron fields, type scheduled
    interval_seconds      bigint      CHECK (interval_seconds > 0),  -- type interval
    run_at                timestamptz,     -- type once
    service               text,
    action                text,
    payload               jsonb       NOT NULL DEFAULT '{}',
    enabled               boolean     NOT NULL DEFAULT true,
    misfire_policy        text        NOT NULL DEFAULT 'once'
                              CHECK (misfire_policy IN ('skip', 'once', 'all')),
    -- A job of the listener itself (ledger retention, cluster collection): listed,
    -- read-only, its runs counted here rather than in the ledger.
    builtin               boolean     NOT NULL DEFAULT false,
    builtin_last_run      timestamptz,
    builtin_success_count bigint      NOT NULL DEFAULT 0,
    builtin_failure_count bigint      NOT NULL DEFAULT 0,
    -- Part of every fired task's id (with the fire time), so a schedule deleted and
    -- created again under the same id never collides with the old one's tasks.
    fire_key              uuid        NOT NULL DEFAULT gen_random_uuid(),
    next_run              timestamptz,     -- NULL: nothing more to fire (a fired `once`)
    created_by            text        NOT NULL DEFAULT '',
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CHECK (builtin OR (service IS NOT NULL AND action IS NOT NULL))
);

-- The leader's question every second: which schedules are due.
CREATE INDEX schedules_due_idx ON schedules (next_run) WHERE enabled AND NOT builtin;

-- A schedule's tasks are the ledger's rows submitted by 'schedule:<id>'; partial,
-- so the ledger's other writes do not pay for it (queries repeat the predicate),
-- and covering, so an item's counts are an index-only scan.
CREATE INDEX tasks_schedule_fires_idx ON tasks (submitted_by, status, submitted_at)
    WHERE submitted_by LIKE 'schedule:%';

-- The xcore item of a schedule: status, counts and last_run from its tasks'
-- outcomes (succeeded; failed or dead) while the ledger keeps them
-- (TASK_RETENTION_HOURS).
CREATE FUNCTION schedule_json(s schedules) RETURNS jsonb
    LANGUAGE sql STABLE AS $$
    WITH fired AS (
        SELECT count(*) FILTER (WHERE t.status = 'succeeded')           AS succeeded,
               count(*) FILTER (WHERE t.status IN ('failed', 'dead'))   AS failed,
               bool_or(t.status IN ('queued', 'running', 'retrying'))  AS active,
               max(t.submitted_at)                                      AS last_run
          FROM tasks t
         WHERE t.submitted_by = 'schedule:' || s.id AND t.submitted_by LIKE 'schedule:%'
           AND NOT s.builtin
    )
    SELECT jsonb_build_object(
        'id', s.id, 'name', s.name, 'type', s.type,
        'status', CASE WHEN NOT s.enabled THEN 'paused'
                       WHEN coalesce(f.active, false) THEN 'running'
                       WHEN s.next_run IS NULL THEN 'completed'
                       ELSE 'scheduled' END,
        'schedule', s.schedule, 'timezone', s.timezone,
        'interval', CASE WHEN s.interval_seconds IS NULL THEN NULL
                         ELSE jsonb_build_object('seconds', s.interval_seconds) END,
        'run_at', rfc3339(s.run_at),
        'service', s.service, 'action', s.action, 'payload', s.payload,
        'enabled', s.enabled, 'misfire_policy', s.misfire_policy, 'builtin', s.builtin,
        'last_run', rfc3339(CASE WHEN s.builtin THEN s.builtin_last_run ELSE f.last_run END),
        'next_run', rfc3339(s.next_run),
        'success_count', CASE WHEN s.builtin THEN s.builtin_success_count ELSE f.succeeded END,
        'failure_count', CASE WHEN s.builtin THEN s.builtin_failure_count ELSE f.failed END,
        'created_at', rfc3339(s.created_at), 'updated_at', rfc3339(s.updated_at))
      FROM fired f
$$;

INSERT INTO permissions (name, resource, action, description) VALUES
    ('schedules:read',  'schedules', 'read',  'List scheduled tasks and read their runs'),
    ('schedules:write', 'schedules', 'write', 'Create, change, delete, run, pause and resume scheduled tasks');
