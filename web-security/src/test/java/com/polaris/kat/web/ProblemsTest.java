package com.polaris.kat.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Default problem titles read as the product rules write their words. */
class ProblemsTest {

    @Test
    void aSlugsTitleIsItsWordsWithTheDomainsHyphenatedMakeUp() {
        assertThat(Problems.title("sold-out")).isEqualTo("Sold out");
        assertThat(Problems.title("invalid-make-up-places")).isEqualTo("Invalid make-up places");
        assertThat(Problems.title("make-up-places-held")).isEqualTo("Make-up places held");
    }
}
