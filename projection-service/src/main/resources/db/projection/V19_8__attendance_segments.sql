-- The roster shows every joined/left segment of a class day (AttendanceRecorded/AttendanceCorrected revision 2
-- carry them; a person away 12:00-12:30 has two) and whether a module's CE was withdrawn (ModuleCeCreditRevoked),
-- so staff-console never shows a person away half an hour as present in full. Filled by the registrations
-- projection from now on; rows projected before this migration get them on the projection's next rebuild.
ALTER TABLE projection.registration_attendance ADD COLUMN segments TEXT;
ALTER TABLE projection.registration_module ADD COLUMN ce_withdrawn BOOLEAN NOT NULL DEFAULT FALSE;
