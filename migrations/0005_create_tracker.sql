-- Tracker (tracker-api.md, tracker-wire-format.md): events, the catalog and locks.
-- Enums are stored as the original protobuf's numbers; names are the API's
-- business (common/tracker/wire_enums). Only workers write (tracker.* tasks).

CREATE TABLE tracker_events (
    id                uuid        PRIMARY KEY,  -- UUIDv7: time-ordered, the list order
    title             text        NOT NULL,
    message           text        NOT NULL DEFAULT '',
    source            text        NOT NULL DEFAULT '',
    type              smallint    NOT NULL,
    priority          smallint    NOT NULL DEFAULT 0,
    related_id        text        NOT NULL DEFAULT '',
    service           text        NOT NULL,
    status            smallint    NOT NULL DEFAULT 0,
    environment       smallint    NOT NULL DEFAULT 0,
    impact            boolean     NOT NULL DEFAULT false,
    start_date        timestamptz,
    end_date          timestamptz,
    owner             text        NOT NULL DEFAULT '',
    stake_holders     text[]      NOT NULL DEFAULT '{}',
    notification      boolean     NOT NULL DEFAULT false,
    pull_request_link text        NOT NULL DEFAULT '',
    ticket            text        NOT NULL DEFAULT '',
    slack_id          text        NOT NULL DEFAULT '',
    created_at        timestamptz NOT NULL DEFAULT now(),
    created_by        text        NOT NULL DEFAULT ''
);
CREATE INDEX tracker_events_created_at_idx ON tracker_events (created_at DESC, id DESC);
CREATE INDEX tracker_events_service_idx ON tracker_events (service);

CREATE TABLE tracker_catalog (
    name                  text        PRIMARY KEY,
    type                  smallint    NOT NULL,
    languages             smallint    NOT NULL DEFAULT 0,
    owner                 text        NOT NULL DEFAULT '',
    version               text        NOT NULL DEFAULT '',
    link                  text        NOT NULL DEFAULT '',
    description           text        NOT NULL DEFAULT '',
    repository            text        NOT NULL DEFAULT '',
    dependencies_in       text[]      NOT NULL DEFAULT '{}',
    dependencies_out      text[]      NOT NULL DEFAULT '{}',
    sla_level             smallint    NOT NULL DEFAULT 0,
    sla_uptime_percentage double precision NOT NULL DEFAULT 0,
    sla_response_time_ms  integer     NOT NULL DEFAULT 0,
    sla_description       text        NOT NULL DEFAULT '',
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tracker_locks (
    id          uuid        PRIMARY KEY,
    service     text        NOT NULL,
    who         text        NOT NULL,
    environment text        NOT NULL DEFAULT '',
    resource    text        NOT NULL DEFAULT '',
    event_id    text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);
-- One holder per service, enforced here: of many concurrent takers exactly one
-- insert succeeds, whatever the number of workers.
CREATE UNIQUE INDEX tracker_locks_service_key ON tracker_locks (service);

INSERT INTO permissions (name, resource, action, description) VALUES
    ('events:read',   'events',  'read',  'Read and search tracker events'),
    ('events:write',  'events',  'write', 'Create, update and delete tracker events'),
    ('catalog:read',  'catalog', 'read',  'Read the catalog'),
    ('catalog:write', 'catalog', 'write', 'Create, update and delete catalog entries'),
    ('locks:read',    'locks',   'read',  'Read locks'),
    ('locks:write',   'locks',   'write', 'Take and release locks');

-- Registered users track their own deployments: every tracker permission.
INSERT INTO role_permissions (role_id, permission_id)
SELECT r.id, p.id FROM roles r JOIN permissions p
    ON p.resource IN ('events', 'catalog', 'locks')
 WHERE r.name = 'user';
