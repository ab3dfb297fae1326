-- A participant report whose times contradicted staff's record by hand (ParticipantReportSetAside, new 2026-12-07): the
-- latest one beside the record it was set aside against, for the roster to show what the platform's log said; emptied when
-- staff record or correct the day again. No events of that type were written before this migration.
ALTER TABLE projection.registration_attendance ADD COLUMN report_set_aside_sha256 TEXT;
ALTER TABLE projection.registration_attendance ADD COLUMN report_set_aside_time_zone TEXT;
ALTER TABLE projection.registration_attendance ADD COLUMN report_set_aside_segments TEXT;
ALTER TABLE projection.registration_attendance ADD COLUMN report_set_aside_another_meeting BOOLEAN;
