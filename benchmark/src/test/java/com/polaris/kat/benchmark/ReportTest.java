package com.polaris.kat.benchmark;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up figure of services launched alone is the median of their launches, whatever order they came in. */
class ReportTest {

    @Test
    void theMedianOfAnOddCountIsTheMiddleLaunch() {
        assertThat(Report.median(List.of(9.5, 5.2, 6.0))).isEqualTo(6.0);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Report.median(List.of(6.0, 5.0, 7.0, 4.0))).isEqualTo(5.5);
    }

    @Test
    void noLaunchesHaveAMedianOfZero() {
        assertThat(Report.median(List.of())).isZero();
    }
}
