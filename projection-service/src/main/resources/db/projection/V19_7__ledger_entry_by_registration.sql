-- The ledger's payout status of a refund (LedgerQueries.entries) and the projection's own payout lookups
-- find a registration's entries; staff-console shows that status on every REFUND_DECIDED row.
CREATE INDEX ledger_entry_by_registration ON projection.ledger_entry (registration_id, position);
