-- Fills a migrated, empty throwaway database for `make bench-reads`
-- (scripts/bench/reads.sh): :tasks ledger rows and :events tracker events, made by
-- PostgreSQL itself (generate_series), in minutes.
--
-- Tasks: submitted over the last 30 days, denser towards now; 8 services of
-- skewed sizes with 3 actions each; statuses as a ledger ages (final ones for
-- old tasks, queued/running/retrying mostly in the last ten minutes, a few
-- stuck old ones); 21 owners (one holds 30 %, one rare); 20 % submitted with an
-- idempotency key, whose ids are UUIDv8 (not time-ordered); the others UUIDv7
-- from their submission time.
-- Events: created over the last two years, a few thousand today; the enums,
-- services and sources of deployments; half with a start date.
-- Incidents (:incidents, 1 M unless set): created over the last two years, denser
-- towards now, on 40 services of skewed sizes; open ones mostly from the last
-- day, the rest resolved; few SEV1; titles and descriptions from an alerting
-- vocabulary (a few words common, host names rare, some with a literal %).
--
-- The secondary indexes are dropped and built again after the fill (faster than
-- growing them row by row), exactly as the migrations defined them.
\set ON_ERROR_STOP on
\if :{?incidents}
\else
\set incidents 1000000
\endif
SELECT setseed(0.24);
SET maintenance_work_mem = '1GB';
SET max_parallel_maintenance_workers = 2;

CREATE TEMP TABLE bench_index_definitions AS
SELECT indexname, indexdef FROM pg_indexes
 WHERE tablename IN ('tasks', 'tracker_events', 'incidents')
   AND indexname NOT IN ('tasks_pkey', 'tracker_events_pkey', 'incidents_pkey')
   AND indexname NOT LIKE 'incidents\_%\_key';  -- constraints: seq, short_id
DO $$
DECLARE i record;
BEGIN
  FOR i IN SELECT indexname FROM bench_index_definitions LOOP
    EXECUTE format('DROP INDEX %I', i.indexname);
  END LOOP;
END $$;
-- Foreign keys that lean on the primary keys go first and come back after them.
CREATE TEMP TABLE bench_foreign_keys AS
SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
  FROM pg_constraint
 WHERE contype = 'f'
   AND confrelid IN ('tasks'::regclass, 'tracker_events'::regclass, 'incidents'::regclass);
DO $$
DECLARE k record;
BEGIN
  FOR k IN SELECT * FROM bench_foreign_keys LOOP
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', k.table_name, k.conname);
  END LOOP;
END $$;
ALTER TABLE tasks DROP CONSTRAINT tasks_pkey;
ALTER TABLE tracker_events DROP CONSTRAINT tracker_events_pkey;
ALTER TABLE incidents DROP CONSTRAINT incidents_pkey;
-- The counts are written once below instead of by the triggers row by row.
ALTER TABLE tasks DISABLE TRIGGER tasks_count_insert;
ALTER TABLE tracker_events DISABLE TRIGGER tracker_events_total_insert;
ALTER TABLE tracker_events DISABLE TRIGGER tracker_events_day_counts_insert;
ALTER TABLE incidents DISABLE TRIGGER incidents_count_insert;

\echo filling :tasks tasks
INSERT INTO tasks (id, service, action, status, attempts, max_attempts, payload, result, error,
                   idempotency_key, submitted_by, submitted_at, started_at, finished_at, updated_at)
SELECT CASE WHEN keyed
            THEN (substr(h, 1, 12) || '8' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid
            ELSE (lpad(to_hex((extract(epoch FROM at) * 1000)::bigint), 12, '0') || '7' ||
                  substr(h, 1, 3) || '9' || substr(h, 4, 15))::uuid
       END,
       service, service_actions[action_pick], status,
       CASE WHEN status = 'queued' THEN 0 ELSE 1 END, 3,
       jsonb_build_object('n', g), CASE WHEN status = 'succeeded' THEN '{"ok":true}'::jsonb END,
       CASE WHEN status IN ('failed', 'dead') THEN '{"type":"error","message":"boom"}'::jsonb END,
       CASE WHEN keyed THEN 'key-' || g END, owner, at,
       CASE WHEN status <> 'queued' THEN at END,
       CASE WHEN status IN ('succeeded', 'failed', 'dead', 'cancelled') THEN at END, at
  FROM (SELECT g, md5(g::text) AS h, random() < 0.2 AS keyed, at, service,
               CASE WHEN s < 0.7 THEN 1 WHEN s < 0.9 THEN 2 ELSE 3 END AS action_pick,
               ARRAY[service || '_run', service || '_sync', service || '_purge'] AS service_actions,
               CASE WHEN at > now() - interval '10 minutes' THEN
                         CASE WHEN st < 0.3 THEN 'queued' WHEN st < 0.45 THEN 'running'
                              WHEN st < 0.5 THEN 'retrying' WHEN st < 0.95 THEN 'succeeded'
                              ELSE 'failed' END
                    WHEN st < 0.0001 THEN 'queued'
                    WHEN st < 0.0002 THEN 'retrying'
                    WHEN st < 0.01 THEN 'dead'
                    WHEN st < 0.02 THEN 'cancelled'
                    WHEN st < 0.06 THEN 'failed'
                    ELSE 'succeeded' END AS status,
               CASE WHEN o < 0.3 THEN 'admin' WHEN o < 0.00003 + 0.3 THEN 'rare-caller'
                    ELSE 'caller-' || (floor(power(random(), 2) * 20))::int END AS owner
          FROM (SELECT g, now() - interval '30 days' * power(random(), 2) AS at,
                       CASE WHEN sv < 0.40 THEN 'system' WHEN sv < 0.60 THEN 'email'
                            WHEN sv < 0.75 THEN 'billing' WHEN sv < 0.85 THEN 'reports'
                            WHEN sv < 0.90 THEN 'tracker' WHEN sv < 0.95 THEN 'identity'
                            WHEN sv < 0.98 THEN 'releases' ELSE 'media' END AS service,
                       random() AS s, random() AS st, random() AS o
                  FROM (SELECT g, random() AS sv FROM generate_series(1, :tasks) g) raw) r) t
 ORDER BY at;  -- a ledger's rows lie in the order they were written

INSERT INTO task_counts (service, status, shard, n)
SELECT service, status, 0, count(*) FROM tasks GROUP BY service, status
ON CONFLICT (service, status, shard) DO UPDATE SET n = task_counts.n + EXCLUDED.n;
ALTER TABLE tasks ENABLE TRIGGER tasks_count_insert;

\echo filling :events tracker events
INSERT INTO tracker_events (id, title, message, source, type, priority, service, status,
                            environment, impact, start_date, end_date, owner, created_at, created_by)
SELECT (lpad(to_hex((extract(epoch FROM at) * 1000)::bigint), 12, '0') || '7' ||
        substr(h, 1, 3) || '9' || substr(h, 4, 15))::uuid,
       'Deploy ' || service || ' #' || g, 'bench', source, type, priority, service, status,
       environment, impact,
       CASE WHEN dated THEN at - interval '5 minutes' END, CASE WHEN dated THEN at END,
       'team-' || (g % 12), at, 'bench'
  FROM (SELECT g, md5('event' || g) AS h,
               now() - interval '730 days' * power(random(), 1.5) AS at,
               'service-' || floor(power(random(), 3) * 200)::int AS service,
               (ARRAY['github_actions', 'argocd', 'jenkins', 'manual', 'gitlab'])
                   [1 + floor(power(random(), 2) * 5)::int] AS source,
               (ARRAY[1, 1, 1, 1, 1, 1, 2, 2, 3, 4, 5])[1 + floor(random() * 11)::int] AS type,
               (ARRAY[3, 3, 3, 3, 2, 2, 4, 4, 1, 5])[1 + floor(random() * 10)::int] AS priority,
               (ARRAY[3, 3, 3, 3, 3, 3, 1, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])
                   [1 + floor(random() * 20)::int] AS status,
               (ARRAY[7, 7, 7, 6, 6, 4, 2, 1, 1, 3, 5, 8])[1 + floor(random() * 12)::int] AS environment,
               random() < 0.1 AS impact, random() < 0.5 AS dated
          FROM generate_series(1, :events) g) e
 ORDER BY at;

INSERT INTO tracker_event_total (shard, n) SELECT 0, count(*) FROM tracker_events
ON CONFLICT (shard) DO UPDATE SET n = tracker_event_total.n + EXCLUDED.n;
ALTER TABLE tracker_events ENABLE TRIGGER tracker_events_total_insert;
INSERT INTO tracker_event_day_counts (dimension, value, day, shard, n)
SELECT k.dimension, k.value, k.day, 0, sum(k.d)
  FROM tracker_events e, tracker_event_day_keys(1, e.source, e.type, e.priority, e.status,
           e.environment, e.impact, coalesce(e.start_date, e.created_at)) k
 GROUP BY 1, 2, 3;
ALTER TABLE tracker_events ENABLE TRIGGER tracker_events_day_counts_insert;

\echo filling :incidents incidents
INSERT INTO incident_services (id, name, criticality)
SELECT gen_random_uuid(), 'bench-service-' || lpad(g::text, 2, '0'),
       (ARRAY['TIER_1_CRITICAL', 'TIER_2_HIGH', 'TIER_3_MEDIUM', 'TIER_4_LOW'])[1 + g % 4]
  FROM generate_series(0, 39) g;

INSERT INTO incidents (id, short_id, title, description, severity, status, service_id,
                       created_by, detected_at, created_at, acknowledged_at, acknowledged_by,
                       resolved_at, resolved_by, updated_at)
SELECT gen_random_uuid(), 'INC-' || upper(lpad(to_hex(g), 6, '0')),
       initcap(problem) || ' on ' || component || ' in ' || region,
       'Alert ' || replace(problem, ' ', '_') || ' fired for ' || component || ' on host ' ||
           host || ' (' || region || '): ' || problem || ', error rate ' || (g % 97) ||
           '% over 5 minutes. ' ||
           (ARRAY['Customers see failed checkouts.', 'No customer impact so far.',
                  'Paging the on-call engineer.', 'Rolled back the last deployment.',
                  'Investigating together with the database team.'])[1 + g % 5],
       severity, status, services[1 + floor(power(random(), 2) * 40)::int], 'bench',
       at - interval '3 minutes', at,
       CASE WHEN status <> 'TRIGGERED' THEN at + interval '4 minutes' END,
       CASE WHEN status <> 'TRIGGERED' THEN 'bench' END,
       CASE WHEN status = 'RESOLVED' THEN at + interval '2 hours' END,
       CASE WHEN status = 'RESOLVED' THEN 'bench' END, at
  FROM (SELECT g, at, substr(md5('host' || g), 1, 10) AS host,
               (SELECT array_agg(id ORDER BY name) FROM incident_services
                 WHERE name LIKE 'bench-service-%') AS services,
               (ARRAY['latency spike', 'error rate above threshold', 'timeouts', 'outage',
                      'degraded performance', 'memory leak', 'disk almost full',
                      'certificate expired', 'connection pool exhausted', '5xx errors',
                      'replication lag', 'high cpu', 'crash loop', 'packet loss',
                      'failed deployment'])[1 + floor(random() * 15)::int] AS problem,
               (ARRAY['checkout api', 'payment gateway', 'login service', 'search cluster',
                      'redis cache', 'postgres primary', 'kafka brokers', 'cdn edge',
                      'dns resolver', 'load balancer', 'object storage', 'email sender',
                      'notification queue', 'scheduler', 'billing export', 'auth tokens',
                      'image resizer', 'reporting warehouse', 'mobile backend',
                      'feature flags'])[1 + floor(power(random(), 1.5) * 20)::int] AS component,
               (ARRAY['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2',
                      'ap-south-1'])[1 + floor(random() * 5)::int] AS region,
               CASE WHEN sv < 0.03 THEN 'SEV1_CRITICAL' WHEN sv < 0.15 THEN 'SEV2_HIGH'
                    WHEN sv < 0.60 THEN 'SEV3_MEDIUM' ELSE 'SEV4_LOW' END AS severity,
               CASE WHEN at > now() - interval '1 day' THEN
                         CASE WHEN st < 0.3 THEN 'TRIGGERED' WHEN st < 0.6 THEN 'ACKNOWLEDGED'
                              WHEN st < 0.8 THEN 'MITIGATED' ELSE 'RESOLVED' END
                    WHEN at > now() - interval '7 days' THEN
                         CASE WHEN st < 0.02 THEN 'TRIGGERED' WHEN st < 0.05 THEN 'ACKNOWLEDGED'
                              WHEN st < 0.10 THEN 'MITIGATED' ELSE 'RESOLVED' END
                    WHEN st < 0.001 THEN 'TRIGGERED' WHEN st < 0.002 THEN 'ACKNOWLEDGED'
                    WHEN st < 0.005 THEN 'MITIGATED' ELSE 'RESOLVED' END AS status
          FROM (SELECT g, now() - interval '730 days' * power(random(), 2) - interval '1 minute'
                       AS at, random() AS sv, random() AS st
                  FROM generate_series(1, :incidents) g) raw) r
 ORDER BY at;  -- seq follows creation, as it does live

INSERT INTO incident_counts (service_id, status, severity, shard, n)
SELECT service_id, status, severity, 0, count(*) FROM incidents GROUP BY 1, 2, 3
ON CONFLICT (service_id, status, severity, shard) DO UPDATE SET n = incident_counts.n + EXCLUDED.n;
ALTER TABLE incidents ENABLE TRIGGER incidents_count_insert;

\echo building the indexes
ALTER TABLE tasks ADD CONSTRAINT tasks_pkey PRIMARY KEY (id);
ALTER TABLE tracker_events ADD CONSTRAINT tracker_events_pkey PRIMARY KEY (id);
ALTER TABLE incidents ADD CONSTRAINT incidents_pkey PRIMARY KEY (id);
DO $$
DECLARE k record;
BEGIN
  FOR k IN SELECT * FROM bench_foreign_keys LOOP
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I %s', k.table_name, k.conname, k.definition);
  END LOOP;
END $$;
DO $$
DECLARE i record;
BEGIN
  FOR i IN SELECT indexdef FROM bench_index_definitions LOOP
    EXECUTE i.indexdef;
  END LOOP;
END $$;

VACUUM (ANALYZE) tasks;
VACUUM (ANALYZE) tracker_events;
VACUUM (ANALYZE) task_counts;
VACUUM (ANALYZE) incidents;
VACUUM (ANALYZE) incident_counts;
VACUUM (ANALYZE) tracker_event_day_counts;

-- The fill and the vacuums leave gigabytes of dirty pages that the checkpointer
-- would otherwise write while the reads are timed (a call now and then waiting
-- on the disk behind it): written now, the timings are the reads'.
CHECKPOINT;
