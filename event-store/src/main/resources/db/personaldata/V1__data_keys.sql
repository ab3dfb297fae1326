-- Personal data outside the event store (issue 13). Events carry a clinician's personal fields
-- encrypted with that clinician's data keys; the keys live here, wrapped (AES-GCM) with the master
-- key from the environment. Shredding a key sets wrapped_key to NULL: every copy of the fields it
-- encrypted, in every event, then reads as "[erased]". The enrollment service writes here, the
-- projection service only reads (docs/decisions.md).
CREATE SCHEMA IF NOT EXISTS personal_data;

CREATE TABLE personal_data.data_key (
    key_id        UUID         PRIMARY KEY,
    clinician_id  TEXT         NOT NULL,
    purpose       VARCHAR(10)  NOT NULL CHECK (purpose IN ('CONTACT', 'IDENTITY')),
    generation    INTEGER      NOT NULL,
    master_key_id VARCHAR(40)  NOT NULL,
    wrapped_key   BYTEA,
    created_at    TIMESTAMPTZ  NOT NULL,
    shredded_at   TIMESTAMPTZ,
    UNIQUE (clinician_id, purpose, generation)
);

-- Which registrations a clinician's personal data was sealed for: where their CE record is (the
-- retention job reads the last CE event of these streams). Ids only, no personal data; TEXT, as the
-- event store's stream ids, so no id an event carries can stop sealing or reading.
CREATE TABLE personal_data.clinician_registration (
    clinician_id    TEXT NOT NULL,
    registration_id TEXT NOT NULL,
    PRIMARY KEY (clinician_id, registration_id)
);
