-- Projections must never skip a committed event, however slowly it commits (docs/decisions.md,
-- "Gaps closed by the transaction horizon"). For that every event records the transaction that
-- appended it, and that transaction's id is taken BEFORE the event's global index:
--   * pg_current_xact_id() first (assigning the transaction its id if it has none yet),
--   * then nextval() of the global index sequence (CACHE 1, so values are handed out in time order).
-- A reader that sees index h committed while a lower index g is missing then knows that g's
-- transaction got its id before the reader's snapshot was taken, i.e. below that snapshot's xmax;
-- once a later snapshot's xmin has passed that xmax, g's transaction has ended, and if g is still
-- missing it was rolled back and will never appear. No wall clock is involved.
ALTER TABLE domain_event_entry ADD COLUMN transaction_id xid8;
ALTER TABLE domain_event_entry ALTER COLUMN global_index DROP DEFAULT;
ALTER SEQUENCE domain_event_entry_global_index_seq CACHE 1;

CREATE OR REPLACE FUNCTION assign_event_global_index() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.transaction_id := pg_current_xact_id();
    NEW.global_index := nextval('domain_event_entry_global_index_seq');
    RETURN NEW;
END $$;

CREATE TRIGGER domain_event_entry_global_index
    BEFORE INSERT ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION assign_event_global_index();
