package com.polaris.kat.events.money;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.polaris.kat.events.json.EventJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MoneyTest {

    private final ObjectMapper json = EventJson.newObjectMapper();

    @Test
    void storedAsCentsAndNothingElse() throws Exception {
        assertThat(json.writeValueAsString(Money.ofCents(217_500))).isEqualTo("{\"cents\":217500}");
        assertThat(json.readValue("{\"cents\":217500}", Money.class)).isEqualTo(Money.ofCents(217_500));
    }

    @Test
    void halfOfAnOddNumberOfCentsRoundsUp() {
        assertThat(Money.ofCents(210_001).halfRoundedUp()).isEqualTo(Money.ofCents(105_001));
        assertThat(Money.ofCents(210_000).halfRoundedUp()).isEqualTo(Money.ofCents(105_000));
    }

    @Test
    void plainStringHasTwoDecimals() {
        assertThat(Money.ofCents(5).toPlainString()).isEqualTo("0.05");
        assertThat(Money.dollars(2100).toPlainString()).isEqualTo("2100.00");
        assertThat(Money.ofCents(-250).toPlainString()).isEqualTo("-2.50");
    }
}
