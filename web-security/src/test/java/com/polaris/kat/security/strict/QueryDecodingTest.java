package com.polaris.kat.security.strict;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query's names and values are decoded as the servlet container reads them, and one it cannot read is told apart (null),
 * so the request is refused instead of answered as if the parameter had not been sent (a fresh reviewer's
 * {@code ?reference=%ZZ} listed the whole ledger).
 */
class QueryDecodingTest {

    @Test
    void wellFormedValuesDecodeAsTheContainerReadsThem() {
        assertThat(RequestShape.decoded("ch_A%2BB")).isEqualTo("ch_A+B");
        assertThat(RequestShape.decoded("ch_A+B")).isEqualTo("ch_A B");
        assertThat(RequestShape.decoded("%7Bid%7D")).isEqualTo("{id}");
        assertThat(RequestShape.decoded("Jos%C3%A9")).isEqualTo("José");
        assertThat(RequestShape.decoded("%25")).isEqualTo("%");
        assertThat(RequestShape.decoded("")).isEmpty();
    }

    @Test
    void aBrokenPercentOrBytesThatAreNoUtf8CannotBeRead() {
        for (String broken : new String[]{"%ZZ", "%", "%2", "ch_PAIR%", "%G1", "%FF", "%C3", "%C3%28", "%\u0663\u0663"}) {
            assertThat(RequestShape.decoded(broken)).as(broken).isNull();
        }
    }
}
