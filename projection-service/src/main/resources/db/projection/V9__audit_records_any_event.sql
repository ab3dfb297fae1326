-- The audit trail records every event, whatever its content: the columns it extracts for lookup
-- (registration, clinician, stream, actor, correlation id) take any length, so no value an event
-- carries can stop it (issue 11: one event must never stall a projection).
ALTER TABLE projection.audit_event
    ALTER COLUMN aggregate_id TYPE TEXT,
    ALTER COLUMN actor TYPE TEXT,
    ALTER COLUMN correlation_id TYPE TEXT,
    ALTER COLUMN registration_id TYPE TEXT,
    ALTER COLUMN clinician_id TYPE TEXT,
    ALTER COLUMN event_type TYPE TEXT;
