-- Correction of V3's proof (found by the benchmark's read-your-writes check: 2 of 600 registrations
-- skipped by every projection after a restart). V3 bounded a gap's writer by the reading snapshot's
-- xmax, but PostgreSQL's xmax is "latest completed xid + 1", not "next xid to assign": a writer that
-- is still running can hold an xid at or above it, so "xmin has passed the bound" did not prove it
-- had ended.
--
-- Now every transaction that appends events holds a shared advisory lock (key 4269011, the event
-- store's "appending" lock) from before it takes its first global index until it ends. A reader
-- proves gaps empty only while it holds that lock exclusively (pg_try_advisory_xact_lock: it never
-- waits; when any append is in flight it simply tries again on a later fetch): then no transaction
-- that took an index is still running, and a gap that a fresh snapshot still does not show was
-- rolled back. Writers never wait on each other (the lock is shared); they wait on a reader only for
-- the one statement it holds the lock for.
CREATE OR REPLACE FUNCTION assign_event_global_index() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(4269011);
    NEW.transaction_id := pg_current_xact_id();
    NEW.global_index := nextval('domain_event_entry_global_index_seq');
    PERFORM set_config('kat.last_global_index', NEW.global_index::text, true);
    RETURN NEW;
END $$;
