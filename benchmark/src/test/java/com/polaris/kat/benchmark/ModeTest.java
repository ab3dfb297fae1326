package com.polaris.kat.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A mode's registration rows may be given other seconds for an experiment ({@code KAT_BENCH_LOAD_SECONDS}); nothing else moves. */
class ModeTest {

    @Test
    void rowSecondsAreTheModesUnlessGiven() {
        Mode quick = Mode.of("quick");
        assertThat(quick.loadSeconds()).isEqualTo(3);
        assertThat(quick.withLoadSeconds(null)).isEqualTo(quick);
        assertThat(quick.withLoadSeconds(" ")).isEqualTo(quick);
        Mode longer = quick.withLoadSeconds("15");
        assertThat(longer.loadSeconds()).isEqualTo(15);
        assertThat(longer.withLoadSeconds(null)).isEqualTo(longer);
        assertThat(longer).isEqualTo(new Mode("quick", quick.rawInsertSeconds(), quick.warmUpSeconds(), quick.maxWarmUpSeconds(), 15,
                quick.raceRounds(), quick.lagSeconds(), quick.pollingLagSeconds(), quick.historyEvents(), quick.rebuildAgain()));
    }

    @Test
    void secondsOutsideOneToOneHundredTwentyAreRefused() {
        for (String bad : new String[]{"0", "0.5", "121", "NaN", "-3"}) {
            assertThatThrownBy(() -> Mode.of("full").withLoadSeconds(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Mode.of("full").withLoadSeconds("fifteen")).isInstanceOf(NumberFormatException.class);
    }
}
