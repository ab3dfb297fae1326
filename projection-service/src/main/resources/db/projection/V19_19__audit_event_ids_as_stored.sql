-- The audit trail holds every row of the event store, one per position. Its event ids were unique, but the store's are
-- not (eventstore V8 dropped that index: the services write random UUIDs, and an aggregate's event written twice collides
-- on its sequence number): a row written by hand with another row's event identifier would have been refused here and
-- parked, leaving a gap in the trail (a fresh reviewer's finding, confirmed in SQL). The position stays the key; nothing
-- reads the trail by event id.
ALTER TABLE projection.audit_event DROP CONSTRAINT audit_event_event_id_key;
