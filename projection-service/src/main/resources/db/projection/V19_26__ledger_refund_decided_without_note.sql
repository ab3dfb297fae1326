-- A refund decision's ledger entry no longer carries the cancellation's reason as its note: the reason is the clinician's own
-- words (sealed in RegistrationCancelled since revision 2, erased with their contact details), not finance's to read
-- (ledger/LedgerProjection). Entries projected before lose it here, as a rebuild would drop it.
UPDATE projection.ledger_entry SET note = NULL WHERE entry_type = 'REFUND_DECIDED' AND note IS NOT NULL;
