-- One row the projection service updates, with synchronous commit, before it tells an administrator an action happened
-- (a rebuild began, parked events were retried): its commit waits for the WAL to be flushed past every earlier
-- asynchronous commit of the service (streaming/DurableCommits). A transaction that writes no WAL record flushes nothing.
CREATE TABLE projection.durable_mark (
    id         INTEGER     PRIMARY KEY CHECK (id = 1),
    flushed_at TIMESTAMPTZ NOT NULL
);
INSERT INTO projection.durable_mark (id, flushed_at) VALUES (1, now());
