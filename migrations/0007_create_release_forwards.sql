-- MODE=slave: releases recorded here that the master has not taken yet. A
-- transactional outbox: the row commits with the release itself (same worker
-- transaction), so a release recorded while the master is unreachable is not
-- lost; the listener's master sync sends the rows in order and deletes each once
-- the master answered 2xx.
CREATE TABLE release_forwards (
    id             bigserial   PRIMARY KEY,
    namespace      text        NOT NULL,
    workload_kind  text        NOT NULL,
    workload_name  text        NOT NULL,
    container_name text        NOT NULL,
    body           jsonb       NOT NULL,  -- the body of the master's PUT /api/collect/...
    created_at     timestamptz NOT NULL DEFAULT now(),
    attempts       integer     NOT NULL DEFAULT 0,
    last_error     text,
    -- The master refused the release (4xx other than 401/403/429): kept for the
    -- operator, not sent again, so one bad row does not hold back the rest.
    refused_at     timestamptz
);
CREATE INDEX release_forwards_pending_idx ON release_forwards (id) WHERE refused_at IS NULL;
