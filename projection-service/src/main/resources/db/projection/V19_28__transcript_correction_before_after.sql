-- An attendance correction in a transcript's history carries the attendance it replaced and the attendance it recorded
-- (product rules: the transcript lists the modules "with the history of corrections"; a fresh reviewer found the rows gave
-- the reason and who, not what changed, which only the audit trail held). Each side is the segments in the
-- "joinedAt/leftAt;…" form (UTC instants), or the minutes present, and how it was verified.
-- transcript_attendance: the attendance of a registration on a class day as the transcripts projection last saw it
-- (AttendanceRecorded, then each AttendanceCorrected), so that a correction's row can say what it replaced.
-- Filled by the transcripts projection from now on: a correction of attendance recorded before this migration reads its
-- before side NULL ("not known here"), and rows projected before read both sides NULL, until that projection's next rebuild.
CREATE TABLE projection.transcript_attendance (
    registration_id TEXT NOT NULL,
    class_day_id    TEXT NOT NULL,
    segments        TEXT,
    minutes_present INTEGER,
    verification    TEXT NOT NULL,
    PRIMARY KEY (registration_id, class_day_id)
);
ALTER TABLE projection.transcript_history
    ADD COLUMN before_segments TEXT, ADD COLUMN before_minutes_present INTEGER, ADD COLUMN before_verification TEXT,
    ADD COLUMN after_segments TEXT, ADD COLUMN after_minutes_present INTEGER, ADD COLUMN after_verification TEXT;
-- V19_27's policy version unbounded, as every view column is (ViewColumnsTest; V19_16).
ALTER TABLE projection.registration ALTER COLUMN refund_policy_version TYPE TEXT;
