-- The command side answers every command with the position of the events it wrote (KAT-Event-Position,
-- for read-your-writes). The trigger that numbers each event also leaves the transaction's last global
-- index in a transaction-local setting, so the command's own transaction reads it back before it commits
-- (one statement, no query over the streams, no second transaction). Transaction-local: a pooled connection
-- never shows another transaction's value.
CREATE OR REPLACE FUNCTION assign_event_global_index() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.transaction_id := pg_current_xact_id();
    NEW.global_index := nextval('domain_event_entry_global_index_seq');
    PERFORM set_config('kat.last_global_index', NEW.global_index::text, true);
    RETURN NEW;
END $$;
