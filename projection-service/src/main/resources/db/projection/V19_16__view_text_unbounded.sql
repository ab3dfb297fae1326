-- Every text column of the views is unbounded (TEXT). What a view holds is decided by the command side, which refuses what
-- it does not accept (lengths included); a view column narrower than that parked the event, and every later event of the
-- same registration behind it, for ever: a correction reason of 500 characters (accepted), composed with the CE rule into
-- transcript_history.reason VARCHAR(500), froze a clinician's transcript, certificate and public verification (a fresh
-- reviewer's finding, 2026-12-04). VARCHAR(n) to TEXT rewrites no table and no index in PostgreSQL. Axon's and Flyway's
-- own tables are left as they are. ViewColumnsTest keeps new view columns unbounded.
DO $$
DECLARE c record;
BEGIN
    FOR c IN SELECT table_name, column_name FROM information_schema.columns
             WHERE table_schema = 'projection' AND data_type = 'character varying' AND character_maximum_length IS NOT NULL
               AND table_name NOT IN ('token_entry', 'dead_letter_entry', 'flyway_projection_history')
             ORDER BY table_name, ordinal_position
    LOOP
        EXECUTE format('ALTER TABLE projection.%I ALTER COLUMN %I TYPE text', c.table_name, c.column_name);
    END LOOP;
END $$;
