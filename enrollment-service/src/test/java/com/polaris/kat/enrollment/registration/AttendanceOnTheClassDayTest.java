package com.polaris.kat.enrollment.registration;

import com.polaris.kat.events.attendance.AttendanceCommands.CorrectAttendance;
import com.polaris.kat.events.attendance.AttendanceCommands.RecordAttendance;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceCorrected;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceRecorded;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static com.polaris.kat.enrollment.registration.RegistrationTestData.inFullIgnored;
import static com.polaris.kat.enrollment.series.SeriesTestData.placed;
import static com.polaris.kat.events.attendance.AttendanceCommands.Verification.PLATFORM_LOG;
import static com.polaris.kat.events.attendance.AttendanceCommands.Verification.STAFF_SIGN_IN;
import static com.polaris.kat.enrollment.support.RefusalMatchers.refusal;

/**
 * Attendance times and minutes must be ones the class day can have (ClassDayBounds): joined/left
 * within 6 hours of the day's 09:00-17:00 Pacific, left after joined, minutes 0 to the day's 480.
 */
class AttendanceOnTheClassDayTest {

    // Series 20's M1: October 10, 2023, 09:00-17:00 PDT = 16:00-24:00 UTC; the window is 10:00Z-06:00Z.
    private static final String M1 = "M1-2023-10-10";
    private static final Instant START = Instant.parse("2023-10-10T16:00:00Z");
    private static final Instant END = Instant.parse("2023-10-11T00:00:00Z");
    private static final Instant EARLIEST = Instant.parse("2023-10-10T10:00:00Z");
    private static final Instant LATEST = Instant.parse("2023-10-11T06:00:00Z");
    private static final Instant FAR_FUTURE = Instant.parse("+300000-01-01T00:00:00Z");
    private static final String AFTER = "2023-10-11T07:00:00Z"; // after LATEST: these tests are about the day's bounds, not the present

    /** The registration fixture, attendance compared without {@code inFull} (the bounds are these tests' subject; AttendanceInFullTest asserts it). */
    private static org.axonframework.test.aggregate.AggregateTestFixture<Registration> fixtureAt(String instant) {
        return inFullIgnored(RegistrationTestData.fixtureAt(instant));
    }

    private static RecordAttendance attend(Instant joined, Instant left) {
        return new RecordAttendance("series-20", "r1", M1, joined, left, null, PLATFORM_LOG);
    }

    private static AttendanceRecorded recorded(Instant joined, Instant left, Integer minutes) {
        return new AttendanceRecorded("series-20", "r1", "clin-1", M1, "M1", joined, left, minutes, minutes == null ? PLATFORM_LOG : STAFF_SIGN_IN);
    }

    /** Recorded, on a registration without the CE option (the bounds, not the CE decision, are what these tests are about). */
    private void accepted(RecordAttendance cmd, AttendanceRecorded event) {
        fixtureAt(AFTER).given(placed("r1", 1, false, 1, 30)).when(cmd).expectEvents(event);
    }

    private void refused(Object cmd, String type) {
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), recorded(START, END, null))
                .when(cmd).expectException(refusal(type)).expectNoEvents();
    }

    private void refusedFirstRecord(RecordAttendance cmd, String type) {
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30)).when(cmd).expectException(refusal(type)).expectNoEvents();
    }

    @Test
    void joiningSixHoursBeforeTheStartIsStillOnTheDay() {
        accepted(attend(EARLIEST, END), recorded(EARLIEST, END, null));
    }

    @Test
    void joiningOneSecondEarlierIsOutsideTheClassDay() {
        refusedFirstRecord(attend(EARLIEST.minusSeconds(1), END), "attendance-outside-class-day");
    }

    @Test
    void leavingSixHoursAfterTheEndIsStillOnTheDay() {
        accepted(attend(START, LATEST), recorded(START, LATEST, null));
    }

    /** Attendance is recorded once it has happened: a leave time after now is refused, one at now recorded. */
    @Test
    void aLeaveTimeAfterNowIsRefusedOneAtNowIsRecorded() {
        Instant now = START.plusSeconds(2 * 3600 + 33 * 60);
        inFullIgnored(RegistrationTestData.fixtureAt(now.toString())).given(placed("r1", 1, false, 1, 30))
                .when(attend(START, now.plusSeconds(1))).expectException(refusal("invalid-attendance")).expectNoEvents();
        inFullIgnored(RegistrationTestData.fixtureAt(now.toString())).given(placed("r1", 1, false, 1, 30))
                .when(attend(START, now)).expectEvents(recorded(START, now, null));
    }

    @Test
    void leavingOneSecondLaterIsOutsideTheClassDay() {
        refusedFirstRecord(attend(START, LATEST.plusSeconds(1)), "attendance-outside-class-day");
    }

    @Test
    void aCorrectionLeavingInTheYear300000IsOutsideTheClassDay() {
        refused(new CorrectAttendance("series-20", "r1", M1, START, FAR_FUTURE, null, PLATFORM_LOG, "log says so"),
                "attendance-outside-class-day");
    }

    @Test
    void aCorrectionJustOutsideTheDayIsRefusedAndJustInsideIsRecorded() {
        refused(new CorrectAttendance("series-20", "r1", M1, EARLIEST.minusSeconds(1), END, null, PLATFORM_LOG, "log"),
                "attendance-outside-class-day");
        fixtureAt(AFTER).given(placed("r1", 1, true, 1, 30), recorded(START, END, null))
                .when(new CorrectAttendance("series-20", "r1", M1, EARLIEST, LATEST, null, PLATFORM_LOG, "log"))
                .expectEvents(new AttendanceCorrected("series-20", "r1", "clin-1", M1, "M1", EARLIEST, LATEST, null, PLATFORM_LOG, "log"));
    }

    @Test
    void leavingWhenJoiningIsRefusedOneSecondLaterIsRecorded() {
        refusedFirstRecord(attend(START, START), "invalid-attendance");
        accepted(attend(START, START.plusSeconds(1)), recorded(START, START.plusSeconds(1), null));
    }

    @Test
    void minutesPresentRunFromZeroToTheDaysLength() {
        accepted(new RecordAttendance("series-20", "r1", M1, null, null, 480, STAFF_SIGN_IN), recorded(null, null, 480));
        accepted(new RecordAttendance("series-20", "r1", M1, null, null, 0, STAFF_SIGN_IN), recorded(null, null, 0));
        refusedFirstRecord(new RecordAttendance("series-20", "r1", M1, null, null, 481, STAFF_SIGN_IN), "attendance-outside-class-day");
        refusedFirstRecord(new RecordAttendance("series-20", "r1", M1, null, null, -1, STAFF_SIGN_IN), "invalid-attendance");
    }
}
