-- system.record writes one row here per execution, in the worker's transaction: a
-- count of effects that the delivery guarantees can be checked against (a task
-- recorded twice here ran twice). Diagnostics only; nothing else reads it.
CREATE TABLE system_executions (
    task_id     uuid        NOT NULL,
    attempt     integer     NOT NULL,
    worker      text        NOT NULL,
    executed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX system_executions_task_id_idx ON system_executions (task_id);
