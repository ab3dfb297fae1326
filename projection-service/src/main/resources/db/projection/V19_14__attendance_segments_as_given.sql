-- The joined/left segments as the check-in, correction or participant report gave them, when some overlapped and were
-- merged into "segments" (AttendanceRecorded / AttendanceCorrected revision 3, segmentsAsGiven), in the same
-- "joinedAt/leftAt;…" form; NULL when nothing was merged. The roster and the attendance read show them beside the merged
-- segments, so a confirmed overlap is visible where staff work, not only in the audit trail.
-- Filled by the registrations projection from now on; rows projected before this migration get them on the next rebuild.
ALTER TABLE projection.registration_attendance ADD COLUMN segments_as_given TEXT;
