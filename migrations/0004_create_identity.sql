-- Identity: accounts, roles and permissions (xcore), personal tokens (IMAS) and
-- API keys managed through the admin API (clients.yaml keys live in the file).
-- Only workers write these tables (identity.* tasks); the API reads them and keeps
-- what authentication needs in memory, reloading when identity_version moves.

CREATE TABLE users (
    id            bigserial   PRIMARY KEY,
    email         text        NOT NULL,
    username      text        NOT NULL,
    full_name     text        NOT NULL DEFAULT '',
    password_hash text        NOT NULL,  -- Argon2id, libsodium's encoded form
    is_active     boolean     NOT NULL DEFAULT true,
    last_login    timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

CREATE TABLE roles (
    id          bigserial   PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    description text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- `name` is resource:action.
CREATE TABLE permissions (
    id          bigserial   PRIMARY KEY,
    name        text        NOT NULL UNIQUE CHECK (name = resource || ':' || action),
    description text        NOT NULL DEFAULT '',
    resource    text        NOT NULL CHECK (resource ~ '^[a-z][a-z0-9_]*$'),
    action      text        NOT NULL CHECK (action ~ '^[a-z][a-z0-9_]*$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE role_permissions (
    role_id       bigint NOT NULL REFERENCES roles ON DELETE CASCADE,
    permission_id bigint NOT NULL REFERENCES permissions ON DELETE CASCADE,
    PRIMARY KEY (role_id, permission_id)
);

CREATE TABLE user_roles (
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    role_id bigint NOT NULL REFERENCES roles ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_id)
);

-- IMAS `Authorization: Token <token>`: only the SHA-256 of the token is kept.
CREATE TABLE auth_tokens (
    digest     text        PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
CREATE INDEX auth_tokens_user_id_idx ON auth_tokens (user_id);

-- API keys created through the admin API; same roles as clients.yaml's.
CREATE TABLE api_keys (
    id         bigserial   PRIMARY KEY,
    name       text        NOT NULL UNIQUE,
    digest     text        NOT NULL UNIQUE,
    role       text        NOT NULL CHECK (role IN ('admin', 'client')),
    client     text        NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    CHECK (role = 'admin' OR client <> '')
);

-- One counter the API polls: any change to the tables above moves it.
CREATE TABLE identity_version (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version   bigint  NOT NULL
);
INSERT INTO identity_version VALUES (true, 1);

CREATE FUNCTION bump_identity_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE identity_version SET version = version + 1;
    RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['users', 'roles', 'permissions', 'role_permissions', 'user_roles',
                             'auth_tokens', 'api_keys'] LOOP
        EXECUTE format('CREATE TRIGGER %I_bump_identity_version
                          AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                          FOR EACH STATEMENT EXECUTE FUNCTION bump_identity_version()', t, t);
    END LOOP;
END $$;

-- The permissions the platform's routes require (api/routes.cpp; a test checks
-- that every route's permission is here). Role `admin` holds every permission,
-- including ones created later; role `user` is what registration gives.
INSERT INTO permissions (name, resource, action, description) VALUES
    ('tasks:read',          'tasks',        'read',    'Read tasks and their statistics'),
    ('tasks:write',         'tasks',        'write',   'Submit tasks'),
    ('tasks:cancel',        'tasks',        'cancel',  'Cancel queued or retrying tasks'),
    ('dead_letters:read',   'dead_letters', 'read',    'List dead letters'),
    ('dead_letters:replay', 'dead_letters', 'replay',  'Replay dead tasks'),
    ('services:read',       'services',     'read',    'List services and queue depths'),
    ('workers:read',        'workers',      'read',    'List live workers'),
    ('metrics:read',        'metrics',      'read',    'Read /metrics when METRICS_PUBLIC=false'),
    ('users:read',          'users',        'read',    'List and search users'),
    ('users:write',         'users',        'write',   'Activate, deactivate, assign roles'),
    ('roles:read',          'roles',        'read',    'List and read roles'),
    ('roles:write',         'roles',        'write',   'Create, update and delete roles'),
    ('permissions:read',    'permissions',  'read',    'List permissions'),
    ('permissions:write',   'permissions',  'write',   'Create permissions'),
    ('api_keys:read',       'api_keys',     'read',    'List API keys'),
    ('api_keys:write',      'api_keys',     'write',   'Create and revoke API keys');

INSERT INTO roles (name, description) VALUES
    ('admin', 'Administrateur système: every permission'),
    ('user',  'Registered user: submits and follows tasks');

INSERT INTO role_permissions (role_id, permission_id)
SELECT r.id, p.id FROM roles r JOIN permissions p
    ON p.name IN ('tasks:read', 'tasks:write', 'tasks:cancel', 'services:read')
 WHERE r.name = 'user';

-- Development account admin / admin@example.com / password "admin". ENV=production
-- refuses to start while this password still works.
INSERT INTO users (email, username, full_name, password_hash) VALUES
    ('admin@example.com', 'admin', 'Administrator',
     '$argon2id$v=19$m=65536,t=2,p=1$U9t0c7fgznFzsIJSah9keQ$IPQNERCkwbp8XbK7PEFxDPF7YoLlctDoBBb0sFd0bm4');
INSERT INTO user_roles (user_id, role_id)
SELECT u.id, r.id FROM users u, roles r WHERE u.username = 'admin' AND r.name = 'admin';

-- Tasks whose payload holds secrets (a password hash, a token digest) are stored
-- with the payload replaced.
ALTER TYPE task_record ADD ATTRIBUTE redact_payload boolean;

CREATE FUNCTION stored_payload(payload jsonb, redact boolean) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN redact THEN '{"redacted": true}'::jsonb ELSE coalesce(payload, '{}') END
$$;

-- The JSON shapes of xcore-api.md, in one place.
CREATE FUNCTION user_role_names(user_id bigint) RETURNS jsonb
    LANGUAGE sql STABLE AS $$
    SELECT coalesce(jsonb_agg(r.name ORDER BY r.name), '[]')
      FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = $1
$$;

-- Role admin holds every permission, present and future.
CREATE FUNCTION user_permission_names(user_id bigint) RETURNS jsonb
    LANGUAGE sql STABLE AS $$
    SELECT coalesce(jsonb_agg(DISTINCT p.name ORDER BY p.name), '[]')
      FROM permissions p
     WHERE EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                    WHERE ur.user_id = $1 AND r.name = 'admin')
        OR p.id IN (SELECT rp.permission_id FROM user_roles ur
                      JOIN role_permissions rp ON rp.role_id = ur.role_id
                     WHERE ur.user_id = $1)
$$;

CREATE FUNCTION user_json(u users) RETURNS jsonb
    LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'id', u.id, 'email', u.email, 'username', u.username, 'full_name', u.full_name,
        'is_active', u.is_active, 'roles', user_role_names(u.id),
        'last_login', rfc3339(u.last_login), 'created_at', rfc3339(u.created_at))
$$;

CREATE FUNCTION role_json(r roles) RETURNS jsonb
    LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object('id', r.id, 'name', r.name, 'description', r.description,
                              'created_at', rfc3339(r.created_at))
$$;

CREATE FUNCTION permission_json(p permissions) RETURNS jsonb
    LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object('id', p.id, 'name', p.name, 'description', p.description,
                              'resource', p.resource, 'action', p.action)
$$;

CREATE FUNCTION api_key_json(k api_keys) RETURNS jsonb
    LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object('id', k.id, 'name', k.name, 'role', k.role,
                              'client', nullif(k.client, ''), 'created_at', rfc3339(k.created_at),
                              'revoked_at', rfc3339(k.revoked_at))
$$;
