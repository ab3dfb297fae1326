-- A participant report set aside against a record by hand is listed once per reading (file and time zone), with when and by
-- whom it was kept: with one row per file a wrong zone's reading imported again hid the right one, and an entry named only
-- by a SHA-256 prefix could not be told apart later (a fresh reviewer's findings, 2026-12-07). set_at and set_by are null for
-- rows projected before (test and review databases only).
ALTER TABLE projection.registration_report_set_aside DROP CONSTRAINT registration_report_set_aside_pkey;
ALTER TABLE projection.registration_report_set_aside ADD PRIMARY KEY (registration_id, class_day_id, source_file_sha256, time_zone);
ALTER TABLE projection.registration_report_set_aside ADD COLUMN set_at TIMESTAMPTZ;
ALTER TABLE projection.registration_report_set_aside ADD COLUMN set_by TEXT;
-- The ledger compares references as payouts do (case, spaces and punctuation aside), in its search and in the count of
-- payments naming a charge (LedgerQueries): by this key.
CREATE INDEX ledger_entry_by_reference_key ON projection.ledger_entry ((lower(regexp_replace(reference, '[^A-Za-z0-9]+', '', 'g'))), entry_type);
