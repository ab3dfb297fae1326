package com.polaris.kat.projection.participantreports;

import com.polaris.kat.projection.web.NotFound;
import com.polaris.kat.projection.web.Page;
import com.polaris.kat.projection.web.PageParams;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Reads {@link ParticipantReportProjection}'s tables. */
@Component
public class ParticipantReportQueries {

    /** Rows set aside from a report: the report's line numbers, why, by whom and when (UTC). */
    @Schema(description = "Rows of a participant report set aside: line numbers, the reason, who and when (UTC).")
    public record SetAside(@Schema(example = "[11]") List<Long> lines, @Schema(example = "an observer from the accreditor, not a participant") String reason,
                           @Schema(example = "attendance") String setAsideBy, @Schema(example = "2026-12-07T18:40:00Z") Instant setAsideAt) {
    }

    /**
     * A participant report imported for a class day: the file's SHA-256, the zone its times were read
     * in, counts, the unmatched lines still open (null when the import did not record them), the
     * rows set aside since, oldest first, whether it was imported as another meeting of the day
     * (null when the import did not record it), how many attendees it left as recorded (a record by hand or a later report
     * standing) and whether staff asked that it stand again (both null when the import did not record them).
     */
    @Schema(description = "A participant report imported for a class day: counts, unmatched lines still open (null: not recorded), rows set aside.")
    public record ImportedReport(@Schema(example = "3f2a…64 hex digits") String sourceFileSha256,
                                 @Schema(example = "America/Los_Angeles") String timeZone,
                                 @Schema(example = "9") int rows, @Schema(example = "4") int attendeesRecorded,
                                 @Schema(example = "0") int attendeesCorrected, @Schema(example = "0") int attendeesUnchanged,
                                 @Schema(example = "1") int rowsUnmatched,
                                 @Schema(description = "unmatched lines not yet set aside; null for an import that did not record them", example = "[]")
                                 List<Long> unmatchedLinesOpen,
                                 List<SetAside> setAside,
                                 @Schema(types = {"boolean", "null"}, description = "true when staff imported the report as another meeting of the"
                                         + " day: its times were added to those recorded, and attendeesCorrected counts the attendees whose times"
                                         + " were added; false when a report that differed from the record replaced it; null for an import"
                                         + " recorded before this was (the enrollment service's event revision 3)", example = "false")
                                 Boolean addedToRecorded,
                                 @Schema(example = "attendance") String importedBy, @Schema(example = "2026-12-07T18:30:00Z") Instant importedAt,
                                 @Schema(types = {"integer", "null"}, description = "attendees the report named and left as recorded because staff's"
                                         + " record by hand or a later report stands (SUPERSEDED in the import's answer); null for an import"
                                         + " recorded before this was (event revision 5)", example = "0")
                                 Integer attendeesSuperseded,
                                 @Schema(types = {"boolean", "null"}, description = "true when staff asked that the report stand again where a"
                                         + " later report had replaced it (reinstate); null for an import recorded before this was", example = "false")
                                 Boolean reinstated) {
    }

    private final JdbcTemplate jdbc;

    public ParticipantReportQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The reports imported for a class day, newest first (a page).
     *
     * @throws NotFound (404 not-found) when the catalog has no such class day
     */
    public Page<ImportedReport> reports(String classDayId, PageParams p) {
        Integer days = jdbc.queryForObject("SELECT count(*) FROM projection.catalog_class_day WHERE class_day_id = ?", Integer.class, classDayId);
        if (days == null || days == 0) {
            throw new NotFound("There is no class day " + classDayId + ".");
        }
        long total = jdbc.queryForObject("SELECT count(*) FROM projection.participant_report WHERE class_day_id = ?", Long.class, classDayId);
        List<ImportedReport> items = jdbc.query("""
                SELECT source_file_sha256, time_zone, rows_read, attendees_recorded, attendees_corrected, attendees_unchanged,
                       rows_unmatched, unmatched_lines, imported_by, imported_at, added_to_recorded, attendees_superseded, reinstated
                FROM projection.participant_report WHERE class_day_id = ? ORDER BY position DESC LIMIT ? OFFSET ?""",
                (rs, i) -> {
                    String sha = rs.getString(1);
                    List<SetAside> setAside = setAside(classDayId, sha);
                    List<Long> unmatched = longs(rs.getArray(8));
                    List<Long> open = unmatched == null ? null : unmatched.stream()
                            .filter(l -> setAside.stream().noneMatch(s -> s.lines().contains(l))).toList();
                    return new ImportedReport(sha, rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7),
                            open, setAside, (Boolean) rs.getObject(11), rs.getString(9), rs.getTimestamp(10).toInstant(),
                            (Integer) rs.getObject(12), (Boolean) rs.getObject(13));
                }, classDayId, p.size(), p.offset());
        return p.page(items, total);
    }

    private List<SetAside> setAside(String classDayId, String sha) {
        return jdbc.query("""
                SELECT lines, reason, set_aside_by, set_aside_at FROM projection.participant_report_rows_ignored
                WHERE class_day_id = ? AND source_file_sha256 = ? ORDER BY position""",
                (rs, i) -> new SetAside(longs(rs.getArray(1)), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()), classDayId, sha);
    }

    private static List<Long> longs(Array array) throws SQLException {
        return array == null ? null : Arrays.stream((Long[]) array.getArray()).toList();
    }
}
