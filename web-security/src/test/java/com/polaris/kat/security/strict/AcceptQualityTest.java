package com.polaris.kat.security.strict;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9110 12.4.2 and 12.5.1: quality 0 means not acceptable, and the most specific range that includes a type decides. */
class AcceptQualityTest {

    static boolean refused(String accept, String type) {
        return AcceptQuality.refused(AcceptQuality.ranges(accept), MediaType.parseMediaType(type));
    }

    @Test
    void qualityZeroOfTheMostSpecificRangeRefuses() {
        assertThat(refused("*/*;q=0", "application/pdf")).isTrue();
        assertThat(refused("application/pdf;q=0, */*", "application/pdf")).isTrue();
        assertThat(refused("application/*;q=0, text/csv", "application/json")).isTrue();
        assertThat(refused("*/*, application/json;q=0", "application/json;charset=UTF-8")).isTrue();
        assertThat(refused("application/pdf, */*;q=0", "application/pdf")).isFalse();
        assertThat(refused("application/*, */*;q=0", "application/json")).isFalse();
        assertThat(refused("application/json;q=0.001", "application/json")).isFalse();
        assertThat(refused("text/csv", "application/json")).as("no range includes it: Spring MVC's matching decides").isFalse();
        assertThat(refused("*/*", "text/csv")).isFalse();
    }
}
