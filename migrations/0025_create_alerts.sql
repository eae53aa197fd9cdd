-- Alert intake (docs/alerts.md): which incident each alert fingerprint opened.
-- While a group is open (resolved_at IS NULL) the alerts of its source and
-- fingerprint are repeats of its incident: counted here, each with an ALERT entry
-- in the incident's timeline. Only workers write (alerts.ingest tasks).
--
-- The unique partial index makes two identical alerts that arrive together one
-- incident: the worker's INSERT … ON CONFLICT waits for the other transaction and
-- then counts a repeat instead (as the idempotency of tasks does).
CREATE TABLE incident_alert_groups (
    id             bigserial   PRIMARY KEY,
    source         text        NOT NULL,
    fingerprint    text        NOT NULL CHECK (char_length(fingerprint) BETWEEN 1 AND 255),
    -- Deferred: the group is claimed first, then its incident written, in one
    -- transaction.
    incident_id    uuid        NOT NULL REFERENCES incidents ON DELETE CASCADE
                               DEFERRABLE INITIALLY DEFERRED,
    alert_count    bigint      NOT NULL DEFAULT 1,
    first_alert_at timestamptz NOT NULL DEFAULT now(),
    last_alert_at  timestamptz NOT NULL DEFAULT now(),
    resolved_at    timestamptz
);
CREATE UNIQUE INDEX incident_alert_groups_open_key
    ON incident_alert_groups (source, fingerprint) WHERE resolved_at IS NULL;
CREATE INDEX incident_alert_groups_incident_idx ON incident_alert_groups (incident_id);
