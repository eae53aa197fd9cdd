-- workflow_begin (0015) did a window's workflows one at a time: per workflow a
-- locked read, two updates of its row, and per first step an insert, an update
-- and a read, then a view for the `workflow.started` event; some fifteen
-- statements each, the costliest statement of an incident's creation (issue #16,
-- docs/incidents.md "Speed"). This version does the same writes and returns the
-- same messages with three statements for the whole window: the workflows'
-- rows, the first steps of all of them, then their events.
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
      FROM workflows w WHERE w.id = ANY (begun) ORDER BY w.id;
END
$$;
