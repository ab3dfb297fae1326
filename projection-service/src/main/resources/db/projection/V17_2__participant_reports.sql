-- Participant reports imported for class days (issue 17) and the rows staff set aside, as attendance
-- staff read them back. Owned by participantreports/ParticipantReportProjection (processing group
-- "catalog": rebuilt with the catalog). No personal data: counts and line numbers only, as the
-- events keep them.
CREATE TABLE projection.participant_report (
    class_day_id        VARCHAR(40)  NOT NULL,
    source_file_sha256  VARCHAR(64)  NOT NULL,
    time_zone           VARCHAR(64)  NOT NULL,
    rows_read           INT          NOT NULL,
    attendees_recorded  INT          NOT NULL,
    attendees_corrected INT          NOT NULL,
    attendees_unchanged INT          NOT NULL,
    rows_unmatched      INT          NOT NULL,
    unmatched_lines     BIGINT[],             -- null: not recorded (an import of event revision 1)
    imported_at         TIMESTAMPTZ  NOT NULL,
    imported_by         VARCHAR(200),
    position            BIGINT       NOT NULL,
    PRIMARY KEY (class_day_id, source_file_sha256)
);

CREATE TABLE projection.participant_report_rows_ignored (
    entry_id            VARCHAR(36)  PRIMARY KEY, -- the event's id: a redelivery changes nothing
    class_day_id        VARCHAR(40)  NOT NULL,
    source_file_sha256  VARCHAR(64)  NOT NULL,
    lines               BIGINT[]     NOT NULL,
    reason              TEXT         NOT NULL,
    set_aside_at        TIMESTAMPTZ  NOT NULL,
    set_aside_by        VARCHAR(200),
    position            BIGINT       NOT NULL
);
CREATE INDEX participant_report_rows_ignored_report ON projection.participant_report_rows_ignored (class_day_id, source_file_sha256, position);
