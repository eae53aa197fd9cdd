-- rfc3339 (0001) formats every timestamp of every JSON answer and event view,
-- often several per row. Declared IMMUTABLE over to_char, which PostgreSQL marks
-- STABLE, it was never inlined: each statement calling it parsed and planned its
-- body again and ran it through the SQL-function executor, per row (some 26
-- calls per incident created, issue #16; docs/incidents.md "Speed"). Declared
-- STABLE it is inlined into the calling statement as a plain to_char. Nothing
-- indexes it, and its result depends on no setting: the time zone is fixed and
-- the pattern has no locale-dependent field.
ALTER FUNCTION rfc3339(timestamptz) STABLE;
