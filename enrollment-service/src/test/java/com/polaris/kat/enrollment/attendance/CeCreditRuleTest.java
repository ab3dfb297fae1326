package com.polaris.kat.enrollment.attendance;

import com.polaris.kat.enrollment.attendance.CeCreditRule.Attended;
import com.polaris.kat.events.attendance.AttendanceSegment;
import org.junit.jupiter.api.Test;

import java.util.List;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CeCreditRuleTest {

    private static final Instant START = Instant.parse("2023-10-10T16:00:00Z");
    private static final Instant END = Instant.parse("2023-10-11T00:00:00Z");

    @Test
    void theGraceIsConfigurable() {
        CeCreditRule strict = new CeCreditRule(0);
        assertThat(strict.attendedInFull(START, END, new Attended(START.plusSeconds(60), END, null))).isFalse();
        CeCreditRule lenient = new CeCreditRule(15);
        assertThat(lenient.attendedInFull(START, END, new Attended(START.plusSeconds(900), END.minusSeconds(900), null))).isTrue();
    }

    @Test
    void minutesOnlyAreInFullOnlyWhenNoSplitOfTheMissingMinutesCouldForfeitTheModule() {
        // 480-minute day, grace 10, allowed absence 10: 20 minutes missing may have been a 20-minute late arrival, which
        // forfeits the module with times (a fresh reviewer: 460 minutes earned what the same day with times did not)
        CeCreditRule rule = new CeCreditRule(10, 10);
        assertThat(rule.attendedInFull(START, END, new Attended(List.of(seg("PT20M", "PT8H")), null))).isFalse();
        assertThat(rule.attendedInFull(START, END, new Attended(null, null, 460))).isFalse();
        assertThat(rule.attendedInFull(START, END, new Attended(null, null, 469))).isFalse();
        assertThat(rule.attendedInFull(START, END, new Attended(null, null, 470))).isTrue();
        // the smaller of the two bounds: with a grace of 15 and an allowed absence of 5, at most 5 minutes may be missing
        assertThat(new CeCreditRule(15, 5).attendedInFull(START, END, new Attended(null, null, 474))).isFalse();
        assertThat(new CeCreditRule(15, 5).attendedInFull(START, END, new Attended(null, null, 475))).isTrue();
        assertThat(new CeCreditRule(5, 15).minutesRequiredWithoutTimes(START, END)).isEqualTo(475);
        assertThat(new CeCreditRule(0, 10).minutesRequiredWithoutTimes(START, END)).isEqualTo(480);
    }

    private static AttendanceSegment seg(String from, String to) {
        return new AttendanceSegment(START.plus(java.time.Duration.parse(from)), START.plus(java.time.Duration.parse(to)));
    }

    @Test
    void aRejoinWithinTheAllowedAbsenceIsInFullAndTheTimeAwayIsCounted() {
        CeCreditRule rule = new CeCreditRule(10, 10);
        // 09:05-12:00, dropped, rejoined 12:10 until 16:55: 10 minutes away, exactly the allowance.
        Attended a = new Attended(List.of(seg("PT5M", "PT3H"), seg("PT3H10M", "PT7H55M")), null);
        assertThat(rule.minutesAway(START, END, a)).isEqualTo(10);
        assertThat(rule.attendedInFull(START, END, a)).isTrue();
        // Two drops of 5 min 30 s: 11 minutes in all (seconds summed, then rounded up): forfeited.
        Attended twice = new Attended(List.of(seg("PT0M", "PT2H"), seg("PT2H5M30S", "PT4H"), seg("PT4H5M30S", "PT8H")), null);
        assertThat(rule.minutesAway(START, END, twice)).isEqualTo(11);
        assertThat(rule.attendedInFull(START, END, twice)).isFalse();
    }

    @Test
    void aFifteenMinuteDropForfeitsTheModuleAndALargerAllowanceIsConfigurable() {
        Attended drop = new Attended(List.of(seg("PT0M", "PT4H"), seg("PT4H15M", "PT8H")), null);
        assertThat(new CeCreditRule(10, 10).attendedInFull(START, END, drop)).isFalse();
        assertThat(new CeCreditRule(10, 15).attendedInFull(START, END, drop)).isTrue();
    }

    @Test
    void timeAwayBeforeTheStartDoesNotCountAndOverlappingSegmentsAreOne() {
        CeCreditRule rule = new CeCreditRule(10, 10);
        // Joined 08:30 to check the sound, left 08:40, back at 09:05 (within the grace): 5 minutes of the day away? No: none,
        // the day had not started; and a second device overlapping the first adds nothing.
        Attended a = new Attended(List.of(seg("-PT30M", "-PT20M"), seg("PT5M", "PT6H"), seg("PT5H", "PT8H"), seg("PT7H", "PT7H30M")), null);
        assertThat(a.segments()).hasSize(2);
        assertThat(rule.minutesAway(START, END, a)).isEqualTo(5);
        assertThat(rule.attendedInFull(START, END, a)).isTrue();
    }

    @Test
    void aLateFirstJoinOrAnEarlyLastLeaveForfeitsWhateverTheSegments() {
        CeCreditRule rule = new CeCreditRule(10, 10);
        assertThat(rule.attendedInFull(START, END, new Attended(List.of(seg("PT11M", "PT8H")), null))).isFalse();
        assertThat(rule.attendedInFull(START, END, new Attended(List.of(seg("PT0M", "PT7H49M")), null))).isFalse();
        assertThat(rule.attendedInFull(START, END, new Attended(List.of(seg("PT10M", "PT7H50M")), null))).isTrue();
    }

    /** The decision names what fell short, each against the rule's bound (product rule: "names the segments and the totals"). */
    @Test
    void whatFellShortIsNamedWithTheRulesBounds() {
        CeCreditRule rule = new CeCreditRule(10, 10);
        assertThat(rule.shortfalls(START, END, new Attended(List.of(seg("PT10M", "PT7H50M")), null))).isEmpty();
        assertThat(rule.shortfalls(START, END, new Attended(List.of(seg("PT14M", "PT4H"), seg("PT4H20M", "PT7H35M")), null)))
                .containsExactly("first join 14 min after the start (at most 10)", "last leave 25 min before the end (at most 10)",
                        "20 min away between segments (at most 10)");
        // a part of a minute exceeds the bound, as the time away does; the words give the time itself, not "11 min"
        assertThat(rule.shortfalls(START, END, new Attended(List.of(seg("PT10M1S", "PT8H")), null)))
                .containsExactly("first join 10 min 1 s after the start (at most 10)");
        assertThat(rule.shortfalls(START, END, new Attended(List.of(seg("PT10M0.5S", "PT8H")), null)))
                .containsExactly("first join 10 min 1 s after the start (at most 10)");
        assertThat(rule.shortfalls(START, END, new Attended(List.of(seg("PT0M", "PT7H49M59S")), null)))
                .containsExactly("last leave 10 min 1 s before the end (at most 10)");
        assertThat(rule.shortfalls(START, END, new Attended(List.of(seg("PT0M", "PT1H"), seg("PT1H10M30S", "PT8H")), null)))
                .containsExactly("10 min 30 s away between segments (at most 10)");
        assertThat(rule.shortfalls(START, END, new Attended(null, null, 420)))
                .containsExactly("420 min present (at least 470 without times: the day less 10 min)");
        assertThat(rule.shortfalls(START, END, null)).containsExactly("no attendance recorded");
    }

    @Test
    void nothingRecordedIsNotInFull() {
        assertThat(new CeCreditRule(10).earns(true, START, END, null, true)).isFalse();
    }
}
