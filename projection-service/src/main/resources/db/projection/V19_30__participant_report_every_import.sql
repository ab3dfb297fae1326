-- Every import of a participant report is listed, and whether staff imported it as another meeting of the day (event
-- revision 3). The class day now records a file imported again in the same time zone as another meeting (its times added
-- back after another report replaced them) as an import of its own; the key (class day, file, time zone) would drop it.
-- Keyed now by the event's position (a redelivery changes nothing). added_to_recorded: null for imports recorded before
-- revision 3 (not recorded then).
ALTER TABLE projection.participant_report DROP CONSTRAINT participant_report_pkey;
ALTER TABLE projection.participant_report ADD PRIMARY KEY (class_day_id, position);
ALTER TABLE projection.participant_report ADD COLUMN added_to_recorded BOOLEAN;
