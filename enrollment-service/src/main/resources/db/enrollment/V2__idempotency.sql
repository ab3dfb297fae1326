-- The first request seen under each Idempotency-Key (or client-chosen registration id): its
-- content fingerprint and where it went. The same key with other content is refused (422).
CREATE TABLE enrollment.idempotency_key (
    idempotency_key     VARCHAR(200) PRIMARY KEY,
    request_fingerprint VARCHAR(64)  NOT NULL,
    series_id           VARCHAR(40)  NOT NULL,
    registration_id     VARCHAR(36)  NOT NULL,
    first_seen_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
