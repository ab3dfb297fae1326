-- Waitlists (issue 18): places in the order they joined (the join event's sequence number on the series'
-- stream) and the offers made to them, with outcomes. Owned by waitlist/WaitlistProjection (processing
-- group "registrations", so seat availability reads held seats at the same position as seats taken).
-- Pseudonymous clinician ids only; personal data stays sealed in the events.
CREATE TABLE projection.waitlist_place (
    place_id        VARCHAR(36)  PRIMARY KEY,
    series_id       VARCHAR(40)  NOT NULL,
    clinician_id    VARCHAR(36)  NOT NULL,
    line_sequence   BIGINT       NOT NULL,
    joined_at       TIMESTAMPTZ  NOT NULL,
    status          VARCHAR(10)  NOT NULL,
    offer_id        VARCHAR(36),
    ended_at        TIMESTAMPTZ,
    end_reason      TEXT
);
CREATE INDEX waitlist_place_by_series ON projection.waitlist_place (series_id, line_sequence);

CREATE TABLE projection.waitlist_offer (
    offer_id        VARCHAR(36)  PRIMARY KEY,
    place_id        VARCHAR(36)  NOT NULL,
    series_id       VARCHAR(40)  NOT NULL,
    cause           VARCHAR(20)  NOT NULL,
    offered_at      TIMESTAMPTZ  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    status          VARCHAR(10)  NOT NULL,
    outcome_at      TIMESTAMPTZ,
    outcome_reason  TEXT,
    registration_id VARCHAR(36)
);
CREATE INDEX waitlist_offer_by_place ON projection.waitlist_offer (place_id);
CREATE INDEX waitlist_offer_open_by_series ON projection.waitlist_offer (series_id) WHERE status = 'OPEN';
