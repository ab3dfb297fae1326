-- Events a projection could not handle, parked (Axon's sequenced dead-letter queue) so that the
-- projection goes on with everything else: one row per parked event, in order within its sequence
-- (the stream it belongs to; later events of that stream are parked behind it to keep their order).
-- Columns as Axon's JdbcSequencedDeadLetterQueue writes them (timestamps as ISO-8601 text); named
-- in snake case through the DeadLetterSchema bean (streaming/DeadLetterConfig).
CREATE TABLE projection.dead_letter_entry (
    dead_letter_id      VARCHAR(255) NOT NULL PRIMARY KEY,
    processing_group    VARCHAR(255) NOT NULL,
    sequence_identifier VARCHAR(255) NOT NULL,
    sequence_index      BIGINT       NOT NULL,
    message_type        VARCHAR(255) NOT NULL,
    event_identifier    VARCHAR(255) NOT NULL,
    time_stamp          VARCHAR(255) NOT NULL,
    payload_type        VARCHAR(255) NOT NULL,
    payload_revision    VARCHAR(255),
    payload             BYTEA        NOT NULL,
    meta_data           BYTEA,
    aggregate_type      VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number     BIGINT,
    token_type          VARCHAR(255),
    token               BYTEA,
    enqueued_at         VARCHAR(255) NOT NULL,
    last_touched        VARCHAR(255),
    processing_started  VARCHAR(255),
    cause_type          VARCHAR(255),
    cause_message       TEXT,
    diagnostics         BYTEA,
    CONSTRAINT dead_letter_entry_sequence UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX dead_letter_entry_by_group ON projection.dead_letter_entry (processing_group);
CREATE INDEX dead_letter_entry_by_sequence ON projection.dead_letter_entry (processing_group, sequence_identifier);
