-- Whether the day was attended in full by the CE rule in force when the attendance was recorded or corrected
-- (AttendanceRecorded / AttendanceCorrected revision 4, inFull): the rule's grace and allowed absence (minutes), late
-- arrival and early departure beyond the grace, the seconds away between segments within the day, and what fell short in
-- the CE decision's words ("; "-separated, '' when in full). in_full_grace_minutes NULL: not recorded (events of
-- revisions 1 to 3). The roster gives these as the enrollment service judged them; the staff console had worked "late"
-- and "away" out again with a fixed 10-minute grace.
-- Filled by the registrations projection from now on; rows projected before this migration get them on the next rebuild.
ALTER TABLE projection.registration_attendance
    ADD COLUMN in_full_grace_minutes INTEGER,
    ADD COLUMN in_full_allowed_absence_minutes INTEGER,
    ADD COLUMN late_arrival BOOLEAN,
    ADD COLUMN early_departure BOOLEAN,
    ADD COLUMN seconds_away BIGINT,
    ADD COLUMN short_of_full TEXT;
