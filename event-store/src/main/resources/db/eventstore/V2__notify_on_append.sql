-- Wakes readers of the event store (the projection service) as soon as appended events commit,
-- instead of leaving them to find the events on their next poll. One notification per statement;
-- PostgreSQL delivers it at commit and folds repeats within a transaction.
CREATE OR REPLACE FUNCTION notify_events_appended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('kat_events_appended', '');
    RETURN NULL;
END $$;

CREATE TRIGGER domain_event_entry_appended
    AFTER INSERT ON domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION notify_events_appended();
