-- Workflows (docs/workflows.md): a DAG of steps, each step one task. The API
-- publishes a `workflows.start` task with the whole definition; its worker writes
-- these rows (workflow_create). From then on the workflow moves forward in the
-- transactions that record its tasks' outcomes: workflow_advance, called by the
-- worker (or the listener, for workers that report by lifecycle events) in the
-- same transaction as the outcomes, readies the steps whose parents all
-- succeeded — inserting their task rows as `queued` — and returns their envelopes,
-- which the caller publishes (confirmed) before it acks the parent. The workflow
-- row is locked for each change, so two parents finishing at once on two workers
-- ready a shared child once.
CREATE TABLE workflows (
    id               uuid PRIMARY KEY,
    status           text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    failure_policy   text        NOT NULL CHECK (failure_policy IN ('fail_fast', 'continue')),
    idempotency_key  text,
    submitted_by     text        NOT NULL DEFAULT '',
    submitted_at     timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    error            jsonb,  -- the failure that decided a failed workflow: step, task_id, status, error
    reply_to         text,   -- a caller waiting for the end (Prefer: wait), answered once
    announced_status text    -- the status whose lifecycle event was last sent
);

-- Listings page newest first by (submitted_at, id) within a filter.
CREATE INDEX workflows_submitted_idx ON workflows (submitted_at, id);
CREATE INDEX workflows_status_submitted_idx ON workflows (status, submitted_at, id);
CREATE INDEX workflows_owner_submitted_idx ON workflows (submitted_by, submitted_at, id);

CREATE TABLE workflow_steps (
    workflow_id  uuid     NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
    step_id      text     NOT NULL,
    position     integer  NOT NULL,  -- order in the request
    task_id      uuid     NOT NULL UNIQUE,  -- derived from workflow and step id
    service      text     NOT NULL,
    action       text     NOT NULL,
    payload      jsonb    NOT NULL DEFAULT '{}',
    refs         jsonb,  -- [{"at": [path in payload], "from": "steps.a.result.x"}], from the API
    max_attempts integer  NOT NULL,
    timeout_ms   integer  NOT NULL,
    priority     smallint NOT NULL DEFAULT 0,
    depends_on   text[]   NOT NULL DEFAULT '{}',
    compensation boolean  NOT NULL DEFAULT false,  -- the on_failure step
    state        text     NOT NULL DEFAULT 'waiting' CHECK (state IN
                     ('waiting', 'published', 'succeeded', 'failed', 'dead', 'cancelled', 'skipped')),
    PRIMARY KEY (workflow_id, step_id)
);

-- Sets each reference of `refs` ({"at": path in the payload, "from": dotted
-- path in `scope`}) to the value at its path of `scope` (null when there is
-- none; arrays are indexed by number). The API found the references when it
-- checked the workflow, so this is a few jsonb_set calls, not a walk.
CREATE FUNCTION workflow_resolve(payload jsonb, refs jsonb, scope jsonb) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    ref jsonb;
BEGIN
    FOR ref IN SELECT value FROM jsonb_array_elements(refs) LOOP
        payload := jsonb_set(payload, ARRAY(SELECT jsonb_array_elements_text(ref -> 'at')),
                             coalesce(scope #> string_to_array(ref ->> 'from', '.'), 'null'::jsonb));
    END LOOP;
    RETURN payload;
END
$$;

-- What a step's references may read: its parents (every step, for the on_failure
-- step), the workflow, and the failure that decided it.
CREATE FUNCTION workflow_scope(w workflows, step workflow_steps) RETURNS jsonb
    LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'workflow', jsonb_build_object('id', w.id, 'submitted_by', w.submitted_by),
        'failure', w.error,
        'steps', (SELECT coalesce(jsonb_object_agg(s.step_id, jsonb_build_object(
                      'result', t.result, 'error', t.error, 'status', s.state,
                      'task_id', s.task_id)), '{}'::jsonb)
                    FROM workflow_steps s JOIN tasks t ON t.id = s.task_id
                   WHERE s.workflow_id = w.id
                     AND (step.compensation OR s.step_id = ANY (step.depends_on))))
$$;

-- The envelope of a step's task (docs/protocol.md), as its worker receives it.
CREATE FUNCTION workflow_envelope(t tasks, step workflow_steps) RETURNS jsonb
    LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'id', t.id, 'service', t.service, 'action', t.action, 'payload', t.payload,
        'submitted_at', rfc3339(t.submitted_at), 'submitted_by', t.submitted_by,
        'attempt', t.attempts + 1, 'max_attempts', t.max_attempts, 'timeout_ms', t.timeout_ms,
        'priority', t.priority, 'idempotency_key', NULL, 'callback_url', NULL,
        'workflow_id', step.workflow_id, 'step_id', step.step_id)
$$;

-- What the caller of workflow_advance sends: `publish` (target = routing key,
-- body = a task envelope, confirmed before the ack), `event` (target =
-- workflow.<started|resumed|succeeded|failed|cancelled>, body = the workflow view)
-- and `reply` (target = the waiting caller's reply-to address, body = the view).
CREATE TYPE workflow_message AS (kind text, target text, body jsonb);

-- Inserts the task of a step as queued (a task of this step cancelled before it
-- ever ran is queued again, for a resumed workflow) and marks the step published.
CREATE FUNCTION workflow_publish(w workflows, step workflow_steps) RETURNS workflow_message
    LANGUAGE plpgsql AS $$
DECLARE
    t tasks;
    payload jsonb := step.payload;
BEGIN
    IF step.refs IS NOT NULL THEN
        payload := workflow_resolve(step.payload, step.refs, workflow_scope(w, step));
    END IF;
    INSERT INTO tasks AS q (id, service, action, status, attempts, max_attempts, priority,
                            timeout_ms, payload, submitted_by, submitted_at)
    VALUES (step.task_id, step.service, step.action, 'queued', 0, step.max_attempts,
            step.priority, step.timeout_ms, payload, w.submitted_by, now())
    ON CONFLICT (id) DO UPDATE
       SET status = 'queued', payload = EXCLUDED.payload, finished_at = NULL, updated_at = now()
     WHERE q.status = 'cancelled' AND q.attempts = 0;
    UPDATE workflow_steps SET state = 'published'
     WHERE workflow_id = step.workflow_id AND step_id = step.step_id;
    SELECT * INTO t FROM tasks WHERE id = step.task_id;
    RETURN ROW('publish', step.service || '.' || step.action, workflow_envelope(t, step))::workflow_message;
END
$$;

-- Publishes the waiting steps whose parents all succeeded: the children of
-- `parent`, or every such step when `parent` is NULL (start, resume).
CREATE FUNCTION workflow_ready(w workflows, parent text) RETURNS SETOF workflow_message
    LANGUAGE plpgsql AS $$
DECLARE
    step workflow_steps;
BEGIN
    FOR step IN
        SELECT * FROM workflow_steps s
         WHERE s.workflow_id = w.id AND s.state = 'waiting' AND NOT s.compensation
           AND (parent IS NULL OR parent = ANY (s.depends_on))
           AND NOT EXISTS (SELECT 1 FROM workflow_steps p
                            WHERE p.workflow_id = s.workflow_id AND p.step_id = ANY (s.depends_on)
                              AND p.state <> 'succeeded')
         ORDER BY s.position
    LOOP
        RETURN NEXT workflow_publish(w, step);
    END LOOP;
END
$$;

-- Stops what has not started: waiting steps become cancelled, and so do published
-- steps whose task is still queued and not in a worker's hands right now (SKIP
-- LOCKED: a task being completed finishes, and its outcome changes nothing).
CREATE FUNCTION workflow_stop(w workflows) RETURNS void LANGUAGE sql AS $$
    UPDATE workflow_steps SET state = 'cancelled'
     WHERE workflow_id = w.id AND state = 'waiting' AND NOT compensation;
    WITH stopped AS (
        UPDATE tasks t SET status = 'cancelled', finished_at = now(), updated_at = now()
         WHERE t.id IN (SELECT q.id FROM workflow_steps s JOIN tasks q ON q.id = s.task_id
                         WHERE s.workflow_id = w.id AND s.state = 'published'
                           AND q.status = 'queued'
                           FOR UPDATE OF q SKIP LOCKED)
        RETURNING t.id)
    UPDATE workflow_steps SET state = 'cancelled'
     WHERE workflow_id = w.id AND task_id IN (SELECT id FROM stopped);
$$;

-- The on_failure step, published once when the workflow fails.
CREATE FUNCTION workflow_compensate(w workflows) RETURNS SETOF workflow_message
    LANGUAGE plpgsql AS $$
DECLARE
    step workflow_steps;
BEGIN
    SELECT * INTO step FROM workflow_steps
     WHERE workflow_id = w.id AND compensation AND state = 'waiting';
    IF FOUND THEN
        RETURN NEXT workflow_publish(w, step);
    END IF;
END
$$;

-- The JSON shape of a workflow in every answer, event and reply.
CREATE FUNCTION workflow_json(w workflows) RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'id', w.id, 'status', w.status, 'failure_policy', w.failure_policy,
        'idempotency_key', w.idempotency_key, 'submitted_by', w.submitted_by,
        'submitted_at', rfc3339(w.submitted_at), 'started_at', rfc3339(w.started_at),
        'finished_at', rfc3339(w.finished_at), 'updated_at', rfc3339(w.updated_at),
        'error', w.error,
        'steps', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                      'id', s.step_id, 'service', s.service, 'action', s.action,
                      'depends_on', to_jsonb(s.depends_on), 'on_failure', s.compensation,
                      'status', CASE s.state WHEN 'waiting' THEN 'pending'
                                             WHEN 'published' THEN coalesce(t.status, 'queued')
                                             ELSE s.state END,
                      'task_id', s.task_id, 'attempts', coalesce(t.attempts, 0),
                      'result', t.result, 'error', t.error,
                      'started_at', rfc3339(t.started_at), 'finished_at', rfc3339(t.finished_at))
                      ORDER BY s.position), '[]'::jsonb)
                    FROM workflow_steps s LEFT JOIN tasks t ON t.id = s.task_id
                   WHERE s.workflow_id = w.id),
        'links', jsonb_build_object('self', '/api/v1/workflows/' || w.id,
                                    'cancel', '/api/v1/workflows/' || w.id || '/cancel'))
$$;

-- The lifecycle event of a status not announced yet, and the answer to a waiting
-- caller once the workflow is final (sent once: the address is then forgotten).
CREATE FUNCTION workflow_announce(id uuid) RETURNS SETOF workflow_message
    LANGUAGE plpgsql AS $$
DECLARE
    w workflows;
    view jsonb;
BEGIN
    SELECT * INTO w FROM workflows WHERE workflows.id = workflow_announce.id;
    IF NOT FOUND OR w.announced_status IS NOT DISTINCT FROM w.status THEN
        RETURN;
    END IF;
    view := workflow_json(w);
    RETURN NEXT ROW('event',
                    'workflow.' || CASE WHEN w.status <> 'running' THEN w.status
                                        WHEN w.announced_status IS NULL THEN 'started'
                                        ELSE 'resumed' END,
                    view)::workflow_message;
    IF w.status <> 'running' AND w.reply_to IS NOT NULL THEN
        RETURN NEXT ROW('reply', w.reply_to, view)::workflow_message;
    END IF;
    UPDATE workflows SET announced_status = w.status,
                         reply_to = CASE WHEN w.status <> 'running' THEN NULL ELSE reply_to END
     WHERE workflows.id = w.id;
END
$$;

-- Writes a new workflow from the definition the API validated (the payload of
-- `workflows.start`); false when it exists already (a redelivered start).
CREATE FUNCTION workflow_create(definition jsonb, submitted_by text, idempotency_key text,
                                submitted_at timestamptz) RETURNS boolean
    LANGUAGE plpgsql AS $$
DECLARE
    workflow uuid := (definition ->> 'workflow_id')::uuid;
BEGIN
    INSERT INTO workflows (id, status, failure_policy, idempotency_key, submitted_by, submitted_at)
    VALUES (workflow, 'running', coalesce(definition ->> 'failure_policy', 'fail_fast'),
            idempotency_key, submitted_by, submitted_at)
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

-- Cancels a running workflow: nothing more is published, what has not started
-- stops; returns its status afterwards (NULL: no such workflow).
CREATE FUNCTION workflow_cancel(id uuid) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    w workflows;
BEGIN
    SELECT * INTO w FROM workflows WHERE workflows.id = workflow_cancel.id FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF w.status <> 'running' THEN
        RETURN w.status;
    END IF;
    UPDATE workflows SET status = 'cancelled', finished_at = now(), updated_at = now()
     WHERE workflows.id = w.id;
    PERFORM workflow_stop(w);
    UPDATE workflow_steps SET state = 'skipped' WHERE workflow_id = w.id AND compensation;
    RETURN 'cancelled';
END
$$;

-- Moves the workflows of the given tasks forward, in the transaction that
-- recorded the tasks' outcomes (`ids`; `replies[i]` is the reply-to address of a
-- waiting caller of ids[i], for `workflows.start`). Idempotent: a step's state
-- changes once, so an outcome seen twice (a redelivered lifecycle event) does
-- nothing more. Returns the messages to send.
CREATE FUNCTION workflow_advance(ids uuid[], replies text[]) RETURNS SETOF workflow_message
    LANGUAGE plpgsql AS $$
DECLARE
    e record;
    w workflows;
    step workflow_steps;
    outcome text;
    failure jsonb;
    published bigint;
BEGIN
    FOR e IN
        SELECT t.id, t.service, t.action, t.status, t.error, r.reply_to, s.step_id,
               coalesce(s.workflow_id, (t.payload ->> 'workflow_id')::uuid) AS workflow_id
          FROM unnest(ids, replies) AS r(id, reply_to)
          JOIN tasks t ON t.id = r.id
          LEFT JOIN workflow_steps s ON s.task_id = t.id
         WHERE s.task_id IS NOT NULL OR t.service = 'workflows'
         ORDER BY 8, 1  -- one lock order for every caller: no deadlock between workers
    LOOP
        published := 0;
        SELECT * INTO w FROM workflows WHERE workflows.id = e.workflow_id FOR UPDATE;
        CONTINUE WHEN NOT FOUND;
        IF e.step_id IS NULL THEN
            -- workflows.start: publish the first steps; workflows.cancel: announce.
            IF e.action = 'start' AND e.status = 'succeeded' AND w.started_at IS NULL THEN
                UPDATE workflows SET started_at = now(), updated_at = now(), reply_to = e.reply_to
                 WHERE workflows.id = w.id RETURNING * INTO w;
                RETURN QUERY SELECT * FROM workflow_ready(w, NULL);
            END IF;
            RETURN QUERY SELECT * FROM workflow_announce(w.id);
            CONTINUE;
        END IF;
        outcome := CASE WHEN e.status IN ('succeeded', 'failed', 'dead', 'cancelled') THEN e.status END;
        SELECT * INTO step FROM workflow_steps WHERE workflow_id = w.id AND step_id = e.step_id;
        CONTINUE WHEN outcome IS NULL OR step.state IN (outcome, 'waiting', 'skipped');
        UPDATE workflow_steps SET state = outcome WHERE workflow_id = w.id AND step_id = e.step_id;

        IF step.compensation THEN
            NULL;  -- its outcome is shown; the workflow stays failed
        ELSIF outcome = 'succeeded' THEN
            IF w.status = 'running' THEN
                RETURN QUERY SELECT * FROM workflow_ready(w, e.step_id);
                GET DIAGNOSTICS published = ROW_COUNT;
            ELSIF w.status = 'failed' AND NOT EXISTS (
                    SELECT 1 FROM workflow_steps WHERE workflow_id = w.id AND NOT compensation
                       AND state IN ('failed', 'dead')) THEN
                -- The replay of a dead step succeeded, and no other step is failed:
                -- the workflow resumes where it stopped.
                UPDATE workflows SET status = 'running', error = NULL, finished_at = NULL,
                                     updated_at = now()
                 WHERE workflows.id = w.id RETURNING * INTO w;
                UPDATE workflow_steps SET state = 'waiting'
                 WHERE workflow_id = w.id AND NOT compensation AND state IN ('cancelled', 'skipped');
                RETURN QUERY SELECT * FROM workflow_ready(w, NULL);
            END IF;
        ELSIF w.status = 'running' THEN
            failure := jsonb_build_object('step', e.step_id, 'task_id', e.id, 'status', outcome,
                                          'error', e.error);
            IF w.failure_policy = 'fail_fast' THEN
                UPDATE workflows SET status = 'failed', error = failure, finished_at = now(),
                                     updated_at = now()
                 WHERE workflows.id = w.id RETURNING * INTO w;
                PERFORM workflow_stop(w);
                RETURN QUERY SELECT * FROM workflow_compensate(w);
            ELSE
                -- continue: what depends on the failed step cannot run.
                UPDATE workflows SET error = coalesce(error, failure), updated_at = now()
                 WHERE workflows.id = w.id RETURNING * INTO w;
                WITH RECURSIVE below(step_id) AS (
                    SELECT s.step_id FROM workflow_steps s
                     WHERE s.workflow_id = w.id AND e.step_id = ANY (s.depends_on)
                    UNION
                    SELECT s.step_id FROM workflow_steps s JOIN below b ON b.step_id = ANY (s.depends_on)
                     WHERE s.workflow_id = w.id)
                UPDATE workflow_steps SET state = 'skipped'
                 WHERE workflow_id = w.id AND state = 'waiting'
                   AND step_id IN (SELECT step_id FROM below);
            END IF;
        END IF;

        -- A step just published means the workflow is not done.
        IF w.status = 'running' AND published = 0 AND NOT EXISTS (
                SELECT 1 FROM workflow_steps WHERE workflow_id = w.id AND NOT compensation
                   AND state IN ('waiting', 'published')) THEN
            IF EXISTS (SELECT 1 FROM workflow_steps WHERE workflow_id = w.id AND NOT compensation
                          AND state <> 'succeeded') THEN
                UPDATE workflows SET status = 'failed', finished_at = now(), updated_at = now()
                 WHERE workflows.id = w.id RETURNING * INTO w;
                RETURN QUERY SELECT * FROM workflow_compensate(w);
            ELSE
                UPDATE workflows SET status = 'succeeded', finished_at = now(), updated_at = now()
                 WHERE workflows.id = w.id RETURNING * INTO w;
                UPDATE workflow_steps SET state = 'skipped'
                 WHERE workflow_id = w.id AND compensation AND state = 'waiting';
            END IF;
        END IF;
        IF w.announced_status IS DISTINCT FROM w.status THEN
            RETURN QUERY SELECT * FROM workflow_announce(w.id);
        END IF;
    END LOOP;
END
$$;

-- For a redelivered task whose outcome is committed: the steps its commit
-- published whose task is still queued, to publish again (the first worker may
-- have died before the broker confirmed them). A copy too many is harmless: the
-- task's id is fixed, and the workers' check runs it once.
CREATE FUNCTION workflow_republish(ids uuid[]) RETURNS SETOF workflow_message
    LANGUAGE sql STABLE AS $$
    SELECT ROW('publish', s.service || '.' || s.action, workflow_envelope(t, s))::workflow_message
      FROM workflow_steps s JOIN tasks t ON t.id = s.task_id
     WHERE s.state = 'published' AND t.status = 'queued'
       AND s.workflow_id IN (SELECT coalesce(p.workflow_id, (q.payload ->> 'workflow_id')::uuid)
                               FROM unnest(ids) AS r(id)
                               JOIN tasks q ON q.id = r.id
                               LEFT JOIN workflow_steps p ON p.task_id = q.id)
$$;
