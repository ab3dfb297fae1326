-- CE transcripts: every module a clinician completed, with the history of CE decisions and
-- corrections. Owned by transcripts/TranscriptProjection.
CREATE TABLE projection.transcript_module (
    registration_id VARCHAR(36)   NOT NULL,
    module_code     VARCHAR(20)   NOT NULL,
    clinician_id    VARCHAR(36)   NOT NULL,
    series_id       VARCHAR(40)   NOT NULL,
    module_title    VARCHAR(200)  NOT NULL,
    class_day_id    VARCHAR(40)   NOT NULL,
    class_date      DATE          NOT NULL,
    ce_hours        NUMERIC(5, 2) NOT NULL,
    status          VARCHAR(10)   NOT NULL,
    decided_at      TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (registration_id, module_code)
);
CREATE INDEX transcript_module_by_clinician ON projection.transcript_module (clinician_id);

CREATE TABLE projection.transcript_history (
    entry_id        VARCHAR(36)  PRIMARY KEY,
    position        BIGINT       NOT NULL,
    clinician_id    VARCHAR(36)  NOT NULL,
    registration_id VARCHAR(36)  NOT NULL,
    module_code     VARCHAR(20)  NOT NULL,
    class_day_id    VARCHAR(40)  NOT NULL,
    change          VARCHAR(30)  NOT NULL,
    ce_hours        NUMERIC(5, 2),
    reason          VARCHAR(500),
    actor           VARCHAR(200),
    occurred_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX transcript_history_by_clinician ON projection.transcript_history (clinician_id, position);
