-- The refund ledger for finance: one immutable row per money movement or decision, keyed by the
-- event that caused it (a redelivered event inserts nothing). Owned by ledger/LedgerProjection.
CREATE TABLE projection.ledger_entry (
    entry_id              VARCHAR(36)  PRIMARY KEY,
    position              BIGINT       NOT NULL,
    occurred_at           TIMESTAMPTZ  NOT NULL,
    entry_type            VARCHAR(20)  NOT NULL,
    series_id             VARCHAR(40),
    registration_id       VARCHAR(36),
    clinician_id          VARCHAR(36)  NOT NULL,
    amount_cents          BIGINT       NOT NULL,
    admin_fee_cents       BIGINT       NOT NULL DEFAULT 0,
    processing_fee_cents  BIGINT       NOT NULL DEFAULT 0,
    retained_cents        BIGINT       NOT NULL DEFAULT 0,
    policy_version        VARCHAR(10),
    rule                  VARCHAR(30),
    reference             VARCHAR(100),
    reverses_entry_id     VARCHAR(36),
    note                  VARCHAR(500),
    actor                 VARCHAR(200)
);
CREATE INDEX ledger_entry_by_time ON projection.ledger_entry (occurred_at, position);
CREATE INDEX ledger_entry_by_series ON projection.ledger_entry (series_id, occurred_at);
