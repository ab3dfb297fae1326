package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.attendance.CeCreditRule;
import com.polaris.kat.enrollment.attendance.CeCreditRule.Attended;
import com.polaris.kat.events.attendance.AttendanceSegment;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.time.ProgramTime;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a participant report says what staff's record by hand says ({@link ModuleAttendance#agreesWithHandRecord}): the CE
 * rule (grace and allowed absence 10 minutes) judges both alike, and the times are within a minute at each end once gaps
 * under a minute are closed; or minutes present within a minute of the report's time within the day. Otherwise the report
 * is set aside as evidence.
 */
class HandRecordAgreementTest {

    private static final LocalDate DATE = LocalDate.parse("2023-10-10");
    private static final Instant START = ProgramTime.startOf(DATE);
    private static final Instant END = ProgramTime.endOf(DATE);
    private static final SeriesClassDay DAY = new SeriesClassDay("M1-2023-10-10", "M1", "Title M1", DATE, START, END, new BigDecimal("8"));
    private static final CeCreditRule RULE = new CeCreditRule(10, 10);
    private static final Attended FULL_DAY = new Attended(List.of(new AttendanceSegment(START, END)), null);

    @Test
    void secondsAtEitherEndAndAReconnectOfSecondsAgree() {
        assertThat(ModuleAttendance.agreesWithHandRecord(FULL_DAY, List.of(new AttendanceSegment(START.plusSeconds(40), END.minusSeconds(30))), DAY, RULE))
                .isTrue();
        assertThat(ModuleAttendance.agreesWithHandRecord(FULL_DAY, List.of(new AttendanceSegment(START.plusSeconds(10), START.plusSeconds(3 * 3600)),
                new AttendanceSegment(START.plusSeconds(3 * 3600 + 40), END.minusSeconds(10))), DAY, RULE)).isTrue();
        assertThat(ModuleAttendance.agreesWithHandRecord(FULL_DAY, List.of(new AttendanceSegment(START.plusSeconds(60), END)), DAY, RULE))
                .as("a whole minute late").isFalse();
    }

    /** A fresh reviewer's fifteen gaps of 55 seconds (13 min 45 s away) had agreed with a full day that earned CE hours. */
    @Test
    void manyShortGapsThatAddUpBeyondTheAllowedAbsenceDoNotAgreeWithAFullDay() {
        List<AttendanceSegment> choppy = new ArrayList<>();
        Instant at = START.plusSeconds(10);
        for (int i = 0; i < 16; i++) {
            Instant leave = i == 15 ? END : at.plusSeconds(1795);
            choppy.add(new AttendanceSegment(at, leave));
            at = leave.plusSeconds(55);
        }
        assertThat(RULE.judge(START, END, new Attended(choppy, null)).attendedInFull()).isFalse();
        assertThat(ModuleAttendance.agreesWithHandRecord(FULL_DAY, choppy, DAY, RULE)).isFalse();
    }

    /** A fresh reviewer's 09:10:40 beside a record of 09:10 had agreed (to the minute); any part of a minute beyond the grace is late. */
    @Test
    void secondsPastTheGraceDoNotAgreeWithARecordWithinIt() {
        Attended withinGrace = new Attended(List.of(new AttendanceSegment(START.plusSeconds(600), END)), null);
        assertThat(ModuleAttendance.agreesWithHandRecord(withinGrace, List.of(new AttendanceSegment(START.plusSeconds(640), END)), DAY, RULE))
                .isFalse();
    }

    @Test
    void minutesPresentAgreeWithTheReportsTimeWithinTheDay() {
        Attended signedIn = new Attended(List.of(), 480);
        assertThat(ModuleAttendance.agreesWithHandRecord(signedIn, List.of(new AttendanceSegment(START, END)), DAY, RULE)).isTrue();
        // time online before the start is not the day's
        assertThat(ModuleAttendance.agreesWithHandRecord(signedIn, List.of(new AttendanceSegment(START.minusSeconds(600), END)), DAY, RULE))
                .isTrue();
        assertThat(ModuleAttendance.agreesWithHandRecord(signedIn, List.of(new AttendanceSegment(START.plusSeconds(600), END)), DAY, RULE))
                .isFalse();
    }
}
