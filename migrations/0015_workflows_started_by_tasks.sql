-- A workflow written by a domain task in its own transaction (an incident's
-- orchestration: docs/workflows.md, "Started by a task"), not by workflows.start.
-- The task's envelope names the workflow (`workflow_id`, no `step_id`) and its
-- payload carries the same `workflow_id`, so workflow_republish finds the steps
-- of a redelivered task as it does for workflows.start. The worker that commits
-- the task's success calls this in the same transaction: the workflow's first
-- steps are inserted as queued tasks and returned for publishing, once.
CREATE FUNCTION workflow_begin(ids uuid[]) RETURNS SETOF workflow_message
    LANGUAGE plpgsql AS $$
DECLARE
    w workflows;
BEGIN
    FOR w IN
        SELECT * FROM workflows WHERE id = ANY (ids) AND started_at IS NULL ORDER BY id FOR UPDATE
    LOOP
        UPDATE workflows SET started_at = now(), updated_at = now()
         WHERE workflows.id = w.id RETURNING * INTO w;
        RETURN QUERY SELECT * FROM workflow_ready(w, NULL);
        RETURN QUERY SELECT * FROM workflow_announce(w.id);
    END LOOP;
END
$$;
