package com.polaris.kat.console.e2e;

import com.polaris.kat.testsupport.FreePorts;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end runs' services get distinct ports: two chosen one after another had both been 32771, and the projection
 * service failed to start (CI of 2026-12-07).
 */
class FreePortsTest {

    @Test
    void portsChosenTogetherAreDistinct() {
        for (int round = 0; round < 20; round++) {
            int[] ports = FreePorts.distinct(8);
            assertThat(Arrays.stream(ports).distinct().count()).as(Arrays.toString(ports)).isEqualTo(8);
            assertThat(Arrays.stream(ports).allMatch(p -> p >= 1 && p <= 65_535)).as(Arrays.toString(ports)).isTrue();
        }
    }
}
