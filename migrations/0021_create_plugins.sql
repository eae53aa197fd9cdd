-- Plugins (xcore /system/plugins, docs/plugins.md): task handlers that live
-- outside the core, each a folder under PLUGINS_DIR with a plugin.yaml manifest.
-- Rows are written by the `plugins` worker (install, reload, enable, disable,
-- uninstall); the API and the workers read them on every plugin call, so a change
-- is seen by every running process at once.
CREATE TABLE plugins (
    id           text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    manifest     jsonb       NOT NULL,            -- plugin.yaml as read, normalised
    runtime      text        NOT NULL CHECK (runtime IN ('exec', 'queue')),
    active       boolean     NOT NULL DEFAULT true,
    source       text        NOT NULL,            -- where it was installed from
    -- Counts manifest changes (install 1, each reload +1): a reader can tell a
    -- reloaded plugin from the one it read before.
    generation   bigint      NOT NULL DEFAULT 1,
    installed_by text        NOT NULL DEFAULT '',
    loaded_at    timestamptz NOT NULL DEFAULT now(),
    last_reload  timestamptz
);

-- Every manifest route, so that one path belongs to one plugin (a second plugin
-- claiming it is a conflict) and the API finds a route with one index lookup.
CREATE TABLE plugin_routes (
    path       text PRIMARY KEY,
    plugin_id  text NOT NULL REFERENCES plugins (id) ON DELETE CASCADE,
    action     text NOT NULL,
    permission text NOT NULL
);
CREATE INDEX plugin_routes_plugin_idx ON plugin_routes (plugin_id);

INSERT INTO permissions (name, resource, action, description) VALUES
    ('plugins:read',  'plugins', 'read',  'List plugins and read their details'),
    ('plugins:write', 'plugins', 'write', 'Enable and disable plugins'),
    ('plugins:admin', 'plugins', 'admin', 'Install, reload and uninstall plugins (runs their code)');
