-- The notification is back in the appending transaction, as V2 had it, unless the writer's session says it notifies
-- after its commits itself (kat.notify_after_commit = on: set on every pooled connection of a service running with
-- kat.event-store.notify=after-commit, see AppendNotifier). Measured on the project's machine: PostgreSQL serialises
-- the commits of notifying transactions (pgbench, 16 clients appending two events: 2,325 transactions/s with the
-- notification in the transaction, 4,717/s without), but the benchmark's registrations, which never reach that rate,
-- were not faster with the after-commit notifier and its extra round trips (0.77 and 0.69 x the state-stored peer at
-- 16 clients with it, 0.88 without it in the next run; docs/benchmarks.md, 2026-12-01). So in-transaction is the
-- default and after-commit a choice for deployments whose commits are the limit.
CREATE OR REPLACE FUNCTION notify_events_appended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('kat.notify_after_commit', true) IS DISTINCT FROM 'on' THEN
        PERFORM pg_notify('kat_events_appended', '');
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER domain_event_entry_appended
    AFTER INSERT ON domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION notify_events_appended();
