package com.polaris.kat.projection.ceroster;

import com.polaris.kat.projection.web.BadQuery;
import com.polaris.kat.projection.web.Csv;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CE roster boards and accreditors ask for: one row per completed module (CE hours earned
 * and not withdrawn) per clinician, for one series or a period of class dates, with the
 * certificate code of the registration's valid certificate when its series is complete.
 * Reads the transcripts view (modules, certificates) and the registrations view (name,
 * profession, license).
 */
@Repository
public class CeRosterQueries {

    /** The views the roster reads. */
    public static final List<String> READS = List.of("transcripts", "registrations");

    static final List<String> HEADER = List.of("series", "name", "profession", "license_number", "license_state", "module_code",
            "module_title", "date", "ce_hours", "certificate_code");

    /**
     * RFC 4180 (CRLF, quotes doubled) with every cell quoted, so a spreadsheet that splits on ";" or
     * "," keeps each cell whole; cells a spreadsheet would run as a formula are guarded ({@link Csv#formulaSafe}).
     */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).get();

    private final JdbcTemplate jdbc;

    public CeRosterQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Which modules: those of one series, or with a class date in [from, to), or both.
     *
     * @param seriesId e.g. "series-20", or null
     * @param from     first class date included (ISO), with {@code to}, the first date excluded
     */
    public record Filter(String seriesId, LocalDate from, LocalDate to) {

        /**
         * @throws BadQuery (400 invalid-query) neither a series nor a whole period (no {@code parameter}: either
         *                  would do), one bound of a period missing or not an ISO date (YYYY-MM-DD) ({@code parameter}
         *                  names it), or {@code from} not before {@code to} ({@code parameter} "to")
         */
        public static Filter parse(String seriesId, String from, String to) {
            boolean series = BadQuery.given("seriesId", seriesId, false) != null;
            boolean period = BadQuery.given("from", from, false) != null | BadQuery.given("to", to, false) != null;
            if (!series && !period) {
                throw new BadQuery("Name a series (seriesId=series-20) or a period of class dates (from=2023-01-01&to=2024-01-01, to excluded).");
            }
            LocalDate f = null;
            LocalDate t = null;
            if (period) {
                // a bound given is read first: "to=bad" alone is about to, not only about the missing from
                f = from == null ? null : isoDate("from", from);
                t = to == null ? null : isoDate("to", to);
                if (f == null || t == null) {
                    String missing = f == null ? "from" : "to";
                    throw new BadQuery(missing, "A period needs both from and to (ISO dates, to excluded); " + missing + " is missing.");
                }
                if (!f.isBefore(t)) {
                    // named at the later bound, the one a client moves (a fresh reviewer's: the refusal named no parameter)
                    throw new BadQuery("to", "to (" + t + ") must be after from (" + f + "): to is excluded.");
                }
            }
            return new Filter(series ? seriesId : null, f, t);
        }

        private static LocalDate isoDate(String name, String value) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new BadQuery(name, name + " must be an ISO date (YYYY-MM-DD), not '" + BadQuery.shown(value) + "'.");
            }
        }
    }

    /** The roster as CSV text (header row first), rows by series, name, date and module. */
    public String csv(Filter filter) {
        StringBuilder sql = new StringBuilder("""
                SELECT s.series_number, r.full_name, r.profession, r.license_number, r.license_state, t.module_code, t.module_title,
                       t.class_date, t.ce_hours,
                       (SELECT c.code FROM projection.certificate c JOIN projection.certificate_line l ON l.code = c.code
                        WHERE c.registration_id = t.registration_id AND c.status = 'VALID' AND l.module_code = t.module_code) AS certificate_code
                FROM projection.transcript_module t
                JOIN projection.certificate_series s ON s.series_id = t.series_id
                LEFT JOIN projection.registration r ON r.registration_id = t.registration_id
                WHERE t.status = 'EARNED'""");
        List<Object> args = new ArrayList<>();
        if (filter.seriesId() != null) {
            sql.append(" AND t.series_id = ?");
            args.add(filter.seriesId());
        }
        if (filter.from() != null) {
            sql.append(" AND t.class_date >= ? AND t.class_date < ?");
            args.add(filter.from());
            args.add(filter.to());
        }
        sql.append(" ORDER BY s.series_number, r.full_name, t.registration_id, t.class_date, t.module_code");
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            csv.printRecord(HEADER);
            jdbc.query(sql.toString(), rs -> {
                try {
                    csv.printRecord("Series " + rs.getInt("series_number"), text(rs.getString("full_name")), text(rs.getString("profession")),
                            text(rs.getString("license_number")), text(rs.getString("license_state")), text(rs.getString("module_code")),
                            text(rs.getString("module_title")), rs.getDate("class_date").toLocalDate().toString(),
                            hours(rs.getBigDecimal("ce_hours")), text(rs.getString("certificate_code")));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, args.toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String text(String s) {
        return s == null ? "" : Csv.formulaSafe(s);
    }

    private static String hours(BigDecimal h) {
        return h.stripTrailingZeros().toPlainString();
    }
}
