-- Incident manager (imas-incidents-api.md, docs/incidents.md): the catalog
-- (teams with their on-call rotation, services, impact scopes, runbooks, tags) and
-- incidents with their timeline, comments and tags. Only workers write
-- (incidents.* tasks); the orchestration of a new incident is a workflow whose id
-- is the incident's (incident_orchestration.* step tasks).
--
-- Actors (created_by, acknowledged_by, a timeline entry's author) are the writing
-- task's submitted_by — "user:<id>" or an API key's name — so that a key's writes
-- are attributed too; incident_actor() shows them as the document's users.

CREATE EXTENSION IF NOT EXISTS pg_trgm;  -- `search` in titles and descriptions

CREATE TABLE incident_teams (
    id               uuid        PRIMARY KEY,
    name             text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description      text        NOT NULL DEFAULT '',
    slack_channel_id text,
    -- The on-call rotation: members take turns of shift_days days, handing over at
    -- the wall-clock time of rotation_start in time_zone (so a handover stays at
    -- 09:00 across daylight-saving changes). Overrides replace the rotation for a
    -- time range.
    time_zone        text        NOT NULL DEFAULT 'UTC',
    rotation_start   timestamp,
    shift_days       integer     NOT NULL DEFAULT 7 CHECK (shift_days BETWEEN 1 AND 366),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX incident_teams_name_key ON incident_teams (lower(name));

CREATE TABLE incident_team_members (
    team_id  uuid    NOT NULL REFERENCES incident_teams ON DELETE CASCADE,
    position integer NOT NULL,  -- the turn order
    user_id  bigint  NOT NULL REFERENCES users ON DELETE CASCADE,
    PRIMARY KEY (team_id, position)
);
CREATE INDEX incident_team_members_user_idx ON incident_team_members (user_id);

CREATE TABLE incident_on_call_overrides (
    id         uuid        PRIMARY KEY,
    team_id    uuid        NOT NULL REFERENCES incident_teams ON DELETE CASCADE,
    user_id    bigint      NOT NULL REFERENCES users ON DELETE CASCADE,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL CHECK (ends_at > starts_at),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_on_call_overrides_team_idx ON incident_on_call_overrides (team_id, ends_at);

-- Who is on call for `team` at `at`: the latest override covering it, else the
-- member whose turn it is (no row, or a NULL user, before the rotation starts or
-- without members). A set-returning SQL function, so that a statement joining it
-- (LEFT JOIN LATERAL incident_on_call_rows(t, now()) ON true) has it inlined and
-- planned once with the statement; a scalar SQL function holding subqueries is
-- planned again at every call (some 0.3 ms).
CREATE FUNCTION incident_on_call_rows(team incident_teams, at timestamptz)
    RETURNS TABLE (user_id bigint) LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        (SELECT o.user_id FROM incident_on_call_overrides o
          WHERE o.team_id = team.id AND o.starts_at <= at AND at < o.ends_at
          ORDER BY o.created_at DESC, o.id DESC LIMIT 1),
        (SELECT m.user_id
           FROM (SELECT user_id, row_number() OVER (ORDER BY position) - 1 AS turn,
                        count(*) OVER () AS members
                   FROM incident_team_members WHERE team_id = team.id) m
          WHERE team.rotation_start IS NOT NULL
            AND (at AT TIME ZONE team.time_zone) >= team.rotation_start
            AND m.turn = mod(floor(extract(epoch FROM (at AT TIME ZONE team.time_zone)
                                                      - team.rotation_start)
                                   / 86400 / team.shift_days)::bigint, m.members)))
$$;

-- The same as a value, for a single lookup.
CREATE FUNCTION incident_on_call(team incident_teams, at timestamptz) RETURNS bigint
    LANGUAGE sql STABLE AS $$
    SELECT user_id FROM incident_on_call_rows(team, at)
$$;

CREATE TABLE incident_services (
    id            uuid        PRIMARY KEY,
    name          text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description   text        NOT NULL DEFAULT '',
    owner_team_id uuid        REFERENCES incident_teams ON DELETE SET NULL,
    criticality   text        NOT NULL DEFAULT 'TIER_3_MEDIUM' CHECK (criticality IN
                      ('TIER_1_CRITICAL', 'TIER_2_HIGH', 'TIER_3_MEDIUM', 'TIER_4_LOW')),
    runbook_url   text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX incident_services_name_key ON incident_services (lower(name));
CREATE INDEX incident_services_team_idx ON incident_services (owner_team_id);

CREATE TABLE incident_impact_scopes (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX incident_impact_scopes_name_key ON incident_impact_scopes (lower(name));

CREATE TABLE incident_runbooks (
    id          uuid        PRIMARY KEY,
    title       text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    description text        NOT NULL DEFAULT '',
    service_id  uuid        REFERENCES incident_services ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_runbooks_service_idx ON incident_runbooks (service_id);

CREATE TABLE incident_runbook_steps (
    id                        uuid     PRIMARY KEY,
    runbook_id                uuid     NOT NULL REFERENCES incident_runbooks ON DELETE CASCADE,
    position                  integer  NOT NULL,  -- the step's `order`
    title                     text     NOT NULL,
    description               text     NOT NULL DEFAULT '',
    command                   text,
    expected_duration_minutes integer  CHECK (expected_duration_minutes >= 0),
    is_critical               boolean  NOT NULL DEFAULT false,
    requires_confirmation     boolean  NOT NULL DEFAULT false,
    UNIQUE (runbook_id, position)
);

CREATE TABLE incident_tag_names (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    color      text        NOT NULL DEFAULT '#6c757d' CHECK (color ~ '^#[0-9a-fA-F]{6}$'),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX incident_tag_names_name_key ON incident_tag_names (lower(name));

CREATE TABLE incidents (
    id              uuid        PRIMARY KEY,
    -- Creation order, for pages that stay put while incidents are created (a
    -- listing's `as_of`) and as the tie-break of every ordering.
    seq             bigserial   NOT NULL UNIQUE,
    short_id        text        NOT NULL UNIQUE,  -- INC-XXXXXX
    title           text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    description     text        NOT NULL DEFAULT '',
    severity        text        NOT NULL CHECK (severity IN
                        ('SEV1_CRITICAL', 'SEV2_HIGH', 'SEV3_MEDIUM', 'SEV4_LOW')),
    status          text        NOT NULL DEFAULT 'TRIGGERED' CHECK (status IN
                        ('TRIGGERED', 'ACKNOWLEDGED', 'MITIGATED', 'RESOLVED')),
    service_id      uuid        NOT NULL REFERENCES incident_services,
    lead_id         bigint      REFERENCES users ON DELETE SET NULL,
    created_by      text        NOT NULL,
    war_room_link   text,
    war_room_channel_id text,
    lid_link        text,
    detected_at     timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    acknowledged_at timestamptz,
    acknowledged_by text,
    mitigated_at    timestamptz,
    mitigated_by    text,
    resolved_at     timestamptz,
    resolved_by     text,
    resolution_note text,
    root_cause      text,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (detected_at <= created_at)
);
CREATE INDEX incidents_created_idx ON incidents (created_at, seq);
CREATE INDEX incidents_status_created_idx ON incidents (status, created_at, seq);
CREATE INDEX incidents_severity_created_idx ON incidents (severity, created_at, seq);
CREATE INDEX incidents_service_created_idx ON incidents (service_id, created_at, seq);
CREATE INDEX incidents_search_idx ON incidents
    USING gin ((title || ' ' || description) gin_trgm_ops);

CREATE TABLE incident_impacted_scopes (
    incident_id uuid NOT NULL REFERENCES incidents ON DELETE CASCADE,
    scope_id    uuid NOT NULL REFERENCES incident_impact_scopes ON DELETE CASCADE,
    PRIMARY KEY (incident_id, scope_id)
);

CREATE TABLE incident_tags (
    incident_id uuid        NOT NULL REFERENCES incidents ON DELETE CASCADE,
    tag_id      uuid        NOT NULL REFERENCES incident_tag_names ON DELETE CASCADE,
    added_by    text        NOT NULL,
    added_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (incident_id, tag_id)
);
CREATE INDEX incident_tags_tag_idx ON incident_tags (tag_id);

CREATE TABLE incident_comments (
    id           uuid        PRIMARY KEY,
    incident_id  uuid        NOT NULL REFERENCES incidents ON DELETE CASCADE,
    content      text        NOT NULL CHECK (char_length(content) BETWEEN 1 AND 10000),
    comment_type text        NOT NULL CHECK (comment_type IN
                     ('note', 'update', 'investigation', 'action', 'resolution')),
    author       text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_comments_incident_idx ON incident_comments (incident_id, created_at, id);

-- Every change, comment and orchestration step (docs/incidents.md, "Timeline").
CREATE TABLE incident_timeline (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    incident_id uuid        NOT NULL REFERENCES incidents ON DELETE CASCADE,
    type        text        NOT NULL CHECK (type IN
                    ('STATUS_CHANGE', 'COMMENT', 'TAG', 'ORCHESTRATION', 'ALERT')),
    message     text        NOT NULL,
    author      text,        -- NULL: the platform itself
    data        jsonb,       -- the entry's facts: step, attempt, link, comment id...
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX incident_timeline_incident_idx ON incident_timeline (incident_id, created_at, id);

-- An actor as the document shows a user: {"id", "username", "email"} for
-- "user:<id>", {"id": null, "username": <key name>} for an API key; NULL for none.
CREATE FUNCTION incident_actor(actor text) RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN actor IS NULL THEN NULL
        WHEN actor ~ '^user:[0-9]+$' THEN
            coalesce((SELECT jsonb_build_object('id', u.id, 'username', u.username, 'email', u.email)
                        FROM users u WHERE u.id = substr(actor, 6)::bigint),
                     jsonb_build_object('id', substr(actor, 6)::bigint, 'username', NULL))
        ELSE jsonb_build_object('id', NULL, 'username', actor)
    END
$$;

INSERT INTO permissions (name, resource, action, description) VALUES
    ('incidents:read',  'incidents', 'read',  'Read incidents, their timeline and the catalog'),
    ('incidents:write', 'incidents', 'write', 'Create incidents, change their status, comment and tag them'),
    ('incidents:admin', 'incidents', 'admin', 'Manage services, teams, on-call, impact scopes, runbooks and tags');

-- Registered users work incidents; the catalog is an admin's (admins hold every permission).
INSERT INTO role_permissions (role_id, permission_id)
SELECT r.id, p.id FROM roles r JOIN permissions p ON p.name IN ('incidents:read', 'incidents:write')
 WHERE r.name = 'user';
