package com.polaris.kat.enrollment.attendance;

import com.polaris.kat.enrollment.attendance.CeCreditRule.Attended;
import org.junit.jupiter.api.Test;

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
    void minutesBelowTheDayLessBothGracesAreNotInFull() {
        assertThat(new CeCreditRule(10).attendedInFull(START, END, new Attended(null, null, 459))).isFalse();
        assertThat(new CeCreditRule(10).attendedInFull(START, END, new Attended(null, null, 460))).isTrue();
    }

    @Test
    void nothingRecordedIsNotInFull() {
        assertThat(new CeCreditRule(10).earns(true, START, END, null, true)).isFalse();
    }
}
