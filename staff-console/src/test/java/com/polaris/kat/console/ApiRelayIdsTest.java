package com.polaris.kat.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Path variables the console would send to a service: one that cannot be an id (a dot segment, a slash, a backslash, a
 * control character) is refused in the console's words before anything is sent (a fresh reviewer's registration id
 * {@code ../../x} in a roster form read "could not be read at the HTTP level (e.g. an encoded NUL …)").
 */
class ApiRelayIdsTest {

    @Test
    void anIdThatCannotBeOneIsRefusedBeforeAnythingIsSent() {
        for (String bad : new String[]{"..", ".", "../../x", "a/b", "a\\b", "a\u0000b", "r1\n", "..;x", "%2e%2e", "a%b", "x;y", "a b",
                "x?y=1", "x#y", "ü", ""}) {
            ServiceProblem p = assertThrows(ServiceProblem.class, () -> ApiRelay.requireIds("series-20", bad));
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.slug()).isEqualTo("invalid-path");
            assertThat(p.detail()).contains("cannot be an id: an id has letters, digits and . _ ~ : - only").contains("Nothing was sent.")
                    .doesNotContain("\u0000").doesNotContain("\n");
        }
        ServiceProblem longOne = assertThrows(ServiceProblem.class, () -> ApiRelay.requireIds("x/".repeat(500)));
        assertThat(longOne.detail()).hasSizeLessThan(200);
    }

    @Test
    void idsAndOtherVariablesPass() {
        assertThatCode(() -> ApiRelay.requireIds("series-20", "M4-2023-11-13", "3f2b7c1e-8d4a-4b6f-9e2d-1a2b3c4d5e6f", "a..b", "KAT-1A2B-3C4D-5E6F",
                20, null)).doesNotThrowAnyException();
    }
}
