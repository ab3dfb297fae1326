-- Every payload is JSON text in UTF-8, as the services' serializer writes it. A row written by hand whose payload is not
-- (a fresh reviewer's RegistrationPlaced of revision 2 with a cut-off JSON text) could not even be parked: an event of an
-- older revision is read through an upcaster, and the dead-letter queue, serializing the upcast payload to store the
-- parked event, failed on it, so the projection retried it for ever and the instance left the load balancer. The cast
-- refuses such a row when it is written (a JSON parse: about 6.5 us of PostgreSQL's CPU for a 948-byte RegistrationPlaced,
-- measured in psql, 2026-12-06). Invalid UTF-8 is refused by the conversion. NOT VALID, as V9: rows already stored are not
-- checked, so a database holding one still starts.
ALTER TABLE domain_event_entry ADD CONSTRAINT domain_event_entry_payload_is_json
    CHECK (convert_from(payload, 'UTF8')::jsonb IS NOT NULL) NOT VALID;
