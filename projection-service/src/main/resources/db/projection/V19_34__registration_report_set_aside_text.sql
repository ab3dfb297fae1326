-- The read side's columns are TEXT: the command side bounds what it accepts (ViewColumnsTest). V19_33 declared three as
-- VARCHAR by mistake (V3's first shape of the attendance tables, which V19_16 made TEXT).
ALTER TABLE projection.registration_report_set_aside ALTER COLUMN registration_id TYPE TEXT;
ALTER TABLE projection.registration_report_set_aside ALTER COLUMN class_day_id TYPE TEXT;
ALTER TABLE projection.registration_report_set_aside ALTER COLUMN source_file_sha256 TYPE TEXT;
