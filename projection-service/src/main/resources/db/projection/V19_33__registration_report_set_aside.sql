-- Every participant report set aside against staff's record by hand, one row per report file (its latest reading), in place
-- of V19_32's one report per attendance row: of a restarted meeting's two reports the roster showed only the second, and a
-- file imported again in the right zone after a wrong one left the wrong zone's times shown (a fresh reviewer's findings,
-- 2026-12-07). Emptied for the day when staff record or correct its attendance again. No events of that type were written
-- anywhere but test and review databases before this migration.
CREATE TABLE projection.registration_report_set_aside (
    registration_id    VARCHAR(36) NOT NULL,
    class_day_id       VARCHAR(40) NOT NULL,
    source_file_sha256 VARCHAR(64) NOT NULL,
    time_zone          TEXT        NOT NULL,
    segments           TEXT        NOT NULL,
    another_meeting    BOOLEAN     NOT NULL,
    position           BIGINT      NOT NULL,
    PRIMARY KEY (registration_id, class_day_id, source_file_sha256)
);
CREATE INDEX registration_report_set_aside_by_day ON projection.registration_report_set_aside (class_day_id);
ALTER TABLE projection.registration_attendance DROP COLUMN report_set_aside_sha256;
ALTER TABLE projection.registration_attendance DROP COLUMN report_set_aside_time_zone;
ALTER TABLE projection.registration_attendance DROP COLUMN report_set_aside_segments;
ALTER TABLE projection.registration_attendance DROP COLUMN report_set_aside_another_meeting;
