-- Exact counts of lists at scale (issue #24, docs/operations.md "Reads at scale").
-- Incident lists at a million incidents: the exact `count` without `search` comes from counts kept by
-- triggers per (service, status, severity) instead of counting up to a million
-- rows per call; the repository subtracts the few incidents created after the
-- page's `as_of` (common/storage/incidents/incident_repository.cpp). Each filter
-- index now carries the other filter columns as key columns, so that a page's
-- keys are read from the index alone (index-only scans), the other filters
-- checked inside it; the orderings by severity or status are walked one value
-- at a time along the same indexes.
--
-- IF [NOT] EXISTS as in 0014: an operator with many incidents can build the
-- indexes beforehand with CREATE INDEX CONCURRENTLY.
DROP INDEX IF EXISTS incidents_created_idx;
DROP INDEX IF EXISTS incidents_status_created_idx;
DROP INDEX IF EXISTS incidents_severity_created_idx;
DROP INDEX IF EXISTS incidents_service_created_idx;
CREATE INDEX IF NOT EXISTS incidents_time_idx
    ON incidents (created_at, seq, status, severity, service_id);
CREATE INDEX IF NOT EXISTS incidents_status_time_idx
    ON incidents (status, created_at, seq, severity, service_id);
CREATE INDEX IF NOT EXISTS incidents_severity_time_idx
    ON incidents (severity, created_at, seq, status, service_id);
CREATE INDEX IF NOT EXISTS incidents_service_time_idx
    ON incidents (service_id, created_at, seq, status, severity);
-- Open incidents are few and recent, resolved ones most of the list: joint
-- statistics keep the planner from taking a rare combination as common.
CREATE STATISTICS IF NOT EXISTS incidents_filter_stats (mcv, ndistinct)
    ON status, severity, service_id FROM incidents;

-- Incidents per service, status and severity; one shard per backend (as
-- task_counts) so that concurrent writers rarely wait on the same row.
CREATE TABLE incident_counts (
    service_id uuid     NOT NULL,
    status     text     NOT NULL,
    severity   text     NOT NULL,
    shard      smallint NOT NULL,
    n          bigint   NOT NULL DEFAULT 0,
    PRIMARY KEY (service_id, status, severity, shard)
);
INSERT INTO incident_counts (service_id, status, severity, shard, n)
SELECT service_id, status, severity, 0, count(*) FROM incidents GROUP BY 1, 2, 3;

-- Statement-level: one upsert per (service, status, severity) a statement
-- changed, in key order (concurrent statements lock the rows in the same order).
CREATE FUNCTION incident_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO incident_counts (service_id, status, severity, shard, n)
        SELECT service_id, status, severity, (pg_backend_pid() % 16)::smallint, count(*)
          FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (service_id, status, severity, shard)
        DO UPDATE SET n = incident_counts.n + EXCLUDED.n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO incident_counts (service_id, status, severity, shard, n)
        SELECT service_id, status, severity, (pg_backend_pid() % 16)::smallint, -count(*)
          FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (service_id, status, severity, shard)
        DO UPDATE SET n = incident_counts.n + EXCLUDED.n;
    ELSE
        -- Most updates (links, timestamps) change no key: nothing is written.
        INSERT INTO incident_counts (service_id, status, severity, shard, n)
        SELECT service_id, status, severity, (pg_backend_pid() % 16)::smallint, sum(d)
          FROM (SELECT service_id, status, severity, 1 AS d FROM new_rows
                UNION ALL
                SELECT service_id, status, severity, -1 FROM old_rows) c
         GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
        ON CONFLICT (service_id, status, severity, shard)
        DO UPDATE SET n = incident_counts.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER incidents_count_insert AFTER INSERT ON incidents
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_counts_add();
CREATE TRIGGER incidents_count_update AFTER UPDATE ON incidents
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION incident_counts_add();
CREATE TRIGGER incidents_count_delete AFTER DELETE ON incidents
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_counts_add();

ANALYZE incidents;

-- Tracker searches: the exact totalCount of a search by one enum (or none) and a
-- date range counted a few hundred thousand events per call. Triggers now keep
-- the events per UTC day of their effective date (the start date, or the
-- creation of an event without one) and per value of each enum; a search sums
-- the whole days of its range and counts only its two partial days
-- (common/storage/tracker/events_repository.cpp). `dimension` is the filter
-- ('all' for none), `value` its value as text.
CREATE TABLE tracker_event_day_counts (
    dimension text        NOT NULL,
    value     text        NOT NULL,
    day       timestamptz NOT NULL,  -- midnight UTC
    shard     smallint    NOT NULL,
    n         bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (dimension, value, day, shard)
);

-- The (dimension, value, day) keys an event counts in, each with `sign`.
CREATE FUNCTION tracker_event_day_keys(sign integer, source text, type smallint, priority smallint,
                                       status smallint, environment smallint, impact boolean,
                                       effective timestamptz)
    RETURNS TABLE (dimension text, value text, day timestamptz, d integer)
    LANGUAGE sql STABLE AS $$
    SELECT k.dimension, k.value, date_trunc('day', effective, 'UTC'), sign
      FROM (VALUES ('all', ''), ('source', source), ('type', type::text),
                   ('priority', priority::text), ('status', status::text),
                   ('environment', environment::text), ('impact', impact::text))
           k(dimension, value)
$$;

CREATE FUNCTION tracker_event_day_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO tracker_event_day_counts (dimension, value, day, shard, n)
        SELECT k.dimension, k.value, k.day, (pg_backend_pid() % 16)::smallint, sum(k.d)
          FROM new_rows e, tracker_event_day_keys(1, e.source, e.type, e.priority, e.status,
                   e.environment, e.impact, coalesce(e.start_date, e.created_at)) k
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (dimension, value, day, shard)
        DO UPDATE SET n = tracker_event_day_counts.n + EXCLUDED.n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO tracker_event_day_counts (dimension, value, day, shard, n)
        SELECT k.dimension, k.value, k.day, (pg_backend_pid() % 16)::smallint, sum(k.d)
          FROM old_rows e, tracker_event_day_keys(-1, e.source, e.type, e.priority, e.status,
                   e.environment, e.impact, coalesce(e.start_date, e.created_at)) k
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (dimension, value, day, shard)
        DO UPDATE SET n = tracker_event_day_counts.n + EXCLUDED.n;
    ELSE
        -- An update that changes no enum and no date writes nothing.
        INSERT INTO tracker_event_day_counts (dimension, value, day, shard, n)
        SELECT k.dimension, k.value, k.day, (pg_backend_pid() % 16)::smallint, sum(k.d)
          FROM (SELECT e.*, 1 AS sign FROM new_rows e
                UNION ALL SELECT e.*, -1 FROM old_rows e) e,
               tracker_event_day_keys(e.sign, e.source, e.type, e.priority, e.status,
                   e.environment, e.impact, coalesce(e.start_date, e.created_at)) k
         GROUP BY 1, 2, 3 HAVING sum(k.d) <> 0 ORDER BY 1, 2, 3
        ON CONFLICT (dimension, value, day, shard)
        DO UPDATE SET n = tracker_event_day_counts.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END
$$;

INSERT INTO tracker_event_day_counts (dimension, value, day, shard, n)
SELECT k.dimension, k.value, k.day, 0, sum(k.d)
  FROM tracker_events e, tracker_event_day_keys(1, e.source, e.type, e.priority, e.status,
           e.environment, e.impact, coalesce(e.start_date, e.created_at)) k
 GROUP BY 1, 2, 3;

CREATE TRIGGER tracker_events_day_counts_insert AFTER INSERT ON tracker_events
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_event_day_counts_add();
CREATE TRIGGER tracker_events_day_counts_update AFTER UPDATE ON tracker_events
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_event_day_counts_add();
CREATE TRIGGER tracker_events_day_counts_delete AFTER DELETE ON tracker_events
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_event_day_counts_add();

-- A date range with other filters, and a search by service with other filters: the filter columns as key columns
-- after the list order, checked inside the index (and counted from it alone).
DROP INDEX IF EXISTS tracker_events_service_id_idx;
DROP INDEX IF EXISTS tracker_events_effective_date_idx;
CREATE INDEX IF NOT EXISTS tracker_events_effective_filters_idx
    ON tracker_events ((coalesce(start_date, created_at)), id, source, type, priority, status,
                       environment, impact, service);
CREATE INDEX IF NOT EXISTS tracker_events_service_filters_idx
    ON tracker_events (service, id, source, type, priority, status, environment, impact,
                       (coalesce(start_date, created_at)));

ANALYZE tracker_events;
