-- The platform's own workflows (an incident's orchestration) announce nothing on
-- the events exchange: their progress is the incident's timeline, and nothing
-- listened to their workflow.started and workflow.succeeded events, whose JSON
-- view (workflow_json: the workflow with every step and its task) was a seventh of
-- the workflow engine's time per incident created (issue #16, docs/incidents.md
-- "Speed"). A definition says so with "publish_events": false; workflows started
-- through the API announce every status as before. A waiting caller is still
-- answered.
ALTER TABLE workflows ADD COLUMN publish_events boolean NOT NULL DEFAULT true;

CREATE OR REPLACE FUNCTION workflow_create(definition jsonb, submitted_by text, idempotency_key text,
                                           submitted_at timestamptz) RETURNS boolean
    LANGUAGE plpgsql AS $$
DECLARE
    workflow uuid := (definition ->> 'workflow_id')::uuid;
BEGIN
    INSERT INTO workflows (id, status, failure_policy, idempotency_key, submitted_by, submitted_at,
                           publish_events)
    VALUES (workflow, 'running', coalesce(definition ->> 'failure_policy', 'fail_fast'),
            idempotency_key, submitted_by, submitted_at,
            coalesce((definition ->> 'publish_events')::boolean, true))
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    INSERT INTO workflow_steps (workflow_id, step_id, position, task_id, service, action, payload,
                                refs, max_attempts, timeout_ms, priority, depends_on,
                                compensation)
    SELECT workflow, s.id, s.n, s.task_id, s.service, s.action, coalesce(s.payload, '{}'),
           nullif(s.refs, '[]'), s.max_attempts, s.timeout_ms, coalesce(s.priority, 0),
           coalesce(s.depends_on, '{}'), coalesce(s.compensation, false)
      FROM ROWS FROM (jsonb_to_recordset(definition -> 'steps')
                      AS (id text, task_id uuid, service text, action text, payload jsonb,
                          refs jsonb, max_attempts integer, timeout_ms integer,
                          priority smallint, depends_on text[], compensation boolean))
           WITH ORDINALITY AS s(id, task_id, service, action, payload, refs, max_attempts,
                                timeout_ms, priority, depends_on, compensation, n);
    RETURN true;
END
$$;

-- As in 0013, but the view is built only when an event or a reply carries it.
CREATE OR REPLACE FUNCTION workflow_announce(id uuid) RETURNS SETOF workflow_message
    LANGUAGE plpgsql AS $$
DECLARE
    w workflows;
    answers boolean;
    view jsonb;
BEGIN
    SELECT * INTO w FROM workflows WHERE workflows.id = workflow_announce.id;
    IF NOT FOUND OR w.announced_status IS NOT DISTINCT FROM w.status THEN
        RETURN;
    END IF;
    answers := w.status <> 'running' AND w.reply_to IS NOT NULL;
    IF w.publish_events OR answers THEN
        view := workflow_json(w);
    END IF;
    IF w.publish_events THEN
        RETURN NEXT ROW('event',
                        'workflow.' || CASE WHEN w.status <> 'running' THEN w.status
                                            WHEN w.announced_status IS NULL THEN 'started'
                                            ELSE 'resumed' END,
                        view)::workflow_message;
    END IF;
    IF answers THEN
        RETURN NEXT ROW('reply', w.reply_to, view)::workflow_message;
    END IF;
    UPDATE workflows SET announced_status = w.status,
                         reply_to = CASE WHEN w.status <> 'running' THEN NULL ELSE reply_to END
     WHERE workflows.id = w.id;
END
$$;

-- As in 0020, but only the workflows that publish events announce their start.
CREATE OR REPLACE FUNCTION workflow_begin(ids uuid[]) RETURNS SETOF workflow_message
    LANGUAGE plpgsql AS $$
DECLARE
    begun uuid[];
BEGIN
    -- Started and announced in one update: the event below is the announcement.
    WITH locked AS (
        SELECT id FROM workflows WHERE id = ANY (ids) AND started_at IS NULL ORDER BY id FOR UPDATE),
    started AS (
        UPDATE workflows w SET started_at = now(), updated_at = now(), announced_status = w.status
          FROM locked WHERE w.id = locked.id
        RETURNING w.id)
    SELECT array_agg(id ORDER BY id) INTO begun FROM started;
    IF begun IS NULL THEN
        RETURN;
    END IF;

    -- The steps workflow_ready(w, NULL) would publish, through what
    -- workflow_publish writes: the task queued, the step published.
    RETURN QUERY
    WITH ready AS (
        SELECT s AS step, w AS wf
          FROM workflow_steps s JOIN workflows w ON w.id = s.workflow_id
         WHERE s.workflow_id = ANY (begun) AND s.state = 'waiting' AND NOT s.compensation
           AND NOT EXISTS (SELECT 1 FROM workflow_steps p
                            WHERE p.workflow_id = s.workflow_id AND p.step_id = ANY (s.depends_on)
                              AND p.state <> 'succeeded')),
    written AS (
        INSERT INTO tasks AS q (id, service, action, status, attempts, max_attempts, priority,
                                timeout_ms, payload, submitted_by, submitted_at)
        SELECT (r.step).task_id, (r.step).service, (r.step).action, 'queued', 0,
               (r.step).max_attempts, (r.step).priority, (r.step).timeout_ms,
               CASE WHEN (r.step).refs IS NULL THEN (r.step).payload
                    ELSE workflow_resolve((r.step).payload, (r.step).refs, workflow_scope(r.wf, r.step))
               END,
               (r.wf).submitted_by, now()
          FROM ready r
         ORDER BY (r.step).task_id
        ON CONFLICT (id) DO UPDATE
           SET status = 'queued', payload = EXCLUDED.payload, finished_at = NULL, updated_at = now()
         WHERE q.status = 'cancelled' AND q.attempts = 0
        RETURNING q),
    marked AS (
        UPDATE workflow_steps s SET state = 'published'
          FROM ready r
         WHERE s.workflow_id = (r.step).workflow_id AND s.step_id = (r.step).step_id)
    -- A task that existed already (and was not a cancelled one to queue again) is
    -- published as it stands, as workflow_publish did.
    SELECT 'publish'::text, (r.step).service || '.' || (r.step).action,
           workflow_envelope(coalesce(w.q, t), r.step)
      FROM ready r
      LEFT JOIN written w ON (w.q).id = (r.step).task_id
      LEFT JOIN tasks t ON t.id = (r.step).task_id
     ORDER BY (r.wf).id, (r.step).position;

    -- A new statement sees the steps published: the view shows them queued.
    RETURN QUERY
    SELECT 'event'::text, 'workflow.started'::text, workflow_json(w)
      FROM workflows w WHERE w.id = ANY (begun) AND w.publish_events ORDER BY w.id;
END
$$;
