package com.polaris.kat.security.strict;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/** The loop decides as Spring Security's own header predicates do, on every character and on surrogate pairs. */
class HeaderCharactersTest {

    @Test
    void everyCodePointIsJudgedAsSpringSecurityJudgesIt() {
        int checked = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp += cp < 0x20000 ? 1 : 97) {
            String one = new String(Character.toChars(cp));
            String inText = "ab" + one + "cd";
            assertThat(HeaderCharacters.allowedName(one)).as("name U+%04X", cp).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(one));
            assertThat(HeaderCharacters.allowedValue(inText)).as("value U+%04X", cp)
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(inText));
            checked++;
        }
        assertThat(checked).isGreaterThan(0x20000);
    }

    @Test
    void theCasesThatMatter() {
        for (String s : new String[]{"Idempotency-Key", "reg-2026-0001", "a\tb", "a\u0000b", "\u007f", "\u0085", "ключ", "\uD83D\uDE00",
                "\uD800", "x\uDC00y", "\u0378", "", "\u00e9t\u00e9"}) {
            assertThat(HeaderCharacters.allowedName(s)).as("name %s", s).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(s));
            assertThat(HeaderCharacters.allowedValue(s)).as("value %s", s).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(s));
        }
        assertThat(HeaderCharacters.allowedValue("a\tb")).isTrue();
        assertThat(HeaderCharacters.allowedName("a\tb")).isFalse();
        assertThat(HeaderCharacters.allowedValue("a\u0001b")).isFalse();
    }
}
