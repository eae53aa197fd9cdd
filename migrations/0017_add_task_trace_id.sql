-- Trace context (docs/observability.md, "Traces and logs"): each task keeps the
-- W3C trace id of the request (or task) that caused it, shown as `trace_id` by
-- GET /api/v1/tasks/{id}. Writers take it from the envelope's `traceparent`
-- (docs/protocol.md); tasks published before this, or by producers that do not
-- trace, keep NULL.
ALTER TABLE tasks ADD COLUMN trace_id text
    CHECK (trace_id ~ '^[0-9a-f]{32}$');

-- Envelopes and outcome records pass it in their batches like any other field.
ALTER TYPE task_record ADD ATTRIBUTE traceparent text;

-- The trace id of a traceparent ("00-<trace id>-<span id>-<flags>"), or NULL when
-- it is not one (the envelope parser drops such values; other producers may not).
CREATE FUNCTION trace_id_of(traceparent text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN traceparent ~ '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$'
                 AND substr(traceparent, 4, 32) <> repeat('0', 32)
                THEN substr(traceparent, 4, 32) END
$$;

-- A new span in the trace `trace_id`: the traceparent a workflow step is
-- published with, its parent being the workflow that published it.
CREATE FUNCTION traceparent_child(trace_id text) RETURNS text
    LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
    SELECT '00-' || trace_id || '-' || substr(md5(random()::text || clock_timestamp()::text), 1, 16)
           || '-01'
$$;

CREATE OR REPLACE FUNCTION task_json(t tasks) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT jsonb_build_object(
        'id', t.id, 'service', t.service, 'action', t.action, 'status', t.status,
        'attempts', t.attempts, 'max_attempts', t.max_attempts, 'priority', t.priority,
        'timeout_ms', t.timeout_ms, 'payload', t.payload, 'result', t.result, 'error', t.error,
        'errors', t.errors,
        'idempotency_key', t.idempotency_key, 'callback_url', t.callback_url,
        'submitted_by', t.submitted_by, 'submitted_at', rfc3339(t.submitted_at),
        'started_at', rfc3339(t.started_at), 'finished_at', rfc3339(t.finished_at),
        'updated_at', rfc3339(t.updated_at), 'trace_id', t.trace_id,
        'links', jsonb_build_object('self', '/api/v1/tasks/' || t.id,
                                    'cancel', '/api/v1/tasks/' || t.id || '/cancel'))
$$;

-- A step's envelope carries the trace of its workflow: that of the task that
-- started it (the workflow's id is its start task's id). The step's task row
-- takes the trace id when its worker records it running.
CREATE OR REPLACE FUNCTION workflow_envelope(t tasks, step workflow_steps) RETURNS jsonb
    LANGUAGE sql VOLATILE AS $$
    SELECT jsonb_build_object(
        'id', t.id, 'service', t.service, 'action', t.action, 'payload', t.payload,
        'submitted_at', rfc3339(t.submitted_at), 'submitted_by', t.submitted_by,
        'attempt', t.attempts + 1, 'max_attempts', t.max_attempts, 'timeout_ms', t.timeout_ms,
        'priority', t.priority, 'idempotency_key', NULL, 'callback_url', NULL,
        'workflow_id', step.workflow_id, 'step_id', step.step_id)
        || coalesce((SELECT jsonb_build_object('traceparent', traceparent_child(s.trace_id))
                       FROM tasks s
                      WHERE s.id = step.workflow_id AND s.trace_id IS NOT NULL),
                    '{}'::jsonb)
$$;
