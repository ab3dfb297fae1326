package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.attendance.CeCreditRule;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.attendance.AttendanceCommands.CorrectAttendance;
import com.polaris.kat.events.attendance.AttendanceCommands.RecordAttendance;
import com.polaris.kat.events.attendance.AttendanceCommands.RecordEvaluationCompleted;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceCorrected;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceRecorded;
import com.polaris.kat.events.attendance.AttendanceEvents.MakeUpCancelled;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditEarned;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditNotEarned;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditRevoked;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditUpheld;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationCompleted;
import com.polaris.kat.events.attendance.AttendanceSegment;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static com.polaris.kat.events.attendance.AttendanceCommands.Verification.PLATFORM_LOG;
import static com.polaris.kat.events.attendance.AttendanceCommands.Verification.STAFF_SIGN_IN;
import static com.polaris.kat.enrollment.registration.RegistrationTestData.inFullIgnored;
import static com.polaris.kat.enrollment.series.SeriesTestData.*;
import static org.hamcrest.Matchers.containsString;

class RegistrationAttendanceTest {

    // Series 20's M1: October 10, 2023, 09:00-17:00 PDT = 16:00-24:00 UTC.
    private static final String M1 = "M1-2023-10-10";
    private static final Instant START = Instant.parse("2023-10-10T16:00:00Z");
    private static final Instant END = Instant.parse("2023-10-11T00:00:00Z");
    private static final String AFTER = "2023-10-11T02:00:00Z";
    private static final String RULE = new CeCreditRule(10, 10).describe();

    /**
     * The registration fixture at {@code instant}, its attendance events compared without {@code inFull}: these tests are
     * about what is recorded and decided; the in-full judgement each attendance event carries is asserted, value by value,
     * in {@link AttendanceInFullTest}.
     */
    private static AggregateTestFixture<Registration> fixtureAt(String instant) {
        return inFullIgnored(RegistrationTestData.fixtureAt(instant));
    }

    private static AggregateTestFixture<Registration> fixtureAt(String instant, RegistrationTestData.StubSeriesSeats series,
                                                                RegistrationTestData.StubClinicianCredit credit,
                                                                RegistrationTestData.StubClassDayPlaces classDays) {
        return inFullIgnored(RegistrationTestData.fixtureAt(instant, series, credit, classDays));
    }

    private static AttendanceRecorded recorded(String reg, int clinician, Instant joined, Instant left) {
        return new AttendanceRecorded("series-20", reg, "clin-" + clinician, M1, "M1", joined, left, null, PLATFORM_LOG);
    }

    /** Not earned: the day's inputs as an earning carries them, and what fell short. */
    private static ModuleCeCreditNotEarned notEarned(List<AttendanceSegment> segments, Integer minutesAway, String... shortfalls) {
        return scheduled(new ModuleCeCreditNotEarned("series-20", "r1", "clin-1", "M1", M1, new BigDecimal("8"), START, END,
                segments.get(0).joinedAt(), segments.get(segments.size() - 1).leftAt(), segments, null, minutesAway, 10, 10, RULE,
                List.of(shortfalls)));
    }

    private static ModuleCeCreditEarned earned(Instant joined, Instant left) {
        return scheduled(new ModuleCeCreditEarned("series-20", "r1", "clin-1", "M1", "Introduction to Ketamine Assisted Psychotherapy", M1,
                LocalDate.parse("2023-10-10"), new BigDecimal("8"), START, END, joined, left,
                List.of(new AttendanceSegment(joined, left)), null, 0, 10, 10, RULE));
    }

    @Test
    void attendanceInFullWithTheEvaluationCompletedEarnsTheModulesHours() {
        Instant joined = START.plusSeconds(600);   // 10 minutes late: within the grace
        Instant left = END.minusSeconds(600);      // 10 minutes early: within the grace
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30),
                        new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"))
                .when(new RecordAttendance("series-20", "r1", M1, joined, left, null, PLATFORM_LOG))
                .expectEvents(recorded("r1", 1, joined, left), earned(joined, left));
    }

    @Test
    void segmentsFromAPlatformLogAreRecordedMergedAndTheDecisionCarriesThemWithTheTimeAway() {
        AttendanceSegment morning = new AttendanceSegment(START.plusSeconds(120), START.plusSeconds(3 * 3600));
        AttendanceSegment otherDevice = new AttendanceSegment(START.plusSeconds(3600), START.plusSeconds(2 * 3600));
        AttendanceSegment afternoon = new AttendanceSegment(START.plusSeconds(3 * 3600 + 600), END);
        List<AttendanceSegment> merged = List.of(morning, afternoon);
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"))
                .when(new RecordAttendance("series-20", "r1", M1, List.of(afternoon, otherDevice, morning), null, PLATFORM_LOG, "ab12"))
                .expectEvents(new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", morning.joinedAt(), END, merged, null, PLATFORM_LOG, "ab12",
                                List.of(afternoon, otherDevice, morning), null),
                        scheduled(new ModuleCeCreditEarned("series-20", "r1", "clin-1", "M1", "Introduction to Ketamine Assisted Psychotherapy", M1,
                                LocalDate.parse("2023-10-10"), new BigDecimal("8"), START, END, morning.joinedAt(), END, merged, null, 10, 10, 10, RULE)));
    }

    /**
     * Found by a fresh reviewer: segments typed by hand that overlap were merged silently, so a mistyped time (10:30 for
     * 11:30) could hide a 30-minute absence and earn the module's hours. Entered by hand, an overlap is refused at the
     * later segment unless the sender confirms it; a participant report's overlaps (two devices) are merged as before.
     */
    @Test
    void segmentsEnteredByHandThatOverlapAreRefusedUnlessConfirmed() {
        AttendanceSegment morning = new AttendanceSegment(START, START.plusSeconds(4 * 3600));
        AttendanceSegment mistyped = new AttendanceSegment(START.plusSeconds(3 * 3600 + 1800), END); // meant 4 h 30 min in
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"))
                .when(new RecordAttendance("series-20", "r1", M1, List.of(morning, mistyped), null, STAFF_SIGN_IN, null))
                .expectException(refusedAt("segments[1].joinedAt"))
                .expectExceptionMessage("Segment 2 (2023-10-10T19:30:00Z to 2023-10-11T00:00:00Z) overlaps segment 1 (2023-10-10T16:00:00Z"
                        + " to 2023-10-10T20:00:00Z): the two would count once, as 2023-10-10T16:00:00Z to 2023-10-11T00:00:00Z. Check the"
                        + " times; when the platform shows both (connected twice, e.g. two devices), send overlapsConfirmed: true.")
                .expectNoEvents();
        List<AttendanceSegment> merged = List.of(new AttendanceSegment(START, END));
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"))
                .when(new RecordAttendance("series-20", "r1", M1, List.of(morning, mistyped), null, PLATFORM_LOG, null, true))
                // the record keeps the two segments as given beside the merged one the decision counts (a confirmed overlap's trace)
                .expectEvents(new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", START, END, merged, null, PLATFORM_LOG, null,
                                List.of(morning, mistyped), null),
                        scheduled(new ModuleCeCreditEarned("series-20", "r1", "clin-1", "M1", "Introduction to Ketamine Assisted Psychotherapy", M1,
                                LocalDate.parse("2023-10-10"), new BigDecimal("8"), START, END, START, END, merged, null, 0, 10, 10, RULE)));
        // a correction the same way; a rejoin in the same second touches, it does not overlap
        AttendanceSegment rejoin = new AttendanceSegment(START.plusSeconds(4 * 3600), END);
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), recorded("r1", 1, START, START.plusSeconds(3600)))
                .when(new CorrectAttendance("series-20", "r1", M1, List.of(mistyped, morning), null, STAFF_SIGN_IN, null, "sign-in sheet"))
                .expectException(refusedAt("segments[0].joinedAt"))
                .expectNoEvents();
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), recorded("r1", 1, START, START.plusSeconds(3600)))
                .when(new CorrectAttendance("series-20", "r1", M1, List.of(morning, rejoin), null, STAFF_SIGN_IN, null, "sign-in sheet"))
                .expectEvents(new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", START, END, merged, null, STAFF_SIGN_IN, null,
                        "sign-in sheet", List.of(morning, rejoin), null)); // in full, the evaluation still missing: no decision yet
    }

    private static org.hamcrest.Matcher<Throwable> refusedAt(String field) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable t) {
                return t instanceof Refusal r && field.equals(r.field());
            }

            @Override
            public void describeTo(org.hamcrest.Description d) {
                d.appendText("a refusal at " + field);
            }
        };
    }

    /** Which pair is named: the first in time order, at the one that joins later, numbered as given. */
    @Test
    void anOverlapIsNamedAtTheSegmentThatJoinsDuringAnother() {
        AttendanceSegment morning = new AttendanceSegment(START.plusSeconds(120), START.plusSeconds(3 * 3600));
        AttendanceSegment otherDevice = new AttendanceSegment(START.plusSeconds(3600), START.plusSeconds(2 * 3600));
        AttendanceSegment afternoon = new AttendanceSegment(START.plusSeconds(3 * 3600 + 600), END);
        Refusal r = org.junit.jupiter.api.Assertions.assertThrows(Refusal.class,
                () -> ModuleAttendance.refuseOverlap(List.of(afternoon, otherDevice, morning)));
        org.assertj.core.api.Assertions.assertThat(r.field()).isEqualTo("segments[1].joinedAt");
        org.assertj.core.api.Assertions.assertThat(r.getMessage()).startsWith("Segment 2 (2023-10-10T17:00:00Z to 2023-10-10T18:00:00Z) overlaps segment 3");
        // within a longer one that started first, a later segment still overlaps it (not only its neighbour in time)
        AttendanceSegment allDay = new AttendanceSegment(START, END);
        AttendanceSegment shortOne = new AttendanceSegment(START.plusSeconds(60), START.plusSeconds(120));
        AttendanceSegment late = new AttendanceSegment(START.plusSeconds(7200), START.plusSeconds(7260));
        Refusal second = org.junit.jupiter.api.Assertions.assertThrows(Refusal.class,
                () -> ModuleAttendance.refuseOverlap(List.of(allDay, late, shortOne)));
        org.assertj.core.api.Assertions.assertThat(second.field()).isEqualTo("segments[2].joinedAt");
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> ModuleAttendance.refuseOverlap(List.of(
                new AttendanceSegment(START, START.plusSeconds(60)), new AttendanceSegment(START.plusSeconds(60), START.plusSeconds(120)))));
    }

    /**
     * A fresh reviewer (2026-12-07): 09:08–12:00 and 12:05–17:00 earned the hours, the same day with a sound check at
     * 08:00–08:30 did not (13 min away: the 8 minutes from 09:00 to the join, within the grace, counted as away). Time online
     * outside the day's hours is neither attendance nor absence; the decision still carries every segment as recorded.
     */
    @Test
    void aSoundCheckBeforeTheStartDoesNotTurnALateArrivalWithinTheGraceIntoTimeAway() {
        List<AttendanceSegment> segments = List.of(new AttendanceSegment(START.minusSeconds(3600), START.minusSeconds(1800)),
                new AttendanceSegment(START.plusSeconds(480), START.plusSeconds(3 * 3600)),
                new AttendanceSegment(START.plusSeconds(3 * 3600 + 300), END));
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"))
                .when(new RecordAttendance("series-20", "r1", M1, segments, null, PLATFORM_LOG, null))
                .expectEvents(new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", START.minusSeconds(3600), END, segments, null,
                                PLATFORM_LOG, null),
                        scheduled(new ModuleCeCreditEarned("series-20", "r1", "clin-1", "M1", "Introduction to Ketamine Assisted Psychotherapy", M1,
                                LocalDate.parse("2023-10-10"), new BigDecimal("8"), START, END, START.minusSeconds(3600), END, segments, null, 5,
                                10, 10, RULE)));
    }

    /** A refusal names the series as its users do ("Series 21"), not by its id (a fresh reviewer read "Series series-21 …"). */
    @Test
    void attendanceUnderAnotherSeriesNamesThatSeriesByItsNumber() {
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30))
                .when(new RecordAttendance("series-21", "r1", M1, START, END, null, PLATFORM_LOG))
                .expectException(com.polaris.kat.enrollment.rules.Refusal.class)
                .expectExceptionMessage("Series 21 has no registration r1.").expectNoEvents();
    }

    @Test
    void aFifteenMinuteDropInTheMiddleEarnsNoHours() {
        List<AttendanceSegment> dropped = List.of(new AttendanceSegment(START, START.plusSeconds(4 * 3600)),
                new AttendanceSegment(START.plusSeconds(4 * 3600 + 900), END));
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"))
                .when(new RecordAttendance("series-20", "r1", M1, dropped, null, PLATFORM_LOG, null))
                .expectEvents(new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", START, END, dropped, null, PLATFORM_LOG, null),
                        // the decision is recorded with what fell short (product rule: it names the segments and the totals)
                        notEarned(dropped, 15, "15 min away between segments (at most 10)"));
    }

    /**
     * Found by a fresh reviewer: a day not attended in full left no decision on the record (only the attendance), so why
     * the hours were not earned could be re-derived only with the rule's settings of that day. Each recording or
     * correction that falls short now records the decision with its inputs; an evaluation alone decides nothing new, a
     * registration without the CE option gets no CE decision, and minutes only name what they lack.
     */
    @Test
    void aDayNotAttendedInFullRecordsTheDecisionOnceForEachRecordingOrCorrection() {
        List<AttendanceSegment> late = List.of(new AttendanceSegment(START.plusSeconds(20 * 60), END));
        List<AttendanceSegment> lateAndAway = List.of(new AttendanceSegment(START.plusSeconds(20 * 60), START.plusSeconds(3600)),
                new AttendanceSegment(START.plusSeconds(3600 + 30 * 60), END));
        AttendanceRecorded lateRecorded = new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", late.get(0).joinedAt(), END, late, null,
                PLATFORM_LOG, null);
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), lateRecorded)
                .when(new CorrectAttendance("series-20", "r1", M1, lateAndAway, null, PLATFORM_LOG, null, "second log"))
                .expectEvents(new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", late.get(0).joinedAt(), END, lateAndAway, null,
                                PLATFORM_LOG, null, "second log"),
                        notEarned(lateAndAway, 30, "first join 20 min after the start (at most 10)", "30 min away between segments (at most 10)"));
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), lateRecorded, notEarned(late, 0, "first join 20 min after the start (at most 10)"))
                .when(new RecordEvaluationCompleted("series-20", "r1", "M1"))
                .expectEvents(new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"));
        fixtureAt(AFTER).given(placed("r1", 1, false, 1, 30))
                .when(new RecordAttendance("series-20", "r1", M1, late, null, PLATFORM_LOG, null))
                .expectEvents(new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", late.get(0).joinedAt(), END, late, null, PLATFORM_LOG, null));
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30))
                .when(new RecordAttendance("series-20", "r1", M1, null, null, 420, STAFF_SIGN_IN))
                .expectEvents(new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", null, null, List.of(), 420, STAFF_SIGN_IN, null),
                        scheduled(new ModuleCeCreditNotEarned("series-20", "r1", "clin-1", "M1", M1, new BigDecimal("8"), START, END, null, null, List.of(),
                                420, null, 10, 10, RULE, List.of("420 min present (at least 470 without times: the day less 10 min)"))));
    }

    @Test
    void aSegmentWithoutItsEndIsRefused() {
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30))
                .when(new RecordAttendance("series-20", "r1", M1, java.util.Collections.singletonList(new AttendanceSegment(START, null)), null,
                        PLATFORM_LOG, null))
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void theEvaluationCompletedAfterFullAttendanceEarnsTheHours() {
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), recorded("r1", 1, START, END))
                .when(new RecordEvaluationCompleted("series-20", "r1", "M1"))
                .expectEvents(new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"), earned(START, END));
    }

    @Test
    void anEvaluationBeforeTheModulesDayHasStartedIsRefusedLikeAttendance() {
        fixtureAt(START.minusSeconds(1).toString()).given(placed("r1", 1, true, 1, 30))
                .when(new RecordEvaluationCompleted("series-20", "r1", "M1"))
                .expectException(Refusal.class).expectExceptionMessage(org.hamcrest.Matchers.containsString("once the day has started"))
                .expectNoEvents();
        fixtureAt(START.toString()).given(placed("r1", 1, true, 1, 30))
                .when(new RecordEvaluationCompleted("series-20", "r1", "M1"))
                .expectEvents(new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"));
    }

    @Test
    void arrivingMoreThanTheGraceLateForfeitsTheModule() {
        Instant joined = START.plusSeconds(601);
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30),
                        new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"))
                .when(new RecordAttendance("series-20", "r1", M1, joined, END, null, PLATFORM_LOG))
                .expectEvents(recorded("r1", 1, joined, END),
                        notEarned(List.of(new AttendanceSegment(joined, END)), 0, "first join 10 min 1 s after the start (at most 10)"));
    }

    @Test
    void leavingMoreThanTheGraceEarlyForfeitsTheModule() {
        Instant left = END.minusSeconds(601);
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30),
                        new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"))
                .when(new RecordAttendance("series-20", "r1", M1, START, left, null, PLATFORM_LOG))
                .expectEvents(recorded("r1", 1, START, left),
                        notEarned(List.of(new AttendanceSegment(START, left)), 0, "last leave 10 min 1 s before the end (at most 10)"));
    }

    @Test
    void withoutTheCeOptionNoHoursAreEarned() {
        fixtureAt(AFTER).given(placed("r1", 1, false, 1, 30),
                        new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"))
                .when(new RecordAttendance("series-20", "r1", M1, START, END, null, PLATFORM_LOG))
                .expectEvents(recorded("r1", 1, START, END));
    }

    @Test
    void withoutTheEvaluationNoHoursAreEarned() {
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30))
                .when(new RecordAttendance("series-20", "r1", M1, START, END, null, PLATFORM_LOG))
                .expectEvents(recorded("r1", 1, START, END));
    }

    @Test
    void minutesPresentCountWhenThatIsAllThatWasRecorded() {
        // 480-minute day, grace 10, allowed absence 10: 470 minutes are enough, whichever way the 10 missing were missed
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30),
                        new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"))
                .when(new RecordAttendance("series-20", "r1", M1, null, null, 470, STAFF_SIGN_IN))
                .expectEvents(new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", null, null, 470, STAFF_SIGN_IN),
                        scheduled(new ModuleCeCreditEarned("series-20", "r1", "clin-1", "M1", "Introduction to Ketamine Assisted Psychotherapy", M1,
                                LocalDate.parse("2023-10-10"), new BigDecimal("8"), START, END, null, null, List.of(), 470, null, 10, 10, RULE)));
        // 460 (the bound until 2026-12-06) is not: those 20 minutes may have been a late arrival, which forfeits the module
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30),
                        new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"))
                .when(new RecordAttendance("series-20", "r1", M1, null, null, 460, STAFF_SIGN_IN))
                .expectEvents(new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", null, null, 460, STAFF_SIGN_IN),
                        scheduled(new ModuleCeCreditNotEarned("series-20", "r1", "clin-1", "M1", M1, new BigDecimal("8"), START, END, null, null, List.of(),
                                460, null, 10, 10, RULE, List.of("460 min present (at least 470 without times: the day less 10 min)"))));
    }

    @Test
    void aCheckInIsNeverOverwrittenACorrectionIsNeeded() {
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), recorded("r1", 1, START, END))
                .when(new RecordAttendance("series-20", "r1", M1, START, END.minusSeconds(3600), null, PLATFORM_LOG))
                .expectException(Refusal.class).expectExceptionMessage(containsString("correction")).expectNoEvents();
    }

    /**
     * An evaluation recorded by mistake is withdrawn with a reason (product rules: attendance staff correct evaluations with a
     * reason; a fresh reviewer found no way to): the hours earned on it go in the same transaction, with the day's inputs and
     * the missing evaluation as what fell short; recording it again earns them again; a second withdrawal is refused.
     */
    @Test
    void aWithdrawnEvaluationWithdrawsTheHoursEarnedOnItAndMayBeRecordedAgain() {
        var withdraw = new com.polaris.kat.events.attendance.AttendanceCommands.WithdrawEvaluation("series-20", "r1", "M1", "ticked for the wrong participant");
        var withdrawn = new com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationWithdrawn("series-20", "r1", "clin-1", "M1", M1,
                "ticked for the wrong participant");
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), recorded("r1", 1, START, END),
                        new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"), earned(START, END))
                .when(withdraw)
                .expectEvents(withdrawn, scheduled(new ModuleCeCreditRevoked("series-20", "r1", "clin-1", "M1", M1, new BigDecimal("8"),
                        "evaluation withdrawn: ticked for the wrong participant", START, END, START, END, List.of(new AttendanceSegment(START, END)),
                        null, 0, 10, 10, RULE, CeCreditRule.EVALUATION_WITHDRAWN)));
        // recorded again: the hours again, on the same inputs
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), recorded("r1", 1, START, END),
                        new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"), earned(START, END), withdrawn,
                        scheduled(new ModuleCeCreditRevoked("series-20", "r1", "clin-1", "M1", M1, new BigDecimal("8"),
                                "evaluation withdrawn: ticked for the wrong participant", START, END, START, END, List.of(new AttendanceSegment(START, END)),
                                null, 0, 10, 10, RULE, CeCreditRule.EVALUATION_WITHDRAWN)))
                .when(new RecordEvaluationCompleted("series-20", "r1", "M1"))
                .expectEvents(new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"), earned(START, END));
        // without hours earned (no attendance yet): the evaluation alone is withdrawn
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"))
                .when(withdraw)
                .expectEvents(withdrawn);
        // nothing to withdraw: refused, nothing appended
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"), withdrawn)
                .when(withdraw)
                .expectException(Refusal.class).expectExceptionMessage(containsString("nothing to withdraw"))
                .expectNoEvents();
    }

    /**
     * On a cancelled registration an evaluation withdrawn by mistake is recorded again, and the hours with it (a fresh
     * reviewer found the withdrawal allowed there and the recording refused, so the module's hours were gone for good); a
     * first evaluation after the cancellation is still refused.
     */
    @Test
    void onACancelledRegistrationAWithdrawnEvaluationIsRecordedAgainButNotAFirstOne() {
        var cancelled = new com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled("series-20", "r1", "clin-1",
                new com.polaris.kat.enrollment.policy.RefundPolicyV1().decide(com.polaris.kat.enrollment.series.SeriesTestData.CUTOFF,
                        java.time.LocalDate.parse("2023-10-10"), com.polaris.kat.enrollment.series.SeriesTestData.DUE_WITH_CE,
                        com.polaris.kat.enrollment.series.SeriesTestData.FEE, com.polaris.kat.events.money.Money.ZERO, null), null, 0);
        var withdrawn = new com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationWithdrawn("series-20", "r1", "clin-1", "M1", M1,
                "ticked for the wrong participant");
        var revoked = scheduled(new ModuleCeCreditRevoked("series-20", "r1", "clin-1", "M1", M1, new BigDecimal("8"),
                "evaluation withdrawn: ticked for the wrong participant", START, END, START, END, List.of(new AttendanceSegment(START, END)),
                null, 0, 10, 10, RULE, CeCreditRule.EVALUATION_WITHDRAWN));
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), recorded("r1", 1, START, END),
                        new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"), earned(START, END), cancelled, withdrawn, revoked)
                .when(new RecordEvaluationCompleted("series-20", "r1", "M1"))
                .expectEvents(new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"), earned(START, END));
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), recorded("r1", 1, START, END), cancelled)
                .when(new RecordEvaluationCompleted("series-20", "r1", "M1"))
                .expectException(Refusal.class).expectExceptionMessage(containsString("was cancelled")).expectNoEvents();
    }

    /**
     * The withdrawal names the day the evaluation was recorded for: the series' own day when it was recorded before a make-up
     * was booked (a fresh reviewer's named the make-up day, years ahead), the make-up day when recorded while it was booked.
     */
    @Test
    void aWithdrawalNamesTheDayTheEvaluationWasRecordedForNotAMakeUpBookedSince() {
        var withdraw = new com.polaris.kat.events.attendance.AttendanceCommands.WithdrawEvaluation("series-20", "r1", "M1", "someone else's form");
        fixtureAt("2023-10-20T00:00:00Z").given(placed("r1", 1, true, 1, 30), new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"),
                        MAKE_UP_BOOKED)
                .when(withdraw)
                .expectEvents(new com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationWithdrawn("series-20", "r1", "clin-1", "M1", M1,
                        "someone else's form"));
        fixtureAt("2023-10-20T00:00:00Z").given(placed("r1", 1, true, 1, 30), MAKE_UP_BOOKED,
                        new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"))
                .when(withdraw)
                .expectEvents(new com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationWithdrawn("series-20", "r1", "clin-1", "M1",
                        "M1-2023-10-17", "someone else's form"));
    }

    /** The day's attendance corrected short after a withdrawal for the evaluation still gets its own not-earned decision. */
    @Test
    void aDayCorrectedShortAfterTheEvaluationsWithdrawalIsDecidedNotEarned() {
        Instant left = END.minusSeconds(3600);
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), recorded("r1", 1, START, END),
                        new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"), earned(START, END),
                        new com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationWithdrawn("series-20", "r1", "clin-1", "M1", M1, "wrong person"),
                        scheduled(new ModuleCeCreditRevoked("series-20", "r1", "clin-1", "M1", M1, new BigDecimal("8"), "evaluation withdrawn: wrong person",
                                START, END, START, END, List.of(new AttendanceSegment(START, END)), null, 0, 10, 10, RULE, CeCreditRule.EVALUATION_WITHDRAWN)))
                .when(new CorrectAttendance("series-20", "r1", M1, START, left, null, PLATFORM_LOG, "left at 16:00"))
                .expectEvents(new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", START, left, null, PLATFORM_LOG, "left at 16:00"),
                        notEarned(List.of(new AttendanceSegment(START, left)), 0, "last leave 60 min before the end (at most 10)"));
    }

    @Test
    void aCorrectionThatShowsAnEarlyDepartureRevokesTheHoursWithItsReason() {
        Instant left = END.minusSeconds(3600);
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30),
                        new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"), recorded("r1", 1, START, END), earned(START, END))
                .when(new CorrectAttendance("series-20", "r1", M1, START, left, null, PLATFORM_LOG, "platform log shows she left at 16:00"))
                .expectEvents(new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", START, left, null, PLATFORM_LOG,
                                "platform log shows she left at 16:00"),
                        // with the decision's inputs: the day, the attendance now recorded, the minutes away, the grace and the rule;
                        // and what fell short in words
                        scheduled(new ModuleCeCreditRevoked("series-20", "r1", "clin-1", "M1", M1, new BigDecimal("8"), "platform log shows she left at 16:00",
                                START, END, START, left, List.of(new com.polaris.kat.events.attendance.AttendanceSegment(START, left)), null, 0, 10, 10,
                                RULE, List.of("last leave 60 min before the end (at most 10)"))));
    }

    /** A correction to what the record already says appends nothing (a form sent twice recorded it each time, a reviewer saw). */
    @Test
    void aCorrectionThatChangesNothingAppendsNothingButAnotherVerificationIsACorrection() {
        Instant left = END.minusSeconds(3600);
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), recorded("r1", 1, START, END),
                        new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", START, left, null, PLATFORM_LOG, "left at 16:00"))
                .when(new CorrectAttendance("series-20", "r1", M1, START, left, null, PLATFORM_LOG, "left at 16:00, again"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), recorded("r1", 1, START, END))
                .when(new CorrectAttendance("series-20", "r1", M1, START, END, null, STAFF_SIGN_IN, "signed in on the staff sheet"))
                .expectEvents(new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", START, END, null, STAFF_SIGN_IN,
                        "signed in on the staff sheet"));
    }

    /**
     * A decision stands until the times it rests on change, also when the rule's bounds changed since it was made (a fresh
     * reviewer: hours earned on 465 minutes under a bound of 460 were withdrawn by a correction of the verification alone,
     * with the clerk's reason); a correction of the times is a new decision, under the rule in force.
     */
    @Test
    void hoursEarnedUnderAnEarlierBoundStandThroughACorrectionOfTheVerificationAlone() {
        Object[] earnedUnderAnEarlierBound = {placed("r1", 1, true, 1, 30),
                new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", null, null, 465, STAFF_SIGN_IN),
                new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"),
                scheduled(new ModuleCeCreditEarned("series-20", "r1", "clin-1", "M1", "Introduction to Ketamine Assisted Psychotherapy", M1,
                        LocalDate.parse("2023-10-10"), new BigDecimal("8"), START, END, null, null, List.of(), 465, null, 20, 20,
                        new CeCreditRule(20, 20).describe()))};
        fixtureAt(AFTER).given(earnedUnderAnEarlierBound)
                .when(new CorrectAttendance("series-20", "r1", M1, null, null, 465, PLATFORM_LOG, "verification was the platform log"))
                .expectEvents(new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", null, null, 465, PLATFORM_LOG,
                        "verification was the platform log"));
        fixtureAt(AFTER).given(earnedUnderAnEarlierBound)
                .when(new CorrectAttendance("series-20", "r1", M1, null, null, 466, STAFF_SIGN_IN, "recounted: 466 minutes"))
                .expectEvents(new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", null, null, 466, STAFF_SIGN_IN, "recounted: 466 minutes"),
                        scheduled(new ModuleCeCreditRevoked("series-20", "r1", "clin-1", "M1", M1, new BigDecimal("8"), "recounted: 466 minutes", START, END,
                                null, null, List.of(), 466, null, 10, 10, RULE,
                                List.of("466 min present (at least 470 without times: the day less 10 min)"))));
    }

    /**
     * An evaluated module never stands without a decision: a day judged in full when it was recorded (under an earlier bound)
     * that falls short under the rule in force gets its not-earned decision when the evaluation completes (a fresh reviewer's
     * evaluated CE module read "not earned" with no decision and no reason).
     */
    @Test
    void anEvaluationOnADayThatFallsShortUnderTheRuleInForceIsANotEarnedDecision() {
        AttendanceRecorded minutes = new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", null, null, 465, STAFF_SIGN_IN);
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), minutes)
                .when(new RecordEvaluationCompleted("series-20", "r1", "M1"))
                .expectEvents(new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"),
                        scheduled(new ModuleCeCreditNotEarned("series-20", "r1", "clin-1", "M1", M1, new BigDecimal("8"), START, END, null, null, List.of(),
                                465, null, 10, 10, RULE, List.of("465 min present (at least 470 without times: the day less 10 min)"))));
        // without the CE option there is no CE decision to make
        fixtureAt(AFTER).given(placed("r1", 1, false, 1, 30), minutes)
                .when(new RecordEvaluationCompleted("series-20", "r1", "M1"))
                .expectEvents(new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"));
    }

    @Test
    void aCorrectionNeedsAReason() {
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), recorded("r1", 1, START, END))
                .when(new CorrectAttendance("series-20", "r1", M1, START, END, null, PLATFORM_LOG, " "))
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void attendanceNeedsTimesOrMinutesButNotBoth() {
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30))
                .when(new RecordAttendance("series-20", "r1", M1, START, END, 480, PLATFORM_LOG))
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void attendanceOnADayTheSeriesDoesNotUseIsNotFound() {
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30))
                .when(new RecordAttendance("series-20", "r1", "M1-2023-07-13", START, END, null, PLATFORM_LOG))
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void aModuleMadeUpOnAnotherSeriesDayEarnsItsHoursWhenAttendedInFull() {
        // Series 19's M1 day (July 13, 2023) is gone; Series 20's registrant makes up M1 on Series 21's day, October 17.
        fixtureAt("2023-10-18T02:00:00Z").given(placed("r1", 1, true, 1, 30), MAKE_UP_BOOKED,
                        new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"))
                .when(new RecordAttendance("series-20", "r1", "M1-2023-10-17", MAKE_UP_START, MAKE_UP_END, null, PLATFORM_LOG))
                .expectEvents(MAKE_UP_IN_FULL, EARNED_ON_MAKE_UP);
    }

    /**
     * A decision stands until the times of the day it rests on change (a third fresh reviewer, with hours earned on the
     * make-up day under an earlier bound): the own day recorded or corrected short names only itself, nothing is withdrawn;
     * a correction of the verification alone repeats no not-earned decision at the evaluation, and earns nothing under a
     * looser bound.
     */
    @Test
    void aDecisionStandsUntilTheTimesOfTheDayItRestsOnChange() {
        ModuleCeCreditEarned earnedOnMakeUpEarlier = scheduled(new ModuleCeCreditEarned("series-20", "r1", "clin-1", "M1",
                "Introduction to Ketamine Assisted Psychotherapy", "M1-2023-10-17", LocalDate.parse("2023-10-17"), new BigDecimal("8"),
                MAKE_UP_START, MAKE_UP_END, null, null, List.of(), 465, null, 20, 20, new CeCreditRule(20, 20).describe()));
        Object[] earnedOnTheMakeUpDay = {placed("r1", 1, true, 1, 30), MAKE_UP_BOOKED, new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"),
                new AttendanceRecorded("series-20", "r1", "clin-1", "M1-2023-10-17", "M1", null, null, 465, STAFF_SIGN_IN), earnedOnMakeUpEarlier};
        Instant late = START.plusSeconds(30 * 60);
        ModuleCeCreditNotEarned ownDayLate = notEarned(List.of(new AttendanceSegment(late, END)), 0, "first join 30 min after the start (at most 10)");
        fixtureAt("2023-10-18T02:00:00Z").given(earnedOnTheMakeUpDay)
                .when(new RecordAttendance("series-20", "r1", M1, late, END, null, PLATFORM_LOG))
                .expectEvents(new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", late, END, null, PLATFORM_LOG), ownDayLate);
        Object[] ownDayInFull = java.util.stream.Stream.concat(java.util.Arrays.stream(earnedOnTheMakeUpDay),
                java.util.stream.Stream.of(new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", START, END, null, PLATFORM_LOG))).toArray();
        fixtureAt("2023-10-18T02:00:00Z").given(ownDayInFull)
                .when(new CorrectAttendance("series-20", "r1", M1, late, END, null, PLATFORM_LOG, "log says 09:30"))
                .expectEvents(new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", late, END, null, PLATFORM_LOG, "log says 09:30"),
                        ownDayLate);
        // a verification-only correction of a day decided short: the evaluation then repeats no decision
        AttendanceRecorded lateBySheet = new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", late, END, null, STAFF_SIGN_IN);
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), lateBySheet, ownDayLate,
                        new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", late, END, null, PLATFORM_LOG, "it was the log"))
                .when(new RecordEvaluationCompleted("series-20", "r1", "M1"))
                .expectEvents(new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"));
        // 15 minutes late, decided short under a grace of 10; under a looser bound (grace 20) a verification-only correction of
        // that day earns nothing: its times did not change
        Instant late15 = START.plusSeconds(15 * 60);
        inFullIgnored(RegistrationTestData.fixtureAt(AFTER, new CeCreditRule(20, 20)))
                .given(placed("r1", 1, true, 1, 30), new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"),
                        new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", late15, END, null, STAFF_SIGN_IN),
                        notEarned(List.of(new AttendanceSegment(late15, END)), 0, "first join 15 min after the start (at most 10)"))
                .when(new CorrectAttendance("series-20", "r1", M1, late15, END, null, PLATFORM_LOG, "verification was the platform log"))
                .expectEvents(new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", late15, END, null, PLATFORM_LOG,
                        "verification was the platform log"));
    }

    /** A make-up of M1 on Series 21's day, October 17, 2023 (16:00-24:00 UTC), attended in full and earned there. */
    private static final Instant MAKE_UP_START = Instant.parse("2023-10-17T16:00:00Z");
    private static final Instant MAKE_UP_END = Instant.parse("2023-10-18T00:00:00Z");
    private static final com.polaris.kat.events.attendance.AttendanceEvents.MakeUpBooked MAKE_UP_BOOKED =
            new com.polaris.kat.events.attendance.AttendanceEvents.MakeUpBooked("series-20", "r1", "clin-1", "M1", "M1-2023-10-17",
                    LocalDate.parse("2023-10-17"), MAKE_UP_START, MAKE_UP_END);
    private static final AttendanceRecorded MAKE_UP_IN_FULL = new AttendanceRecorded("series-20", "r1", "clin-1", "M1-2023-10-17", "M1",
            MAKE_UP_START, MAKE_UP_END, null, PLATFORM_LOG);
    private static final ModuleCeCreditEarned EARNED_ON_MAKE_UP = scheduled(new ModuleCeCreditEarned("series-20", "r1", "clin-1", "M1",
            "Introduction to Ketamine Assisted Psychotherapy", "M1-2023-10-17", LocalDate.parse("2023-10-17"), new BigDecimal("8"),
            MAKE_UP_START, MAKE_UP_END, MAKE_UP_START, MAKE_UP_END, List.of(new AttendanceSegment(MAKE_UP_START, MAKE_UP_END)), null, 0, 10, 10, RULE));

    /**
     * Found by a fresh reviewer: hours earned on the make-up day were withdrawn (and the certificate with them) when a
     * short day was recorded on the series' own day afterwards. A module is attended in full when any of its days was:
     * a short own day then decides nothing; the make-up day in full after a short own day earns, with the make-up day's
     * inputs; and a correction that changes only the verification records no second decision.
     */
    @Test
    void aModuleIsDecidedOnAllItsDaysSoAShortOwnDayDoesNotUndoAMakeUpInFull() {
        Instant start = MAKE_UP_START;
        Instant end = MAKE_UP_END;
        var booked = MAKE_UP_BOOKED;
        ModuleCeCreditEarned earnedOnMakeUp = EARNED_ON_MAKE_UP;
        AttendanceRecorded makeUpInFull = MAKE_UP_IN_FULL;
        Instant lateOnOwnDay = START.plusSeconds(40 * 60);
        // earned on the make-up day; the own day recorded short afterwards: nothing withdrawn, and the own day's own
        // not-earned decision says what fell short there (two fresh reviewers' rows read "CE earned on" the make-up day
        // with no word of the late arrival); the hours stay earned on the make-up day
        fixtureAt("2023-10-18T02:00:00Z").given(placed("r1", 1, true, 1, 30), booked,
                        new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"), makeUpInFull, earnedOnMakeUp)
                .when(new RecordAttendance("series-20", "r1", M1, lateOnOwnDay, END, null, STAFF_SIGN_IN))
                .expectEvents(new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", lateOnOwnDay, END, null, STAFF_SIGN_IN),
                        notEarned(List.of(new AttendanceSegment(lateOnOwnDay, END)), 0, "first join 40 min after the start (at most 10)"));
        // the own day short (decided not earned), then the make-up day in full: earned with the make-up day's inputs
        AttendanceRecorded ownShort = new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", lateOnOwnDay, END, null, STAFF_SIGN_IN);
        fixtureAt("2023-10-18T02:00:00Z").given(placed("r1", 1, true, 1, 30), new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"),
                        ownShort, notEarned(List.of(new AttendanceSegment(lateOnOwnDay, END)), 0, "first join 40 min after the start (at most 10)"),
                        booked)
                .when(new RecordAttendance("series-20", "r1", "M1-2023-10-17", start, end, null, PLATFORM_LOG))
                .expectEvents(makeUpInFull, earnedOnMakeUp);
        // the make-up day corrected short while the own day, recorded short after the make-up earned the hours, was never
        // decided on: the own day's not-earned decision first (a fresh reviewer's series' day showed no words after the
        // make-up's hours were withdrawn), then the withdrawal, with the corrected day's inputs
        Instant leftEarly = end.minusSeconds(3600);
        AttendanceCorrected makeUpShort = new AttendanceCorrected("series-20", "r1", "clin-1", "M1-2023-10-17", "M1", start, leftEarly, null,
                PLATFORM_LOG, "second log");
        ModuleCeCreditRevoked withdrawnOnMakeUp = scheduled(new ModuleCeCreditRevoked("series-20", "r1", "clin-1", "M1", "M1-2023-10-17",
                new BigDecimal("8"), "second log", start, end, start, leftEarly, List.of(new AttendanceSegment(start, leftEarly)), null, 0,
                10, 10, RULE, List.of("last leave 60 min before the end (at most 10)")));
        ModuleCeCreditNotEarned ownDayNotEarned = notEarned(List.of(new AttendanceSegment(lateOnOwnDay, END)), 0,
                "first join 40 min after the start (at most 10)");
        fixtureAt("2023-10-18T02:00:00Z").given(placed("r1", 1, true, 1, 30), new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"),
                        booked, makeUpInFull, earnedOnMakeUp, ownShort)
                .when(new CorrectAttendance("series-20", "r1", "M1-2023-10-17", start, leftEarly, null, PLATFORM_LOG, "second log"))
                .expectEvents(makeUpShort, ownDayNotEarned, withdrawnOnMakeUp);
        // the own day already decided not earned (recorded short before the make-up earned): no second decision on it
        fixtureAt("2023-10-18T02:00:00Z").given(placed("r1", 1, true, 1, 30), new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"),
                        ownShort, ownDayNotEarned, booked, makeUpInFull, earnedOnMakeUp)
                .when(new CorrectAttendance("series-20", "r1", "M1-2023-10-17", start, leftEarly, null, PLATFORM_LOG, "second log"))
                .expectEvents(makeUpShort, withdrawnOnMakeUp);
        // the own day corrected since its decision, still short, while the make-up held the hours: decided again on the withdrawal
        Instant laterOnOwnDay = START.plusSeconds(50 * 60);
        fixtureAt("2023-10-18T02:00:00Z").given(placed("r1", 1, true, 1, 30), new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"),
                        ownShort, ownDayNotEarned, booked, makeUpInFull, earnedOnMakeUp,
                        new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", laterOnOwnDay, END, null, PLATFORM_LOG, "the log"))
                .when(new CorrectAttendance("series-20", "r1", "M1-2023-10-17", start, leftEarly, null, PLATFORM_LOG, "second log"))
                .expectEvents(makeUpShort, notEarned(List.of(new AttendanceSegment(laterOnOwnDay, END)), 0,
                        "first join 50 min after the start (at most 10)"), withdrawnOnMakeUp);
        // only the verification corrected: the times the decision rests on stand, no second decision
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), ownShort,
                        notEarned(List.of(new AttendanceSegment(lateOnOwnDay, END)), 0, "first join 40 min after the start (at most 10)"))
                .when(new CorrectAttendance("series-20", "r1", M1, lateOnOwnDay, END, null, PLATFORM_LOG, "it was the platform's log"))
                .expectEvents(new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", lateOnOwnDay, END, null, PLATFORM_LOG,
                        "it was the platform's log"));
    }

    /**
     * Found by a fresh reviewer: a make-up booked for a module then attended in full on its series' day kept its place on
     * the make-up day (nothing gave it back short of cancelling the registration). Attendance in full on the series' day,
     * recorded or corrected, cancels a make-up whose day has not started, with the reason, and the place is freed in the
     * same unit of work; a short day, or a make-up day that has started, keeps the booking.
     */
    @Test
    void attendanceInFullOnTheSeriesDayCancelsAMakeUpWhoseDayHasNotStarted() {
        MakeUpCancelled cancelled = new MakeUpCancelled("series-20", "r1", "clin-1", "M1", "M1-2023-10-17", "module M1 attended in full on " + M1);
        RegistrationTestData.StubClassDayPlaces places = new RegistrationTestData.StubClassDayPlaces();
        fixtureAt(AFTER, new RegistrationTestData.StubSeriesSeats(schedule20()), new RegistrationTestData.StubClinicianCredit(), places)
                .given(placed("r1", 1, true, 1, 30), MAKE_UP_BOOKED)
                .when(new RecordAttendance("series-20", "r1", M1, START, END, null, PLATFORM_LOG))
                .expectEvents(recorded("r1", 1, START, END), cancelled);
        org.assertj.core.api.Assertions.assertThat(places.released).containsExactly("M1-2023-10-17 r1");
        // a correction to attendance in full does the same
        Instant late = START.plusSeconds(30 * 60);
        AttendanceRecorded lateRecorded = recorded("r1", 1, late, END);
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), lateRecorded,
                        notEarned(List.of(new AttendanceSegment(late, END)), 0, "first join 30 min after the start (at most 10)"), MAKE_UP_BOOKED)
                .when(new CorrectAttendance("series-20", "r1", M1, START, END, null, PLATFORM_LOG, "the platform log was incomplete"))
                .expectEvents(new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", START, END, null, PLATFORM_LOG,
                        "the platform log was incomplete"), cancelled);
        // a short own day keeps the make-up (it is what the make-up is for)
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), MAKE_UP_BOOKED)
                .when(new RecordAttendance("series-20", "r1", M1, late, END, null, PLATFORM_LOG))
                .expectEvents(lateRecorded, notEarned(List.of(new AttendanceSegment(late, END)), 0, "first join 30 min after the start (at most 10)"));
        // once the make-up day has started the booking stays (the clinician may be attending it)
        fixtureAt("2023-10-17T16:00:00Z").given(placed("r1", 1, true, 1, 30), MAKE_UP_BOOKED)
                .when(new RecordAttendance("series-20", "r1", M1, START, END, null, PLATFORM_LOG))
                .expectEvents(recorded("r1", 1, START, END));
        // cancelled, the make-up day is no longer this registration's
        fixtureAt("2023-10-18T02:00:00Z").given(placed("r1", 1, true, 1, 30), MAKE_UP_BOOKED, recorded("r1", 1, START, END), cancelled)
                .when(new RecordAttendance("series-20", "r1", "M1-2023-10-17", MAKE_UP_START, MAKE_UP_END, null, PLATFORM_LOG))
                .expectException(Refusal.class).expectExceptionMessage(containsString("no make-up booked")).expectNoEvents();
    }

    /**
     * Found by a fresh reviewer: a correction (or report) that changed the times of the day the hours were earned on, the
     * module still in full, recorded no decision, so the earned decision named times the record no longer held. The
     * hours are upheld with the corrected inputs and the correction's reason; when the corrected day falls short and the
     * module's other day is in full, they are upheld on that day; a correction of another day leaves the decision alone.
     */
    @Test
    void aCorrectionOfTheTimesTheHoursRestOnUpholdsThemWithTheCorrectedInputs() {
        ModuleEvaluationCompleted evaluated = new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1");
        AttendanceSegment morning = new AttendanceSegment(START.plusSeconds(240), START.plusSeconds(4 * 3600));
        AttendanceSegment afternoon = new AttendanceSegment(START.plusSeconds(4 * 3600 + 360), END);
        List<AttendanceSegment> corrected = List.of(morning, afternoon);
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), evaluated, recorded("r1", 1, START, END), earned(START, END))
                .when(new CorrectAttendance("series-20", "r1", M1, corrected, null, PLATFORM_LOG, null, "the platform log shows a drop at noon"))
                .expectEvents(new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", morning.joinedAt(), END, corrected, null, PLATFORM_LOG,
                                null, "the platform log shows a drop at noon"),
                        scheduled(new ModuleCeCreditUpheld("series-20", "r1", "clin-1", "M1", "Introduction to Ketamine Assisted Psychotherapy", M1,
                                LocalDate.parse("2023-10-10"), new BigDecimal("8"), START, END, morning.joinedAt(), END, corrected, null, 6, 10, 10,
                                RULE, "the platform log shows a drop at noon", M1, List.of())));
        // the own day, on which the hours rest, corrected short while the make-up day is in full: upheld on the make-up day
        Instant late = START.plusSeconds(30 * 60);
        fixtureAt("2023-10-18T02:00:00Z").given(placed("r1", 1, true, 1, 30), evaluated, recorded("r1", 1, START, END), earned(START, END),
                        MAKE_UP_BOOKED, MAKE_UP_IN_FULL)
                .when(new CorrectAttendance("series-20", "r1", M1, late, END, null, STAFF_SIGN_IN, "the sign-in sheet says 09:30"))
                .expectEvents(new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", late, END, null, STAFF_SIGN_IN, "the sign-in sheet says 09:30"),
                        scheduled(new ModuleCeCreditUpheld("series-20", "r1", "clin-1", "M1", "Introduction to Ketamine Assisted Psychotherapy",
                                "M1-2023-10-17", LocalDate.parse("2023-10-17"), new BigDecimal("8"), MAKE_UP_START, MAKE_UP_END, MAKE_UP_START,
                                MAKE_UP_END, List.of(new AttendanceSegment(MAKE_UP_START, MAKE_UP_END)), null, 0, 10, 10, RULE,
                                "the sign-in sheet says 09:30", M1, List.of("first join 30 min after the start (at most 10)"))));
        // a correction of the other day (not the one the hours rest on) decides nothing again
        fixtureAt("2023-10-18T02:00:00Z").given(placed("r1", 1, true, 1, 30), evaluated, recorded("r1", 1, START, END), earned(START, END),
                        MAKE_UP_BOOKED, MAKE_UP_IN_FULL)
                .when(new CorrectAttendance("series-20", "r1", "M1-2023-10-17", MAKE_UP_START.plusSeconds(60), MAKE_UP_END, null, PLATFORM_LOG, "log"))
                .expectEvents(new AttendanceCorrected("series-20", "r1", "clin-1", "M1-2023-10-17", "M1", MAKE_UP_START.plusSeconds(60), MAKE_UP_END,
                        null, PLATFORM_LOG, "log"));
    }

    /** Hours earned by a correction name it (revision 3: a fresh reviewer found the correction's reason only on upheld and withdrawn ones). */
    @Test
    void hoursEarnedByACorrectionCarryItsReason() {
        Instant late = START.plusSeconds(30 * 60);
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), new ModuleEvaluationCompleted("series-20", "r1", "clin-1", "M1"),
                        recorded("r1", 1, late, END), notEarned(List.of(new AttendanceSegment(late, END)), 0, "first join 30 min after the start (at most 10)"))
                .when(new CorrectAttendance("series-20", "r1", M1, START, END, null, PLATFORM_LOG, "the platform log shows 09:00"))
                .expectEvents(new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", START, END, null, PLATFORM_LOG, "the platform log shows 09:00"),
                        scheduled(new ModuleCeCreditEarned("series-20", "r1", "clin-1", "M1", "Introduction to Ketamine Assisted Psychotherapy", M1,
                                LocalDate.parse("2023-10-10"), new BigDecimal("8"), START, END, START, END,
                                List.of(new AttendanceSegment(START, END)), null, 0, 10, 10, RULE, "the platform log shows 09:00")));
    }

    @Test
    void attendanceOnAnotherSeriesDayWithoutABookedMakeUpIsRefused() {
        fixtureAt("2023-10-18T02:00:00Z").given(placed("r1", 1, true, 1, 30))
                .when(new RecordAttendance("series-20", "r1", "M1-2023-10-17", START, END, null, PLATFORM_LOG))
                .expectException(Refusal.class).expectExceptionMessage(containsString("no make-up booked")).expectNoEvents();
    }

    @Test
    void attendanceCannotBeRecordedBeforeTheClassDayStarts() {
        fixtureAt("2023-10-10T15:59:59Z").given(placed("r1", 1, true, 1, 30))
                .when(new RecordAttendance("series-20", "r1", M1, null, null, 480, STAFF_SIGN_IN))
                .expectException(Refusal.class).expectExceptionMessage(containsString("once it has started")).expectNoEvents();
    }

    /**
     * The CE decision as the service records it on a series whose module's hours never changed: it names the hours the
     * series was scheduled with as its approval (the fixtures' schedules use {@code CeHoursApprovals.AS_SCHEDULED}).
     */
    private static <T extends Record> T scheduled(T decision) {
        try {
            java.lang.reflect.RecordComponent[] components = decision.getClass().getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = components[i].getName().equals("ceHoursApproval")
                        ? com.polaris.kat.events.catalog.CeHoursApproval.asScheduled() : components[i].getAccessor().invoke(decision);
            }
            @SuppressWarnings("unchecked")
            T named = (T) decision.getClass().getDeclaredConstructor(types).newInstance(values);
            return named;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
