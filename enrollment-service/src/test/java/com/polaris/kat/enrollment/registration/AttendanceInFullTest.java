package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.attendance.CeCreditRule;
import com.polaris.kat.events.attendance.AttendanceCommands.CorrectAttendance;
import com.polaris.kat.events.attendance.AttendanceCommands.RecordAttendance;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceCorrected;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceRecorded;
import com.polaris.kat.events.attendance.AttendanceInFull;
import com.polaris.kat.events.attendance.AttendanceSegment;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static com.polaris.kat.enrollment.series.SeriesTestData.placed;
import static com.polaris.kat.events.attendance.AttendanceCommands.Verification.PLATFORM_LOG;
import static com.polaris.kat.events.attendance.AttendanceCommands.Verification.STAFF_SIGN_IN;

/**
 * Every recorded or corrected attendance carries whether the day was attended in full by the CE rule in force
 * ({@link AttendanceInFull}), for registrations with and without the CE option: the roster reads it rather than working
 * "late" and "away" out again (the staff console had used a fixed 10-minute grace against the configured one).
 */
class AttendanceInFullTest {

    // Series 20's M1: October 10, 2023, 09:00-17:00 PDT = 16:00-24:00 UTC.
    private static final String M1 = "M1-2023-10-10";
    private static final Instant START = Instant.parse("2023-10-10T16:00:00Z");
    private static final Instant END = Instant.parse("2023-10-11T00:00:00Z");
    private static final String AFTER = "2023-10-11T02:00:00Z";

    private static AggregateTestFixture<Registration> fixture(CeCreditRule rule) {
        return RegistrationTestData.fixtureAt(AFTER, rule);
    }

    private static AttendanceRecorded recorded(List<AttendanceSegment> segments, Integer minutes, AttendanceInFull inFull) {
        return new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", segments.isEmpty() ? null : segments.get(0).joinedAt(),
                segments.isEmpty() ? null : segments.get(segments.size() - 1).leftAt(), segments, minutes,
                minutes == null ? PLATFORM_LOG : STAFF_SIGN_IN, null, null, inFull);
    }

    @Test
    void withinBothGracesIsInFullWithNothingShort() {
        Instant joined = START.plusSeconds(600);
        Instant left = END.minusSeconds(600);
        fixture(new CeCreditRule(10, 10)).given(placed("r1", 1, false, 1, 30))
                .when(new RecordAttendance("series-20", "r1", M1, joined, left, null, PLATFORM_LOG))
                .expectEvents(recorded(List.of(new AttendanceSegment(joined, left)), null,
                        new AttendanceInFull(10, 10, false, false, 0L, List.of())));
    }

    /** A registration without the CE option gets the judgement too: the roster shows "late" for everyone. */
    @Test
    void lateAndAwayTooLongAreJudgedAndNamedInTheDecisionsWords() {
        AttendanceSegment morning = new AttendanceSegment(START.plusSeconds(14 * 60), START.plusSeconds(4 * 3600));
        AttendanceSegment afternoon = new AttendanceSegment(START.plusSeconds(4 * 3600 + 930), END);
        fixture(new CeCreditRule(10, 10)).given(placed("r1", 1, false, 1, 30))
                .when(new RecordAttendance("series-20", "r1", M1, List.of(morning, afternoon), null, PLATFORM_LOG, null))
                .expectEvents(recorded(List.of(morning, afternoon), null, new AttendanceInFull(10, 10, true, false, 930L,
                        List.of("first join 14 min after the start (at most 10)", "15 min 30 s away between segments (at most 10)"))));
    }

    /** A gap before 09:00 is not time away: the day's hours only (as CeCreditRule counts it). */
    @Test
    void aGapBeforeTheStartIsNotTimeAway() {
        AttendanceSegment early = new AttendanceSegment(START.minusSeconds(1800), START.minusSeconds(900));
        AttendanceSegment day = new AttendanceSegment(START, END);
        fixture(new CeCreditRule(10, 10)).given(placed("r1", 1, true, 1, 30))
                .when(new RecordAttendance("series-20", "r1", M1, List.of(early, day), null, PLATFORM_LOG, null))
                .expectEvents(recorded(List.of(early, day), null, new AttendanceInFull(10, 10, false, false, 0L, List.of())));
    }

    /**
     * Nor is the time from 09:00 to a join within the grace after a sound check: a late arrival within the grace (a fresh
     * reviewer saw it recorded as 8 minutes away, which with 5 more forfeited the day); the roster's "away" is 5 minutes.
     */
    @Test
    void aJoinWithinTheGraceAfterASoundCheckIsALateArrivalNotTimeAway() {
        AttendanceSegment soundCheck = new AttendanceSegment(START.minusSeconds(3600), START.minusSeconds(1800));
        AttendanceSegment morning = new AttendanceSegment(START.plusSeconds(480), START.plusSeconds(3 * 3600));
        AttendanceSegment afternoon = new AttendanceSegment(START.plusSeconds(3 * 3600 + 300), END.plusSeconds(1800));
        fixture(new CeCreditRule(10, 10)).given(placed("r1", 1, true, 1, 30))
                .when(new RecordAttendance("series-20", "r1", M1, List.of(soundCheck, morning, afternoon), null, PLATFORM_LOG, null))
                .expectEvents(recorded(List.of(soundCheck, morning, afternoon), null, new AttendanceInFull(10, 10, false, false, 300L, List.of())));
    }

    /** The configured grace, not 10 minutes: 12 minutes late is in full with a grace of 15, and early departure beyond it is not. */
    @Test
    void theGraceInForceDecidesAndIsRecorded() {
        Instant joined = START.plusSeconds(12 * 60);
        Instant left = END.minusSeconds(15 * 60 + 1);
        fixture(new CeCreditRule(15, 20)).given(placed("r1", 1, false, 1, 30))
                .when(new RecordAttendance("series-20", "r1", M1, joined, left, null, PLATFORM_LOG))
                .expectEvents(recorded(List.of(new AttendanceSegment(joined, left)), null, new AttendanceInFull(15, 20, false, true, 0L,
                        List.of("last leave 15 min 1 s before the end (at most 15)"))));
    }

    /** Minutes present only: no times to judge lateness or time away by, only the minutes against the day less 10 (grace and allowance both 10). */
    @Test
    void minutesPresentOnlyAreJudgedByTheirTotal() {
        fixture(new CeCreditRule(10, 10)).given(placed("r1", 1, false, 1, 30))
                .when(new RecordAttendance("series-20", "r1", M1, null, null, 420, STAFF_SIGN_IN))
                .expectEvents(recorded(List.of(), 420, new AttendanceInFull(10, 10, null, null, null,
                        List.of("420 min present (at least 470 without times: the day less 10 min)"))));
    }

    /** A correction carries the judgement of the corrected attendance, not the one it replaces. */
    @Test
    void aCorrectionJudgesTheCorrectedTimes() {
        Instant late = START.plusSeconds(1800);
        fixture(new CeCreditRule(10, 10)).given(placed("r1", 1, false, 1, 30),
                        recorded(List.of(new AttendanceSegment(late, END)), null, new AttendanceInFull(10, 10, true, false, 0L,
                                List.of("first join 30 min after the start (at most 10)"))))
                .when(new CorrectAttendance("series-20", "r1", M1, START, END, null, PLATFORM_LOG, "the platform log shows 09:00"))
                .expectEvents(new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", START, END, List.of(new AttendanceSegment(START, END)),
                        null, PLATFORM_LOG, null, "the platform log shows 09:00", null, new AttendanceInFull(10, 10, false, false, 0L, List.of())));
    }
}
