package com.polaris.kat.benchmark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the harness reads from a service's {@code -Xlog:gc} file for a window of its uptime: the pauses, the full
 * collections, and how much the heap left by one young collection grew by the next (what was promoted and stayed).
 * The lines are as JDK 25's SerialGC writes them.
 */
class GcPausesTest {

    @TempDir
    Path dir;

    @Test
    void pausesFullCollectionsAndTheOldGenerationsGrowthWithinTheWindow() throws Exception {
        Path log = dir.resolve("s.gc.log");
        Files.writeString(log, """
                [0.012s][info][gc] Using Serial
                [9.000s][info][gc] GC(1) Pause Young (Allocation Failure) 60M->30M(156M) 50.000ms
                [10.000s][info][gc] GC(2) Pause Young (Allocation Failure) 62M->31M(156M) 5.000ms
                [11.000s][info][gc] GC(3) Pause Young (Allocation Failure) 63M->33M(156M) 7.500ms
                [12.000s][info][gc] GC(4) Pause Full (Allocation Failure) 155M->43M(156M) 300.000ms
                [13.000s][info][gc] GC(5) Pause Young (Allocation Failure) 68M->44M(156M) 6.000ms
                [14.000s][info][gc] GC(6) Pause Young (Allocation Failure) 70M->44M(156M) 4.000ms
                [20.000s][info][gc] GC(7) Pause Young (Allocation Failure) 70M->90M(156M) 1.000ms
                """);

        Map<String, Object> window = Service.gcPauses(log, 10.0, 14.5);

        assertThat(window).containsEntry("pauses", 5L).containsEntry("full", 1L).containsEntry("longestMs", 300.0)
                .containsEntry("totalMs", 322.5);
        // 30->31 (the young collection before the window counts as the start), 31->33, then after the full 44->44:
        // (1 + 2 + 0) / 3
        assertThat(window).containsEntry("oldGrowthPerYoungMiB", 1.0);
    }

    @Test
    void noYoungCollectionPairMeansNoGrowth() throws Exception {
        Path log = dir.resolve("s.gc.log");
        Files.writeString(log, "[10.000s][info][gc] GC(2) Pause Young (Allocation Failure) 62M->31M(156M) 5.000ms\n");

        assertThat(Service.gcPauses(log, 0, 100)).containsEntry("pauses", 1L).containsEntry("full", 0L)
                .containsEntry("oldGrowthPerYoungMiB", 0.0);
    }
}
