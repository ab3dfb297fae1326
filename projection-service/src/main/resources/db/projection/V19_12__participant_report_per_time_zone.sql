-- A participant report is one import per file and time zone: the same file read in another time zone has other times
-- (staff who imported it in the wrong zone import it again in the right one, and the attendance is corrected), so the
-- view lists both imports; before, the second was dropped by the key (class day, file).
ALTER TABLE projection.participant_report DROP CONSTRAINT participant_report_pkey;
ALTER TABLE projection.participant_report ADD PRIMARY KEY (class_day_id, source_file_sha256, time_zone);
