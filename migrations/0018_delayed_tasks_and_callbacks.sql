-- Delayed tasks and completion callbacks (docs/scheduling.md "Delayed tasks",
-- docs/callbacks.md).
--
-- A delayed task is `scheduled` with its `run_at` until a worker starts it; it
-- stands where `queued` stands in the progress order (both come before the first
-- run), so a task is one or the other from its submission on.
ALTER TABLE tasks DROP CONSTRAINT tasks_status_check;
ALTER TABLE tasks ADD CONSTRAINT tasks_status_check CHECK (status IN
    ('scheduled', 'queued', 'running', 'retrying', 'succeeded', 'failed', 'dead', 'cancelled'));
ALTER TABLE tasks ADD COLUMN run_at timestamptz;
ALTER TYPE task_record ADD ATTRIBUTE run_at timestamptz;

CREATE OR REPLACE FUNCTION task_progress(status text, attempt integer) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN status IN ('succeeded', 'failed', 'cancelled') THEN 1099511627776
        ELSE attempt::bigint * 4 + CASE status WHEN 'queued' THEN 0 WHEN 'scheduled' THEN 0
                                               WHEN 'running' THEN 1 WHEN 'retrying' THEN 2
                                               ELSE 3 END
    END
$$;

-- One callback per task with a callback_url, armed in the transaction that
-- records the task's final state (whoever records it: a worker, the listener, a
-- cancellation), delivered by the listeners. A listener claims a due row by
-- moving next_attempt_at past its delivery's timeout (FOR UPDATE SKIP LOCKED), so
-- one listener delivers it; a listener that dies mid-delivery leaves the row to be
-- claimed again when that lease ends.
CREATE TABLE task_callbacks (
    task_id         uuid        PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
    url             text        NOT NULL,
    final_status    text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    last_status     integer,              -- the last answer's HTTP status; NULL: none
    last_error      text,                 -- the last transport failure
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    given_up_at     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX task_callbacks_due_idx ON task_callbacks (next_attempt_at)
    WHERE delivered_at IS NULL AND given_up_at IS NULL;

-- Statement-level, like the counts: one pass over the statement's new rows. A
-- replayed dead task that ends differently is armed again.
CREATE FUNCTION task_callbacks_arm() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_callbacks (task_id, url, final_status)
    SELECT n.id, n.callback_url, n.status FROM new_rows n
     WHERE n.callback_url IS NOT NULL
       AND n.status IN ('succeeded', 'failed', 'dead', 'cancelled')
     ORDER BY n.id
    ON CONFLICT (task_id) DO UPDATE
       SET final_status = EXCLUDED.final_status, attempts = 0, last_status = NULL,
           last_error = NULL, next_attempt_at = now(), delivered_at = NULL, given_up_at = NULL
     WHERE task_callbacks.final_status <> EXCLUDED.final_status;
    RETURN NULL;
END
$$;

CREATE TRIGGER tasks_callbacks_insert AFTER INSERT ON tasks
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_callbacks_arm();
CREATE TRIGGER tasks_callbacks_update AFTER UPDATE ON tasks
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_callbacks_arm();

-- The task's JSON gains run_at and the callback's delivery state, on top of
-- whatever the earlier migrations made it show (renamed, then extended: this
-- migration does not restate their fields).
ALTER FUNCTION task_json(tasks) RENAME TO task_json_before_0018;

CREATE FUNCTION task_json(t tasks) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT task_json_before_0018(t) || jsonb_build_object(
        'run_at', rfc3339(t.run_at),
        'callback', CASE WHEN t.callback_url IS NOT NULL THEN
            coalesce((SELECT jsonb_build_object(
                         'state', CASE WHEN c.delivered_at IS NOT NULL THEN 'delivered'
                                       WHEN c.given_up_at IS NOT NULL THEN 'given_up'
                                       ELSE 'pending' END,
                         'attempts', c.attempts, 'last_status', c.last_status,
                         'last_error', c.last_error,
                         'delivered_at', rfc3339(c.delivered_at),
                         'next_attempt_at', CASE WHEN c.delivered_at IS NULL
                                                  AND c.given_up_at IS NULL
                                                 THEN rfc3339(c.next_attempt_at) END)
                        FROM task_callbacks c WHERE c.task_id = t.id),
                     jsonb_build_object('state', 'waiting', 'attempts', 0))
            END)
$$;
