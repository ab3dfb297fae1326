package com.polaris.kat.events.attendance;

/**
 * One reading of a participant report: the file (its SHA-256, hex) and the time zone its local times were read in (an IANA
 * id, as the import named it). The same file read in another zone is another reading (other times). Recorded on
 * {@code AttendanceRecorded} and {@code AttendanceCorrected} (revision 5) as the readings whose times make up a
 * registration's attendance on a class day.
 *
 * @param sourceFileSha256 the report file's SHA-256, 64 lower-case hex digits
 * @param timeZone         the IANA time zone the report's local times were read in
 */
public record ReportReading(String sourceFileSha256, String timeZone) {
}
