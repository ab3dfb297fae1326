package com.polaris.kat.enrollment.attendance.report;

import com.polaris.kat.enrollment.rules.Refusal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading Zoom's participant report: the table below its header block, its time formats, and the refusals. */
class ParticipantReportTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    private static ParticipantReport.Parsed parse(String text) {
        return ParticipantReport.parse(text.getBytes(StandardCharsets.UTF_8), LA);
    }

    /** The README's example file (docs/examples/m1-report.csv) reads as the demo's M1 day: Ada's two rows, Ben's, a guest's. */
    @Test
    void theReadmesExampleReportReadsAsTheDemosFirstDay() throws Exception {
        byte[] file = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("../docs/examples/m1-report.csv"));
        ParticipantReport.Parsed parsed = ParticipantReport.parse(file, ZoneId.of("America/Los_Angeles"));
        assertThat(parsed.rows()).extracting(r -> r.line() + " " + r.email() + " " + r.joinedAt() + " " + r.leftAt())
                .containsExactly("5 ada.demo@example.org 2023-10-10T16:04:03Z 2023-10-10T19:30:15Z",
                        "6 ada.demo@example.org 2023-10-10T19:36:00Z 2023-10-11T00:00:09Z",
                        "7 ben.demo@example.org 2023-10-10T16:25:00Z 2023-10-11T00:00:00Z",
                        "8  2023-10-10T16:02:00Z 2023-10-10T23:30:00Z");
    }

    @Test
    void theParticipantsTableIsFoundBelowTheHeaderBlockAndItsTimesAreReadInTheGivenZone() {
        ParticipantReport.Parsed p = parse("\uFEFFMeeting ID,Topic,Start Time\n1,KAT,12/18/2023 08:50:00 AM\n\n"
                + "Name (original name),Email,Join time,Leave time,Duration (minutes)\n"
                + "\"Müller, Ana\",ana@example.org,12/18/2023 8:58:03 am,12/18/2023 12:01 PM,184\n"
                + "Bo,bo@example.org,2023-12-18 13:00:00,2023-12-18 17:00:00,240\n\n");
        assertThat(p.rows()).hasSize(2);
        assertThat(p.rows().get(0)).isEqualTo(new ParticipantReport.Row(5, "Müller, Ana", "ana@example.org",
                Instant.parse("2023-12-18T16:58:03Z"), Instant.parse("2023-12-18T20:01:00Z")));
        assertThat(p.rows().get(1).leftAt()).isEqualTo(Instant.parse("2023-12-19T01:00:00Z"));
        assertThat(p.sha256()).hasSize(64);
    }

    /** A date its month does not have, or an hour out of range, is refused, not moved (02/30 had been read as 02/28). */
    @Test
    void aDayOrHourThatDoesNotExistIsRefusedNotMoved() {
        for (String bad : new String[]{"02/30/2023 09:00 AM", "04/31/2023 09:00:00 AM", "2023-02-29 09:00:00", "13/01/2023 09:00 AM",
                "12/18/2023 13:00 PM", "12/18/2023 24:00", "2023-12-18 09:60"}) {
            assertThatThrownBy(() -> parse("Name,User Email,Join Time,Leave Time\nA,a@x.org," + bad + ",12/18/2023 10:00 AM\n"))
                    .as(bad).isInstanceOf(Refusal.class).hasMessageContaining("Line 2: Join Time '" + bad + "' is not a date and time");
        }
        // in the form but not on the calendar: said so, not "not like 12/18/2023 08:58:03 AM"
        for (String bad : new String[]{"02/30/2023 09:00 AM", "04/31/2023 09:00:00 AM", "2023-02-29 09:00:00"}) {
            assertThatThrownBy(() -> parse("Name,User Email,Join Time,Leave Time\nA,a@x.org," + bad + ",12/18/2023 10:00 AM\n"))
                    .as(bad).isInstanceOf(Refusal.class).hasMessageContaining("Line 2: Join Time '" + bad + "' is not a date and time that"
                            + " exists (a day its month does not have, or an hour out of range)");
        }
        // what exists still reads: a leap day, noon and midnight on a 12-hour clock
        assertThat(parse("Name,User Email,Join Time,Leave Time\nA,a@x.org,02/29/2024 12:00 AM,02/29/2024 12:30:00 PM\n").rows().get(0))
                .extracting(ParticipantReport.Row::joinedAt, ParticipantReport.Row::leftAt)
                .containsExactly(Instant.parse("2024-02-29T08:00:00Z"), Instant.parse("2024-02-29T20:30:00Z"));
    }

    /**
     * A spreadsheet's other exports are refused naming what they are and what to choose instead (a fresh reviewer's UTF-16 file
     * was refused at "byte 0xFF", and a semicolon-separated one as having "no participants' table"), nothing imported.
     */
    @Test
    void aUtf16OrSemicolonOrTabSeparatedExportIsRefusedSayingWhatItIs() {
        byte[] utf16 = "\uFEFFName,User Email,Join Time,Leave Time\r\n".getBytes(StandardCharsets.UTF_16LE);
        assertThatThrownBy(() -> ParticipantReport.parse(utf16, LA)).isInstanceOf(Refusal.class)
                .hasMessageContaining("The report is UTF-16 text").hasMessageContaining("CSV UTF-8").hasMessageContaining("Nothing was imported");
        byte[] utf16be = "\uFEFFName".getBytes(StandardCharsets.UTF_16BE);
        assertThatThrownBy(() -> ParticipantReport.parse(utf16be, LA)).isInstanceOf(Refusal.class).hasMessageContaining("The report is UTF-16 text");
        byte[] windows1252 = "Name,User Email,Join Time,Leave Time\nRen\u00e9,r@x.org,12/18/2023 09:00 AM,12/18/2023 10:00 AM\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1252"));
        assertThatThrownBy(() -> ParticipantReport.parse(windows1252, LA)).isInstanceOf(Refusal.class)
                .hasMessageContaining("Line 2: the report is not UTF-8 text there").hasMessageContaining("Windows-1252");
        assertThatThrownBy(() -> parse("Name;User Email;Join Time;Leave Time\nA;a@x.org;12/18/2023 09:00 AM;12/18/2023 10:00 AM\n"))
                .isInstanceOf(Refusal.class).hasMessageContaining("no participants' table")
                .hasMessageContaining("its columns are separated by semicolons: export it as CSV with commas");
        assertThatThrownBy(() -> parse("Name\tUser Email\tJoin Time\tLeave Time\nA\ta@x.org\t12/18/2023 09:00 AM\t12/18/2023 10:00 AM\n"))
                .isInstanceOf(Refusal.class).hasMessageContaining("its columns are separated by tabs");
        assertThatThrownBy(() -> parse("Topic,Start\nKAT,12/18/2023\n")).isInstanceOf(Refusal.class)
                .hasMessageEndingWith("no header row naming Name, Email, Join Time and Leave Time. Nothing was imported.");
    }

    @Test
    void aRowThatCannotBeReadRefusesTheWholeFileNamingItsLine() {
        assertThatThrownBy(() -> parse("Name,User Email,Join Time,Leave Time\nA,a@x.org,12/18/2023 09:00 AM,yesterday\n"))
                .isInstanceOf(Refusal.class).hasMessageContaining("Line 2").hasMessageContaining("Leave Time 'yesterday'");
        assertThatThrownBy(() -> parse("Name,User Email,Join Time,Leave Time\nA,a@x.org,12/18/2023 09:00 AM\n"))
                .isInstanceOf(Refusal.class).hasMessageContaining("Line 2").hasMessageContaining("cells");
        // a 7-column header: the message names the columns the import needs, not a wrong header count (a fresh reviewer's "names 4")
        assertThatThrownBy(() -> parse("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,In Waiting Room\nA,a@x.org\n"))
                .isInstanceOf(Refusal.class).hasMessageContaining("the row has 2 cells; it needs at least 4 to reach the header's name, "
                        + "e-mail, join time and leave time columns");
        assertThatThrownBy(() -> parse("Name,User Email,Join Time,Leave Time\n"))
                .isInstanceOf(Refusal.class).hasMessageContaining("no rows");
        assertThatThrownBy(() -> parse("Name,User Email,Join Time,Leave Time\n\"A,a@x.org,12/18/2023 09:00 AM,12/18/2023 10:00 AM\n"))
                .isInstanceOf(Refusal.class).hasMessageContaining("not readable CSV").hasMessageNotContaining("org.apache")
                .hasMessageContaining("Nothing was imported");
        assertThatThrownBy(() -> ParticipantReport.parse(new byte[]{(byte) 0xC3, (byte) 0x28}, LA))
                .isInstanceOf(Refusal.class).hasMessageContaining("Line 1: the report is not UTF-8 text there (the byte at offset 0, 0xC3");
        // an encoded surrogate on the second line is named there (a fresh reviewer's refusal named no line)
        byte[] head = "Name,User Email,Join Time,Leave Time\nA".getBytes(StandardCharsets.UTF_8);
        byte[] surrogate = java.util.Arrays.copyOf(head, head.length + 3);
        surrogate[head.length] = (byte) 0xED;
        surrogate[head.length + 1] = (byte) 0xA0;
        surrogate[head.length + 2] = (byte) 0x80;
        assertThatThrownBy(() -> ParticipantReport.parse(surrogate, LA)).isInstanceOf(Refusal.class)
                .hasMessageContaining("Line 2: the report is not UTF-8 text there (the byte at offset " + head.length + ", 0xED");
        // text no other request may carry is not imported either (a fresh reviewer's NUL and U+202E in guest names were kept)
        assertThatThrownBy(() -> parse("Name,User Email,Join Time,Leave Time\nA,a@x.org,12/18/2023 09:00 AM,12/18/2023 10:00 AM\n"
                + "Nul\u0000Guest,,12/18/2023 09:00 AM,12/18/2023 10:00 AM\n"))
                .isInstanceOf(Refusal.class).hasMessageContaining("Line 3: the Name cell: text may not contain control character U+0000");
        assertThatThrownBy(() -> parse("Name,User Email,Join Time,Leave Time\n\u202eGuest,g@x.org,12/18/2023 09:00 AM,12/18/2023 10:00 AM\n"))
                .isInstanceOf(Refusal.class).hasMessageContaining("Line 2: the Name cell: text may not contain the bidirectional control character U+202E");
        assertThatThrownBy(() -> parse("Name,User Email,Join Time,Leave Time\nGuest,g\u0007@x.org,12/18/2023 09:00 AM,12/18/2023 10:00 AM\n"))
                .isInstanceOf(Refusal.class).hasMessageContaining("Line 2: the Email cell: text may not contain control character U+0007");
        // nor what a registration's name may not hold (fresh reviewers' DEL, CSI, U+2028, a quoted line break, U+200B alone)
        for (String name : java.util.List.of("G\u007fuest", "G\u009buest", "Guest\u2028Evil", "\"Guest\nEvil\"", "\u200b", "G\tuest",
                "\u3164", "\uffa0\u115f")) {
            assertThatThrownBy(() -> parse("Name,User Email,Join Time,Leave Time\n" + name + ",g@x.org,12/18/2023 09:00 AM,12/18/2023 10:00 AM\n"))
                    .as(name).isInstanceOf(Refusal.class).hasMessageContaining(": the Name cell").hasMessageContaining("Nothing was imported");
        }
        assertThatThrownBy(() -> parse("Name,User Email,Join Time,Leave Time\nGuest,g\u009b@x.org,12/18/2023 09:00 AM,12/18/2023 10:00 AM\n"))
                .isInstanceOf(Refusal.class).hasMessageContaining("Line 2: the Email cell");
        // names in other scripts stay readable, and an empty name cell stays allowed (a guest who dialled in)
        assertThat(parse("Name,User Email,Join Time,Leave Time\nZoë Müller,z@x.org,12/18/2023 09:00 AM,12/18/2023 10:00 AM\n"
                + "王小明,w@x.org,12/18/2023 09:00 AM,12/18/2023 10:00 AM\nسارة,s@x.org,12/18/2023 09:00 AM,12/18/2023 10:00 AM\n"
                + ",,12/18/2023 09:00 AM,12/18/2023 10:00 AM\n").rows()).extracting(ParticipantReport.Row::name)
                .containsExactly("Zoë Müller", "王小明", "سارة", "");
        // a screen name is the participant's own: an emoji, a question mark, a flag, a right-to-left mark are kept as given
        // (a registration's name rule had refused whole real reports over one guest's name: a fresh reviewer's)
        java.util.List<String> screenNames = java.util.List.of("\uD83C\uDFA7", "\uD83D\uDC69\uD83C\uDFFD\u200D\u2695\uFE0F", "?", "...",
                "Ewan \uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F", "\u200F\u05D3\u05D5\u05D3", "Ma\u00ADria");
        StringBuilder report = new StringBuilder("Name,User Email,Join Time,Leave Time\n");
        screenNames.forEach(n -> report.append(n).append(",,12/18/2023 09:00 AM,12/18/2023 10:00 AM\n"));
        assertThat(parse(report.toString()).rows()).extracting(ParticipantReport.Row::name).containsExactlyElementsOf(screenNames);
        // a byte that is not UTF-8 is on the line the CSV reader counts, CR-only line ends included (Excel for Mac)
        byte[] cr = "Name,User Email,Join Time,Leave Time\rA,a@x.org,12/18/2023 09:00 AM,12/18/2023 10:00 AM\rB".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = java.util.Arrays.copyOf(cr, cr.length + 1);
        latin1[cr.length] = (byte) 0xE9;
        assertThatThrownBy(() -> ParticipantReport.parse(latin1, LA)).isInstanceOf(Refusal.class)
                .hasMessageContaining("Line 3: the report is not UTF-8 text there (the byte at offset " + cr.length + ", 0xE9");
    }
}
