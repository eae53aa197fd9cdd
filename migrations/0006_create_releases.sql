-- Release tracker (release-tracker-api.md): which image each container of each
-- workload runs, per client (cluster) and environment, with its history, and the
-- pings of slave instances. Only workers write (releases.* tasks).

-- One container of one workload, as a client/environment reports it.
CREATE TABLE release_components (
    id             bigserial PRIMARY KEY,
    client_name    text NOT NULL,
    env_name       text NOT NULL,
    namespace      text NOT NULL,
    workload_kind  text NOT NULL,
    workload_name  text NOT NULL,
    container_name text NOT NULL,
    UNIQUE (client_name, env_name, namespace, workload_kind, workload_name, container_name)
);

-- The images a component ran: the same image keeps its first_seen and moves its
-- last_seen; a new image opens a new entry and closes the previous one.
CREATE TABLE release_history (
    id           bigserial   PRIMARY KEY,
    component_id bigint      NOT NULL REFERENCES release_components ON DELETE CASCADE,
    image_repo   text        NOT NULL DEFAULT '',
    image_name   text        NOT NULL DEFAULT '',
    image_tag    text        NOT NULL,
    image_sha    text        NOT NULL,
    first_seen   timestamptz NOT NULL,
    last_seen    timestamptz NOT NULL,
    current      boolean     NOT NULL DEFAULT true
);
-- At most one open entry per component, whatever runs concurrently.
CREATE UNIQUE INDEX release_history_current_key ON release_history (component_id) WHERE current;
CREATE INDEX release_history_component_idx ON release_history (component_id, first_seen DESC);

-- The last ping of each slave (client, environment), for online/offline.
CREATE TABLE release_pings (
    client_name   text        NOT NULL,
    env_name      text        NOT NULL,
    slave_version text        NOT NULL DEFAULT '',
    last_ping     timestamptz NOT NULL,
    PRIMARY KEY (client_name, env_name)
);

INSERT INTO permissions (name, resource, action, description) VALUES
    ('releases:read',  'releases', 'read',  'Read current releases, history and badges'),
    ('releases:write', 'releases', 'write', 'Record releases and slave pings');
