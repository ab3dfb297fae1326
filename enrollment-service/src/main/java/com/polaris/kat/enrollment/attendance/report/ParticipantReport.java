package com.polaris.kat.enrollment.attendance.report;

import com.polaris.kat.enrollment.rules.Refusal;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A video platform's participant report, as Zoom's meeting report exports it (issue 17): CSV
 * (RFC 4180, read with Apache Commons CSV), UTF-8 with or without a byte-order mark, optionally a
 * header block (the meeting's own summary table) above the participants' table, whose header row
 * names at least {@code Name…}, {@code …Email}, {@code Join Time} and {@code Leave Time}. One row
 * per join/leave segment; a person who drops and rejoins has several rows; a guest may have no
 * e-mail address. Times are local date-times in the account's time zone (given with the upload),
 * in the report's own format: {@code 12/18/2023 08:58:03 AM} (Zoom's US format), also without
 * seconds, in 24-hour form, or ISO-like {@code 2023-12-18 08:58:03}.
 * <p>
 * A malformed file is refused whole, naming the line and the reason; nothing is read from it.
 */
public final class ParticipantReport {

    /** At most this many participant rows: a class day of 30 people reconnecting often, with room. */
    public static final int MAX_ROWS = 5_000;

    /**
     * One row of the participants' table: its line in the file, name and e-mail as written, the segment (UTC), and whether the
     * report marks it as time in the meeting's waiting room ({@code In Waiting Room: Yes}), which is not presence: the person
     * was not admitted yet (a fresh reviewer's participant kept in the waiting room all day earned 8 CE hours).
     */
    public record Row(long line, String name, String email, Instant joinedAt, Instant leftAt, boolean inWaitingRoom) {

        /** A row of time in the meeting (no waiting-room column, or {@code No}). */
        public Row(long line, String name, String email, Instant joinedAt, Instant leftAt) {
            this(line, name, email, joinedAt, leftAt, false);
        }

        /** Whether the row shows time in the meeting: admitted (not in the waiting room) and longer than no time at all. */
        public boolean presence() {
            return !inWaitingRoom && leftAt.isAfter(joinedAt);
        }
    }

    /** The rows and the file's SHA-256 (hex, of the bytes as uploaded). */
    public record Parsed(String sha256, List<Row> rows) {
    }

    private static final List<DateTimeFormatter> FORMATS = List.of(
            pattern("M/d/uuuu h:mm:ss a"), pattern("M/d/uuuu h:mm a"), pattern("M/d/uuuu H:mm:ss"), pattern("M/d/uuuu H:mm"),
            pattern("uuuu-MM-dd HH:mm:ss"), pattern("uuuu-MM-dd HH:mm"), pattern("uuuu-MM-dd'T'HH:mm:ss"));

    /**
     * A format read strictly: a day that its month does not have (02/30/2023) or an hour out of range is refused, not
     * moved to the month's last day as the default resolver does (a fresh reviewer's corrupted row was read as 02/28).
     */
    private static DateTimeFormatter pattern(String p) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p).toFormatter(Locale.US)
                .withResolverStyle(java.time.format.ResolverStyle.STRICT);
    }

    private ParticipantReport() {
    }

    /**
     * Reads a report.
     *
     * @param file the file's bytes
     * @param zone the time zone the report's times are in
     * @throws Refusal participant-report-invalid (422), naming the line and the reason
     */
    public static Parsed parse(byte[] file, ZoneId zone) {
        String text = decode(file).replaceFirst("^\uFEFF", "");
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true).get())) {
            Columns columns = null;
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (columns == null) {
                    columns = Columns.of(record);
                    continue;
                }
                if (record.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (rows.size() == MAX_ROWS) {
                    throw invalid(line, "the report has more than " + MAX_ROWS + " participant rows");
                }
                rows.add(columns.row(record, line, zone));
            }
            if (columns == null) {
                throw invalid(parser.getCurrentLineNumber(), "no participants' table: no header row naming Name, Email, Join Time and Leave Time"
                        + separatorHint(text));
            }
            if (rows.isEmpty()) {
                throw invalid(parser.getCurrentLineNumber(), "the participants' table has no rows");
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            Throwable cause = e instanceof java.io.UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
            throw Refusal.invalid("participant-report-invalid", "The report is not readable CSV (" + cause.getMessage()
                    + "; a quoted cell must end with a quote). Nothing was imported.");
        }
        return new Parsed(sha256(file), List.copyOf(rows));
    }

    /** How far a row's Duration may differ from its Join Time to Leave Time: whole minutes, and times perhaps shown without seconds. */
    static final int DURATION_SLACK_MINUTES = 2;

    /**
     * Where the needed columns are, from the participants' table's header row; {@code duration} is the optional
     * {@code Duration (Minutes)} column (-1 when the table has none).
     */
    private record Columns(int name, int email, int join, int leave, int duration, int waitingRoom) {

        /** The header row, or null when this record is part of the block above the table. */
        static Columns of(CSVRecord r) {
            int name = -1, email = -1, join = -1, leave = -1, duration = -1, waitingRoom = -1;
            for (int i = 0; i < r.size(); i++) {
                String h = r.get(i).strip().toLowerCase(Locale.ROOT);
                if (name < 0 && h.startsWith("name")) name = i;
                else if (email < 0 && h.contains("email")) email = i;
                else if (join < 0 && h.equals("join time")) join = i;
                else if (leave < 0 && h.equals("leave time")) leave = i;
                else if (duration < 0 && (h.contains("duration") || h.startsWith("time in session"))) duration = i;
                else if (waitingRoom < 0 && h.contains("waiting room")) waitingRoom = i;
            }
            return name >= 0 && email >= 0 && join >= 0 && leave >= 0 ? new Columns(name, email, join, leave, duration, waitingRoom) : null;
        }

        /**
         * A row whose Duration (minutes online, as the platform counted them) differs by more than
         * {@value #DURATION_SLACK_MINUTES} minutes (whole minutes counted, times perhaps shown without seconds) from the time from
         * its Join Time to its Leave Time does not show one stretch online: Zoom's "Show unique users" export joins each
         * person's sessions into one row (first join, last leave, total duration), which hides the time away (a Duration
         * short of the span), and adds up the minutes of two devices (a Duration beyond it), so the file is refused whole. A
         * fresh reviewer's such row (298 minutes in a 478-minute span) earned a full day's CE hours; the next one's two
         * devices (540 minutes in a 480-minute span) and a "Total Duration (Minutes)" header passed. An empty cell is not
         * checked; the column is the first whose header names a duration or "time in session".
         */
        private void checkDuration(CSVRecord r, long line, Instant joined, Instant left) {
            if (duration < 0 || duration >= r.size() || r.get(duration).isBlank()) {
                return;
            }
            String cell = r.get(duration).strip();
            double minutes;
            try {
                minutes = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw invalid(line, "Duration (Minutes) '" + (cell.length() > 20 ? cell.substring(0, 20) + "…" : cell) + "' is not a number of minutes");
            }
            if (!Double.isFinite(minutes) || minutes < 0) {
                throw invalid(line, "Duration (Minutes) '" + cell + "' is not a number of minutes");
            }
            double span = java.time.Duration.between(joined, left).getSeconds() / 60.0;
            if (minutes + DURATION_SLACK_MINUTES < span || minutes > span + DURATION_SLACK_MINUTES) {
                throw invalid(line, "its Duration (" + cell + " minutes) is " + (minutes < span ? "less" : "more") + " than the "
                        + (long) Math.floor(span) + " minutes from its Join Time to its Leave Time, so the row does not show one stretch online:"
                        + " the report was exported with \"Show unique users\", which joins each person's sessions (and devices) into one row"
                        + " and hides the time away; export it again without that option");
            }
        }

        Row row(CSVRecord r, long line, ZoneId zone) {
            int needed = Math.max(Math.max(name, email), Math.max(join, leave)) + 1;
            if (r.size() < needed) {
                // the columns the import reads, not the header's count (a fresh reviewer's 7-column header read "names 4")
                throw invalid(line, "the row has " + r.size() + " cells; it needs at least " + needed
                        + " to reach the header's name, e-mail, join time and leave time columns");
            }
            Instant joined = time(r.get(join), line, "Join Time", zone);
            Instant left = time(r.get(leave), line, "Leave Time", zone);
            if (left.isBefore(joined)) {
                throw invalid(line, "Leave Time (" + r.get(leave).strip() + ") is before Join Time (" + r.get(join).strip() + ")");
            }
            checkDuration(r, line, joined, left);
            String waiting = waitingRoom >= 0 && waitingRoom < r.size() ? r.get(waitingRoom).strip().toLowerCase(Locale.ROOT) : "";
            return new Row(line, storable(r.get(name).strip(), line, "Name"), storable(r.get(email).strip(), line, "Email"), joined, left,
                    waiting.equals("yes") || waiting.equals("y") || waiting.equals("true"));
        }

        /**
         * A cell the import keeps (name, e-mail) holds text every request may carry ({@code web/StorableText}: no control
         * character, noncharacter, unpaired surrogate or bidirectional override), on one line (no tab, line break or line
         * separator), and, unless empty, something that draws ({@code InvisibleCharacters.blank}). Otherwise it is kept as
         * the participant chose it: a screen name may be an emoji, "?", a flag or carry a right-to-left mark. Reason: fresh
         * reviewers' NUL, U+202E, DEL, U+009B, U+2028, quoted line break and U+200B- or U+3164-only names were imported, and
         * a registration's stricter name rule refused whole real reports over one guest's emoji name.
         */
        private static String storable(String cell, long line, String column) {
            String problem = com.polaris.kat.enrollment.web.StorableText.problem(cell);
            if (problem != null) {
                throw invalid(line, "the " + column + " cell: " + problem);
            }
            if (cell.codePoints().anyMatch(c -> c == '\t' || c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029)) {
                throw invalid(line, "the " + column + " cell holds a tab or a line break; a name or an address is one line");
            }
            if (!cell.isEmpty() && com.polaris.kat.security.strict.InvisibleCharacters.blank(cell)) {
                throw invalid(line, "the " + column + " cell draws nothing (only characters such as U+200B or U+3164); leave it empty"
                        + " or put the name there");
            }
            return cell;
        }
    }

    private static Instant time(String value, long line, String column, ZoneId zone) {
        String v = value.strip();
        for (DateTimeFormatter f : FORMATS) {
            try {
                return LocalDateTime.parse(v, f).atZone(zone).toInstant();
            } catch (DateTimeException notThisFormat) {
                // next format
            }
        }
        String shown = column + " '" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'";
        for (DateTimeFormatter f : FORMATS) {
            try {
                LocalDateTime.parse(v, f.withResolverStyle(java.time.format.ResolverStyle.SMART));
                // in the form, but a day its month does not have or an hour out of range (a fresh reviewer: "02/30/2023 09:00 AM"
                // was told it was not "like 12/18/2023 08:58:03 AM")
                throw invalid(line, shown + " is not a date and time that exists (a day its month does not have, or an hour out of range)");
            } catch (DateTimeException notThisFormat) {
                // next format
            }
        }
        throw invalid(line, shown + " is not a date and time like 12/18/2023 08:58:03 AM or 2023-12-18 08:58:03");
    }

    /**
     * When the file's columns are separated by semicolons or tabs (a spreadsheet's CSV in a locale whose decimal mark is a
     * comma, or "Text (Tab delimited)"), what to do instead; else nothing (a fresh reviewer's such file read only "no
     * participants' table").
     */
    static String separatorHint(String text) {
        for (String line : text.split("\\R")) {
            String l = line.toLowerCase(Locale.ROOT);
            if (l.contains("join time") && l.contains("leave time")) {
                if (line.contains(";")) {
                    return " (its columns are separated by semicolons: export it as CSV with commas)";
                }
                if (line.contains("\t")) {
                    return " (its columns are separated by tabs: export it as CSV with commas)";
                }
            }
        }
        return "";
    }

    private static Refusal invalid(long line, String reason) {
        return Refusal.invalid("participant-report-invalid", "Line " + line + ": " + reason + ". Nothing was imported.");
    }

    private static String decode(byte[] file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
        } catch (CharacterCodingException e) {
            // where: its line and byte (a fresh reviewer's encoded surrogate was refused without either)
            if (file.length >= 2 && ((file[0] & 0xFF) == 0xFF && (file[1] & 0xFF) == 0xFE || (file[0] & 0xFF) == 0xFE && (file[1] & 0xFF) == 0xFF)) {
                // a UTF-16 byte order mark: Excel's "Unicode Text" (a fresh reviewer's file was refused at "byte 0xFF", which named no cause)
                throw Refusal.invalid("participant-report-invalid", "The report is UTF-16 text (as Excel's \"Unicode Text\" saves it); export it"
                        + " as CSV in UTF-8 (Excel: \"CSV UTF-8 (Comma delimited)\"). Nothing was imported.");
            }
            int bad = com.polaris.kat.security.Utf8JsonBodies.firstNotUtf8(file);
            if (bad < 0) {
                throw Refusal.invalid("participant-report-invalid", "The report is not UTF-8 text (export it as CSV). Nothing was imported.");
            }
            long line = 1; // as the CSV reader counts: a line ends at LF, CR or CR LF (a fresh reviewer's CR-only file read line 1)
            for (int i = 0; i < bad; i++) {
                if (file[i] == '\n' || file[i] == '\r' && (i + 1 >= file.length || file[i + 1] != '\n')) {
                    line++;
                }
            }
            throw Refusal.invalid("participant-report-invalid", "Line " + line + ": the report is not UTF-8 text there (the byte at offset " + bad
                    + ", 0x" + String.format("%02X", file[bad] & 0xFF) + ", does not belong to a UTF-8 character); export it as CSV"
                    + " in UTF-8 (a spreadsheet's plain \"CSV\" is saved in the computer's code page, such as Windows-1252: choose"
                    + " \"CSV UTF-8\"). Nothing was imported.");
        }
    }

    static String sha256(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
