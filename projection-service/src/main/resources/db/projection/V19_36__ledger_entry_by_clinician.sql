-- The ledger's clinician filter (LedgerQueries, ?clinicianId=) and the staff console's look-up of an id typed in the wrong
-- filter find a clinician's entries; without an index each such read passed over the whole ledger twice (its page and its
-- count; a fresh reviewer's finding).
CREATE INDEX ledger_entry_by_clinician ON projection.ledger_entry (clinician_id, occurred_at, position);
