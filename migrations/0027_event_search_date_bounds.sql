-- Tracker searches bounded by an old end date (issue #24). A search lists newest
-- first by id, but its date range is on the effective date (the start date, or
-- the creation of an event without one): a range a year back walked the newer
-- 600,000 events of a million before it found its first match (80 ms warm,
-- 2 s cold). Ids are UUIDv7 made by the API before the worker inserts the row,
-- so an event's id time is never after its created_at (give or take the
-- clocks' skew). An event in a range ending at `hi` is therefore either created
-- by `hi` plus a margin (its id is at most the bound below: the walk starts
-- there) or started long before it was created: the few events recorded more
-- than a day after their start have an index of their own.
-- (common/storage/tracker/events_repository.cpp, event_list_statements)

-- The greatest UUIDv7 an event created at `t` can have.
CREATE FUNCTION tracker_event_id_bound(t timestamptz) RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (lpad(to_hex(floor(extract(epoch FROM t) * 1000)::bigint), 12, '0')
            || 'ffffffffffffffffffff')::uuid
$$;

-- IF NOT EXISTS as in 0014: an operator with many events can build it
-- beforehand with CREATE INDEX CONCURRENTLY.
CREATE INDEX IF NOT EXISTS tracker_events_backdated_idx ON tracker_events (id)
    WHERE created_at - start_date > interval '1 day';
