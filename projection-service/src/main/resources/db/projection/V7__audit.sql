-- The audit trail: every event with its time, actor, correlation id and full content, findable by
-- registration and by clinician. Owned by audit/AuditTrailProjection.
CREATE TABLE projection.audit_event (
    position        BIGINT       PRIMARY KEY,
    event_id        VARCHAR(36)  NOT NULL UNIQUE,
    aggregate_id    VARCHAR(255),
    sequence_number BIGINT,
    event_type      VARCHAR(100) NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    actor           VARCHAR(200),
    correlation_id  VARCHAR(100),
    registration_id VARCHAR(36),
    clinician_id    VARCHAR(36),
    payload         JSONB        NOT NULL
);
CREATE INDEX audit_event_by_registration ON projection.audit_event (registration_id, position);
CREATE INDEX audit_event_by_clinician ON projection.audit_event (clinician_id, position);
