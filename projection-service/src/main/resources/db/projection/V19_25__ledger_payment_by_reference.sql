-- Finance: the payments that name one processor charge reference (LedgerQueries: a payment entry's
-- paymentsUnderReference and paidUnderReference, and the ledger's ?reference= filter) are found by it.
CREATE INDEX ledger_entry_by_reference ON projection.ledger_entry (reference, entry_type);
