-- Poison-message containment (docs/guarantees.md#poison-messages). A worker that
-- receives a redelivered task runs it alone and first records a strike for that
-- attempt here, in its own commit; it clears the strike once the attempt's outcome
-- is committed. A strike that survives means the worker died (or lost its
-- connection) while running that very attempt; after three, the attempt is set
-- aside as dead with the last error instead of being run again.
CREATE TABLE delivery_strikes (
    task_id    uuid        NOT NULL,
    attempt    integer     NOT NULL,
    strikes    integer     NOT NULL DEFAULT 1,
    last_error text,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (task_id, attempt)
);

-- Strikes of attempts that later completed elsewhere are left behind; the
-- retention purge drops them by age.
CREATE INDEX delivery_strikes_updated_at_idx ON delivery_strikes (updated_at);
