-- Each worker process upserts its row every few seconds; GET /api/v1/workers lists
-- the rows seen recently (the live workers).
CREATE TABLE worker_heartbeats (
    worker_id  text        PRIMARY KEY,  -- host:pid:start time
    host       text        NOT NULL,
    pid        integer     NOT NULL,
    services   text[]      NOT NULL,
    in_flight  integer     NOT NULL,
    processed  bigint      NOT NULL,
    started_at timestamptz NOT NULL,
    last_seen  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX worker_heartbeats_last_seen_idx ON worker_heartbeats (last_seen);
