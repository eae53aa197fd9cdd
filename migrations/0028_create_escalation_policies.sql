-- Escalation (docs/incidents.md, "Escalation"): a service's policy is an ordered
-- list of levels, each a wait and the people to notify when an incident of the
-- service is still TRIGGERED after it. `levels` is the JSON the API validated:
-- [{"wait_seconds": 0..86400, "targets": [{"type": "owner_on_call"} |
--   {"type": "team_on_call", "team": "<uuid>"} | {"type": "user", "email": "…"}]}].
-- A service without a row escalates nothing. Only workers write (incidents.*).
CREATE TABLE incident_escalation_policies (
    service_id uuid        PRIMARY KEY REFERENCES incident_services ON DELETE CASCADE,
    levels     jsonb       NOT NULL CHECK (jsonb_typeof(levels) = 'array'
                                           AND jsonb_array_length(levels) BETWEEN 1 AND 10),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Each notification of a level and the stop are ESCALATION entries of the timeline.
ALTER TABLE incident_timeline DROP CONSTRAINT incident_timeline_type_check,
    ADD CONSTRAINT incident_timeline_type_check CHECK (type IN
        ('STATUS_CHANGE', 'COMMENT', 'TAG', 'ORCHESTRATION', 'ALERT', 'ESCALATION'));
-- "Escalation stopped" is written once per incident, whatever the redeliveries,
-- and each level's notification once: the worker inserts with ON CONFLICT DO NOTHING.
CREATE UNIQUE INDEX incident_timeline_escalation_once ON incident_timeline
    (incident_id, (data ->> 'state'), (coalesce(data ->> 'level', ''))) WHERE type = 'ESCALATION';

-- Follow-up tasks: tasks a handler asks to publish once its success is committed
-- (the next level of an escalation, with its run_at). They are written in the
-- transaction that records the outcome, published with confirms before the ack,
-- and published again when the broker redelivers a task whose outcome was already
-- committed (its first worker may have died before the broker confirmed them): a
-- follow-up keeps its id, so a copy too many finds its task done and never runs
-- twice. They go with their task (TASK_RETENTION_HOURS).
CREATE TABLE task_follow_ups (
    task_id    uuid  NOT NULL REFERENCES tasks ON DELETE CASCADE,
    id         uuid  NOT NULL,
    envelope   jsonb NOT NULL,
    PRIMARY KEY (task_id, id)
);
