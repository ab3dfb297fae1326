package com.polaris.kat.console;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's own presentation rules, without a browser: state at a glance, readable events, the chart, Pacific times. */
class ConsoleViewsTest {

    private static final LocalDate DAY = LocalDate.parse("2026-12-05"); // PST: 09:00 = 17:00Z, 17:00 = 01:00Z next day

    private static Map<String, Object> entry(String attendance, String joined, String left) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("attendance", attendance);
        e.put("joinedAt", joined);
        e.put("leftAt", left);
        e.put("minutesPresent", null);
        return e;
    }

    /** The roster's {@code inFull}: the enrollment service's judgement of the day under the grace in force. */
    private static Map<String, Object> judged(int grace, boolean late, boolean early, String away) {
        return judged(grace, late, early, away, !late && !early && away == null);
    }

    private static Map<String, Object> judged(int grace, boolean late, boolean early, String away, boolean inFull) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("attendedInFull", inFull);
        j.put("graceMinutes", grace);
        j.put("allowedAbsenceMinutes", 10);
        j.put("lateArrival", late);
        j.put("earlyDeparture", early);
        j.put("away", away);
        return j;
    }

    private static Map<String, Object> entry(String attendance, String joined, String left, Map<String, Object> inFull) {
        Map<String, Object> e = entry(attendance, joined, left);
        e.put("inFull", inFull);
        return e;
    }

    /**
     * The state at a glance is the service's judgement as the roster gives it, under the grace in force: 12 minutes late
     * with a grace of 15 is present in full (the console had judged it "Late" with its own fixed 10 minutes). Attendance
     * recorded before the service recorded a judgement reads "Recorded".
     */
    @Test
    void aRosterRowSaysAtAGlanceWhatTheServiceJudgedUnderTheGraceInForce() {
        Map<String, Object> roster = Map.of("items", List.of(
                entry("NOT_RECORDED", null, null),
                entry("RECORDED", "2026-12-05T17:10:00Z", "2026-12-06T00:50:00Z", judged(10, false, false, null)),
                entry("RECORDED", "2026-12-05T17:11:00Z", "2026-12-06T01:00:00Z", judged(10, true, false, null)),
                entry("CORRECTED", "2026-12-05T17:00:00Z", "2026-12-06T00:49:00Z", judged(10, false, true, null)),
                entry("RECORDED", "2026-12-05T18:00:00Z", "2026-12-05T23:00:00Z", judged(10, true, true, null)),
                entry("RECORDED", "2026-12-05T17:12:00Z", "2026-12-06T01:00:00Z", judged(15, false, false, null)),
                entry("RECORDED", "2026-12-05T17:12:00Z", "2026-12-06T01:00:00Z")));
        assertThat(RosterPages.rows(roster, null)).extracting(r -> r.get("state"))
                .containsExactly("Not recorded", "Present in full", "Late", "Left early", "Late and left early", "Present in full", "Recorded");
        // nothing online between the day's start and end (an early-morning test call, an evening session): not "late and left
        // early", which says the person came; judged alike by the service (late and early, no time within the day)
        Map<String, Object> day = Map.of("startsAt", "2026-12-05T17:00:00Z", "endsAt", "2026-12-06T01:00:00Z");
        Map<String, Object> lateAndEarly = Map.of("items", List.of(
                entry("RECORDED", "2026-12-05T15:00:00Z", "2026-12-05T16:30:00Z", judged(10, true, true, null)),
                entry("RECORDED", "2026-12-06T01:00:00Z", "2026-12-06T02:00:00Z", judged(10, true, true, null)),
                entry("RECORDED", "2026-12-05T18:00:00Z", "2026-12-05T23:00:00Z", judged(10, true, true, null))));
        assertThat(RosterPages.rows(lateAndEarly, day)).extracting(r -> r.get("state"))
                .containsExactly("Not online during the day's hours", "Not online during the day's hours", "Late and left early");
    }

    @Test
    void aModuleEarnedOnItsOtherDayReadsSoOnTheShortDaysRow() {
        Map<String, Object> shortDay = entry("RECORDED", "2026-12-05T17:00:00Z", "2026-12-06T00:00:00Z");
        shortDay.put("ceOption", true);
        shortDay.put("evaluationCompleted", true);
        shortDay.put("ceEarned", false);
        shortDay.put("ceEarnedOnClassDayId", "M1-2027-01-18");
        Map<String, Object> notEarned = new LinkedHashMap<>(shortDay);
        notEarned.put("ceEarnedOnClassDayId", null);
        // the next reviewer's: a day whose shortfall a decision named says it beside where the hours were earned
        Map<String, Object> shortAndSaid = new LinkedHashMap<>(shortDay);
        shortAndSaid.put("ceNotEarnedBecause", List.of("last leave 210 min before the end (at most 10)"));
        // a fresh reviewer's: the series' short day read "CE not earned" while the module's hours were earned on its make-up
        assertThat(RosterPages.rows(Map.of("items", List.of(shortDay, notEarned, shortAndSaid)), null)).extracting(r -> r.get("ce"))
                .containsExactly("CE earned on M1-2027-01-18", "CE not earned",
                        "CE earned on M1-2027-01-18; not on this day: last leave 210 min before the end (at most 10)");
    }

    @Test
    void aFormsKeyIsSentOnOnlyWhenAConsolePageRenderedIt() {
        org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest();
        org.springframework.web.context.request.RequestContextHolder.setRequestAttributes(
                new org.springframework.web.context.request.ServletRequestAttributes(request));
        try {
            assertThat(FormKeys.ofCurrentRequest()).isEmpty();
            String key = new FormKeys().next();
            request.addParameter("idempotencyKey", key);
            assertThat(FormKeys.ofCurrentRequest()).contains("console-" + key);
            request.setParameter("idempotencyKey", "my-own-key");
            assertThat(FormKeys.ofCurrentRequest()).as("not one the console made").isEmpty();
            request.setParameter("idempotencyKey", key, new FormKeys().next());
            assertThat(FormKeys.ofCurrentRequest()).as("two keys: none").isEmpty();
        } finally {
            org.springframework.web.context.request.RequestContextHolder.resetRequestAttributes();
        }
    }

    @Test
    void ceHoursReadTheSameInEveryViewWithoutTrailingZerosNeverRounded() {
        Hours hours = new Hours();
        // the services answer 48.00 (a numeric column), 8.0 (a double read from JSON) or "7.5" (text): one way of printing
        assertThat(hours.of(new java.math.BigDecimal("48.00"))).isEqualTo("48");
        assertThat(hours.of(8.0)).isEqualTo("8");
        assertThat(hours.of(48)).isEqualTo("48");
        assertThat(hours.of("7.5")).isEqualTo("7.5");
        assertThat(hours.of(7.25)).isEqualTo("7.25");
        assertThat(hours.of(0.0)).isEqualTo("0");
        assertThat(hours.of(null)).isEmpty();
    }

    @Test
    void anEventsContentReadsAsLabelledLinesWithDollarsAndPacificTimes() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("decision", Map.of("refundAmount", Map.of("cents", 99912)));
        content.put("requestedAt", "2026-12-06T01:30:00Z");
        content.put("segments", List.of());
        // the clinician's own words, as the audit trail opens them (a fresh reviewer read "sealed reason" as still sealed)
        content.put("sealedReason", "moved away");
        List<Map<String, String>> fields = CompliancePages.flatten("", content, new java.util.ArrayList<>());
        assertThat(fields).containsExactly(
                Map.of("label", "decision › refund amount", "value", "$999.12"),
                Map.of("label", "requested at", "value", "Sat Dec 5, 2026 5:30 PM PST (2026-12-06T01:30:00Z)"),
                Map.of("label", "segments", "value", "(none)"),
                Map.of("label", "clinician's reason", "value", "moved away"));
    }

    @Test
    void pacificTimesNameTheirZoneAcrossDaylightSavingTime() {
        Pacific pt = new Pacific();
        assertThat(pt.dateTime("2026-07-01T16:00:00Z")).isEqualTo("Wed Jul 1, 2026 9:00 AM PDT");
        assertThat(pt.dateTime("2026-12-01T17:00:00Z")).isEqualTo("Tue Dec 1, 2026 9:00 AM PST");
        assertThat(Pacific.at(LocalDate.parse("2026-03-08"), java.time.LocalTime.of(9, 0))).hasToString("2026-03-08T16:00:00Z");
    }

    @Test
    void anOfferWindowReadsInHoursOrDaysWithItsMinutesAndTheWaitlistsCodesInWords() {
        assertThat(WaitlistPages.duration(2880)).isEqualTo("48 hours (2,880 minutes)");
        assertThat(WaitlistPages.duration(60)).isEqualTo("1 hour (60 minutes)");
        assertThat(WaitlistPages.duration(45)).isEqualTo("45 minutes");
        assertThat(WaitlistPages.duration(43200)).isEqualTo("30 days (43,200 minutes)");
        assertThat(WaitlistPages.duration(1565)).isEqualTo("1 day 2 hours 5 minutes (1,565 minutes)");
        assertThat(WaitlistPages.duration(null)).isEmpty();
        assertThat(WaitlistPages.words("LAPSED")).isEqualTo("offer lapsed");
        assertThat(WaitlistPages.words("WINDOW_ENDED")).isEqualTo("the offer window ended");
        assertThat(WaitlistPages.words("found another date")).isEqualTo("found another date");
    }

    @Test
    void aRecordWithMinutesOnlyIsMarkedSoItsCorrectionFormInventsNoTimes() {
        Map<String, Object> minutes = entry("RECORDED", null, null);
        minutes.put("minutesPresent", 420);
        List<Map<String, Object>> rows = RosterPages.rows(Map.of("items", List.of(minutes, entry("NOT_RECORDED", null, null),
                entry("RECORDED", "2026-12-05T17:00:00Z", "2026-12-06T01:00:00Z"))), null);
        assertThat(rows).extracting(r -> r.get("minutesOnly")).containsExactly(true, false, false);
        assertThat(rows.get(0).get("state")).isEqualTo("Recorded (420 min)"); // recorded before the service judged it
        // judged by the service: whether the minutes make the day (470 of 480 under a grace and an allowance of 10)
        Map<String, Object> enough = entry("RECORDED", null, null, judged(10, false, false, null, true));
        enough.put("minutesPresent", 472);
        Map<String, Object> short_ = entry("RECORDED", null, null, judged(10, false, false, null, false));
        short_.put("minutesPresent", 465);
        assertThat(RosterPages.rows(Map.of("items", List.of(enough, short_)), null)).extracting(r -> r.get("state"))
                .containsExactly("Present in full (472 min)", "Not in full (465 min)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOpenLinesOfAReportAreGroupedAsTheLastImportAnsweredThemAndTheRestOneByOne() {
        Map<String, Object> report = new LinkedHashMap<>(Map.of("sourceFileSha256", "abc", "unmatchedLinesOpen", List.of(8, 9, 12)));
        Map<String, Object> answer = Map.of("sourceFileSha256", "abc", "unmatched", List.of(
                Map.of("lines", List.of(7, 8, 9), "name", "Guest", "email", "", "reason", "a guest"),
                Map.of("lines", List.of(10), "name", "Gone", "email", "gone@example.org", "reason", "no registration")));
        List<Map<String, Object>> items = ParticipantReportPages.items(Map.of("items", List.of(report)), answer);
        List<Map<String, Object>> groups = (List<Map<String, Object>>) items.get(0).get("openGroups");
        // line 7 and the group of line 10 were set aside since: only what is still open
        assertThat(groups).extracting(g -> g.get("value")).containsExactly("8,9", "12");
        assertThat(groups.get(0)).containsEntry("name", "Guest");
        assertThat(groups.get(1)).containsEntry("name", null);
        // another report (or none answered in this session): one line each
        assertThat((List<Map<String, Object>>) ParticipantReportPages.items(Map.of("items", List.of(report)), null).get(0).get("openGroups"))
                .extracting(g -> g.get("value")).containsExactly("8", "9", "12");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aListTheConsoleHoldsWholeIsPagedInTheServicesPageShape() {
        List<Integer> lines = java.util.stream.IntStream.rangeClosed(1, 60).boxed().toList();
        Map<String, Object> third = ParticipantReportPages.slice(lines, 2, "linesPage");
        assertThat(third).containsEntry("page", 2).containsEntry("size", 25).containsEntry("totalItems", 60);
        assertThat((List<Integer>) third.get("items")).containsExactly(51, 52, 53, 54, 55, 56, 57, 58, 59, 60);
        assertThat((List<Integer>) ParticipantReportPages.slice(lines, 0, "linesPage").get("items")).hasSize(25).startsWith(1).endsWith(25);
        assertThat((List<Integer>) ParticipantReportPages.slice(lines, 3, "linesPage").get("items")).isEmpty();
        assertThat((List<Integer>) ParticipantReportPages.slice(List.of(), 0, "linesPage").get("items")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ParticipantReportPages.slice(lines, -1, "matchedPage"))
                .isInstanceOfSatisfying(ServiceProblem.class, p -> assertThat(p.status()).isEqualTo(400))
                .hasMessageContaining("matchedPage");
    }

    @Test
    void theMoneyChartIsAnAccessibleSvgWithOneTitledBarPerAmount() {
        String svg = MoneyChart.svg(List.of(new MoneyChart.Month(YearMonth.of(2026, 11), 652_500, 99_912, 0, 0)));
        assertThat(svg).startsWith("<svg").contains("role=\"img\"").contains("<title>Payments Nov 26: $6,525.00</title>")
                .contains("<title>Refunds decided Nov 26: $999.12</title>").endsWith("</svg>");
    }

    @Test
    void dollarsAreShownWithUsGroupingToTheCentAndNegativeAmountsWithAMinusSign() {
        Dollars d = new Dollars();
        org.assertj.core.api.Assertions.assertThat(d.usd("6525.00")).isEqualTo("$6,525.00");
        org.assertj.core.api.Assertions.assertThat(d.usd("1000000.05")).isEqualTo("$1,000,000.05");
        org.assertj.core.api.Assertions.assertThat(d.usd("-25.00")).isEqualTo("\u2212$25.00");
        org.assertj.core.api.Assertions.assertThat(d.usd("0.1")).isEqualTo("$0.10");
        org.assertj.core.api.Assertions.assertThat(d.usd(null)).isEmpty();
    }

    @Test
    void aPriceIsPlainDollarsWithAtMostTwoDecimalsAndCorrectThousandsGroups() {
        assertThat(SeriesPages.cents("2100")).isEqualTo(210_000);
        assertThat(SeriesPages.cents("2100.5")).isEqualTo(210_050);
        assertThat(SeriesPages.cents("$2,100.00")).isEqualTo(210_000);
        assertThat(SeriesPages.cents("2,100")).isEqualTo(210_000);
        assertThat(SeriesPages.cents("1,000,000.05")).isEqualTo(100_000_005);
        assertThat(SeriesPages.cents(" 75.00 ")).isEqualTo(7_500);
        for (String loose : List.of("2,1", "1.000,00", "1e3", "21,00", "2100.001", "-5", "", "$", "2 100", "$$5", ",100", "1,0000")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeriesPages.cents(loose)).as(loose).isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void aPayoutCanBeRecordedOnlyOnARefundWithMoneyDueAndOnlyReversedOnceSettled() {
        assertThat(LedgerPages.payoutOutcomes(null, 0)).isEmpty();
        assertThat(LedgerPages.payoutOutcomes("PENDING", 0)).isEmpty();
        assertThat(LedgerPages.payoutOutcomes("PENDING", 105_000)).containsExactly("SETTLED", "FAILED");
        assertThat(LedgerPages.payoutOutcomes("FAILED", 105_000)).containsExactly("SETTLED", "FAILED");
        assertThat(LedgerPages.payoutOutcomes("REVERSED", 105_000)).containsExactly("SETTLED", "FAILED");
        assertThat(LedgerPages.payoutOutcomes("SETTLED", 105_000)).containsExactly("REVERSED");
    }

    /** Found by a fresh reviewer: an evaluation refused before a make-up day named the day's start as a UTC instant. */
    @Test
    void aDaysStartInARefusalIsShownInPacificTime() {
        assertThat(RosterPages.pacificStart("Module M2 is attended on M2-2027-01-25, which starts at 2027-01-25T17:00:00Z; its evaluation can be"
                + " recorded once the day has started.")).isEqualTo("Module M2 is attended on M2-2027-01-25, which starts at Mon Jan 25, 2027"
                + " 9:00 AM PST; its evaluation can be recorded once the day has started.");
        assertThat(RosterPages.pacificStart("No time here.")).isEqualTo("No time here.");
    }

    @Test
    void someoneAwayHalfAnHourIsNotPresentInFullAndTheCeStateIsNamed() {
        Map<String, Object> away = entry("CORRECTED", "2026-12-05T17:02:00Z", "2026-12-06T01:00:00Z", judged(10, false, false, "30 min"));
        away.put("segments", List.of(Map.of("joinedAt", "2026-12-05T17:02:00Z", "leftAt", "2026-12-05T20:00:00Z"),
                Map.of("joinedAt", "2026-12-05T20:30:00Z", "leftAt", "2026-12-06T01:00:00Z")));
        away.put("ceOption", true);
        away.put("ceEarned", false);
        away.put("ceWithdrawn", true);
        away.put("evaluationCompleted", true);
        Map<String, Object> lateAndAway = entry("RECORDED", "2026-12-05T17:30:00Z", "2026-12-06T01:00:00Z", judged(10, true, false, "45 min"));
        lateAndAway.put("segments", List.of(Map.of("joinedAt", "2026-12-05T17:30:00Z", "leftAt", "2026-12-05T20:00:00Z"),
                Map.of("joinedAt", "2026-12-05T20:45:00Z", "leftAt", "2026-12-06T01:00:00Z")));
        lateAndAway.put("ceOption", true);
        lateAndAway.put("evaluationCompleted", true);
        Map<String, Object> noCeOption = entry("RECORDED", "2026-12-05T17:00:00Z", "2026-12-06T01:00:00Z", judged(10, false, false, null));
        noCeOption.put("ceOption", false);
        Map<String, Object> notYet = entry("NOT_RECORDED", null, null);
        notYet.put("ceOption", true);
        Map<String, Object> movedAway = entry("NOT_RECORDED", null, null);
        movedAway.put("ceOption", true);
        movedAway.put("makeUpClassDayId", "M1-2027-01-18");
        movedAway.put("makeUpDate", "2027-01-18");
        Map<String, Object> movedAwayToAMovedDay = entry("NOT_RECORDED", null, null);
        movedAwayToAMovedDay.put("ceOption", true);
        movedAwayToAMovedDay.put("makeUpClassDayId", "M1-2027-01-18");
        movedAwayToAMovedDay.put("makeUpDate", "2027-01-25");
        // a second day of one module on one date has an id with a suffix: on its own date it has not moved (a fresh reviewer's)
        assertThat(RosterPages.dateInId("M1-2027-01-18-2")).isEqualTo("2027-01-18");
        assertThat(RosterPages.dateInId("PRACTICE-2027-01-18")).isEqualTo("2027-01-18");
        // the decision's reasons, before any evaluation (it had read "no CE yet" for a day already forfeited)
        Map<String, Object> decided = entry("RECORDED", "2026-12-05T17:30:00Z", "2026-12-06T01:00:00Z", judged(10, true, false, null));
        decided.put("ceOption", true);
        decided.put("ceNotEarnedBecause", List.of("first join 30 min after the start (at most 10)", "45 min away between segments (at most 10)"));
        Map<String, Object> withdrawnWithWords = entry("CORRECTED", "2026-12-05T17:00:00Z", "2026-12-06T00:00:00Z", judged(10, false, true, null));
        withdrawnWithWords.put("ceOption", true);
        withdrawnWithWords.put("ceWithdrawn", true);
        withdrawnWithWords.put("ceNotEarnedBecause", List.of("last leave 60 min before the end (at most 10)"));
        List<Map<String, Object>> rows = RosterPages.rows(Map.of("items", List.of(away, lateAndAway, noCeOption, notYet, decided,
                withdrawnWithWords, movedAway, movedAwayToAMovedDay)), null);
        // a moved make-up day keeps its id: its date is said where the id names another (a fresh reviewer)
        assertThat(rows).extracting(r -> r.get("state")).containsExactly("Not in full, away 30 min", "Late, away 45 min", "Present in full", "Not recorded", "Late",
                "Left early", "Not recorded (make-up booked on M1-2027-01-18)", "Not recorded (make-up booked on M1-2027-01-18, now on 2027-01-25)");
        assertThat(rows).extracting(r -> r.get("ce")).containsExactly("CE withdrawn", "CE not earned", "no CE option", "no CE yet",
                "CE not earned: first join 30 min after the start (at most 10); 45 min away between segments (at most 10)",
                "CE withdrawn: last leave 60 min before the end (at most 10)", "no CE yet", "no CE yet");
        // the correction form: every segment, then one blank to add another
        assertThat((List<?>) rows.get(0).get("formSegments")).hasSize(3);
        assertThat((List<?>) rows.get(2).get("formSegments")).hasSize(2);
    }

    /**
     * The time away is the service's, in its words, seconds where it has any (a fresh reviewer's "Away 15 min" beside "CE
     * earned" came from the console counting a gap before 09:00 itself; the rule counts within the day only, asserted in
     * the enrollment service's AttendanceInFullTest). Times with seconds show them.
     */
    @Test
    void timeAwayIsTheServicesInItsWordsAndTimesShowTheirSeconds() {
        Map<String, Object> early = entry("RECORDED", "2026-12-05T16:30:00Z", "2026-12-06T01:00:00Z", judged(10, false, false, null));
        early.put("segments", List.of(Map.of("joinedAt", "2026-12-05T16:30:00Z", "leftAt", "2026-12-05T16:45:00Z"),
                Map.of("joinedAt", "2026-12-05T17:00:00Z", "leftAt", "2026-12-06T01:00:00Z")));
        Map<String, Object> both = entry("RECORDED", "2026-12-05T16:40:00Z", "2026-12-06T01:40:00Z", judged(10, false, false, "14 min 1 s"));
        // away within the allowance (here 10 min under a configured 15): the day counts, and the row says so
        Map<String, Object> allowed = entry("RECORDED", "2026-12-05T17:00:00Z", "2026-12-06T01:00:00Z", judged(10, false, false, "10 min", true));
        allowed.put("segments", List.of(Map.of("joinedAt", "2026-12-05T17:00:00Z", "leftAt", "2026-12-05T20:00:00Z"),
                Map.of("joinedAt", "2026-12-05T20:10:00Z", "leftAt", "2026-12-06T01:00:00Z")));
        both.put("segments", List.of(Map.of("joinedAt", "2026-12-05T16:40:00Z", "leftAt", "2026-12-05T17:00:00Z"),
                Map.of("joinedAt", "2026-12-05T17:05:01Z", "leftAt", "2026-12-06T00:51:00Z"),
                Map.of("joinedAt", "2026-12-06T01:30:00Z", "leftAt", "2026-12-06T01:40:00Z")));
        List<Map<String, Object>> rows = RosterPages.rows(Map.of("items", List.of(early, both, allowed)), null);
        assertThat(rows).extracting(r -> r.get("state")).containsExactly("Present in full", "Not in full, away 14 min 1 s",
                "Present in full, away 10 min");
        Pacific pt = new Pacific();
        assertThat(pt.time("2026-12-05T20:10:30Z")).isEqualTo("12:10:30 PM PST");
        assertThat(pt.time("2026-12-05T20:10:00Z")).isEqualTo("12:10 PM PST");
    }

    @Test
    void theFormsSegmentsAreSentEachAsEnteredSkippingTheBlankOne() {
        assertThat(RosterPages.segments(DAY, List.of("09:02", "12:30", ""), List.of("12:00", "17:00", ""))).containsExactly(
                Map.of("joinedAt", "2026-12-05T17:02:00Z", "leftAt", "2026-12-05T20:00:00Z"),
                Map.of("joinedAt", "2026-12-05T20:30:00Z", "leftAt", "2026-12-06T01:00:00Z"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RosterPages.segments(DAY, List.of("09:02", "12:30"), List.of("12:00", "")))
                .isInstanceOf(java.time.format.DateTimeParseException.class);
    }

    /** Setting rows aside again answers 200 and sets nothing new aside: the console says so (it had said "Lines … set aside"). */
    @org.junit.jupiter.api.Test
    void aRepeatOfRowsSetAsideSaysNothingNewWasSetAsideAndWhichReasonStands() {
        org.assertj.core.api.Assertions.assertThat(ParticipantReportPages.setAsideMessage(java.util.Map.of("setAsideNow", java.util.List.of(),
                        "setAsideBefore", java.util.List.of(java.util.Map.of("line", 8, "reason", "the host's assistant"))), java.util.List.of(8L), "again"))
                .isEqualTo("Nothing new set aside. Line 8 (\"the host's assistant\") was set aside before; the first reason stands.");
        org.assertj.core.api.Assertions.assertThat(ParticipantReportPages.setAsideMessage(java.util.Map.of("setAsideNow", java.util.List.of(9),
                        "setAsideBefore", java.util.List.of(java.util.Map.of("line", 8, "reason", "observer"))), java.util.List.of(8L, 9L), "guest"))
                .isEqualTo("Line 9 set aside: guest. Line 8 (\"observer\") was set aside before; the first reason stands.");
    }
}
