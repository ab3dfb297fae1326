-- Every row the store holds is read back as an event by every tracking processor, in the one stream they all follow: a row
-- whose envelope cannot be read stops that stream for every processor, while health stays UP. Found by a fresh reviewer:
-- a row written by hand with NULL meta_data stopped every processor of both services (Axon's reader failed on it four times
-- a second), and the immutability trigger refused the UPDATE that would have mended it; a time stamp that is no instant
-- ('yesterday') was observed to hold four projections in a retry loop. So the store refuses such a row when it is written:
-- metadata is present (the services always write it: at least the correlation and the actor), and the time stamp is an
-- ISO-8601 instant in UTC as the services write it (2026-12-05T22:04:00.123Z), a real one (the cast refuses 2026-13-40).
-- A payload or metadata that is present but cannot be deserialized is read only where it is handled, and parks its stream
-- alone. NOT VALID: rows already stored are not checked, so a database holding such a row still starts (mend it first).
ALTER TABLE domain_event_entry ADD CONSTRAINT domain_event_entry_has_metadata CHECK (meta_data IS NOT NULL) NOT VALID;
ALTER TABLE domain_event_entry ADD CONSTRAINT domain_event_entry_time_stamp_is_an_instant
    CHECK (time_stamp ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?Z$' AND (time_stamp::timestamptz) IS NOT NULL) NOT VALID;
