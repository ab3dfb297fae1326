-- Each import says how many attendees it named and left as recorded because staff's record by hand or a later report
-- stands (attendees_superseded), and whether staff asked that the report stand again where a later one had replaced it
-- (reinstated); event revision 5 of ParticipantReportImported. Both null for imports recorded before (not recorded then).
ALTER TABLE projection.participant_report ADD COLUMN attendees_superseded INTEGER;
ALTER TABLE projection.participant_report ADD COLUMN reinstated BOOLEAN;
