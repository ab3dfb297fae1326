-- Credit balances per clinician with their history. Owned by credit/CreditProjection.
CREATE TABLE projection.credit_history (
    entry_id        VARCHAR(36) PRIMARY KEY,
    position        BIGINT      NOT NULL,
    clinician_id    VARCHAR(36) NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    entry_type      VARCHAR(10) NOT NULL,
    amount_cents    BIGINT      NOT NULL,
    balance_after_cents BIGINT  NOT NULL,
    series_id       VARCHAR(40),
    registration_id VARCHAR(36)
);
CREATE INDEX credit_history_by_clinician ON projection.credit_history (clinician_id, position);
