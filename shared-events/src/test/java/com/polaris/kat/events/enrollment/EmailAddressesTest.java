package com.polaris.kat.events.enrollment;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** One mailbox however its international domain is written (a fresh reviewer's two clinicians for one address). */
class EmailAddressesTest {

    private static final ClinicianIds IDS = new ClinicianIds("a-test-pseudonym-key-of-32-bytes".getBytes(StandardCharsets.UTF_8));

    @Test
    void anEncodedInternationalDomainIsTheSameMailboxAsItsUnicodeSpelling() {
        assertThat(EmailAddresses.key(" TP1901@XN--BCHER-KVA.de ")).isEqualTo("tp1901@bücher.de");
        assertThat(EmailAddresses.key("tp1901@Bücher.DE")).isEqualTo("tp1901@bücher.de");
        assertThat(IDS.fromEmail("tp1901@xn--bcher-kva.de")).isEqualTo(IDS.fromEmail("tp1901@bücher.de"));
        assertThat(IDS.fromEmail("tp1901@xn--bcher-kva.de")).isNotEqualTo(IDS.fromEmail("tp1901@bcher.de"));
    }

    @Test
    void aPlainAddressKeepsTheKeyItAlwaysHad() {
        assertThat(EmailAddresses.key("  Dana.Rivera@EXAMPLE.org ")).isEqualTo("dana.rivera@example.org");
        assertThat(EmailAddresses.key("no-at-sign")).isEqualTo("no-at-sign");
        assertThat(EmailAddresses.spellings("Dana.Rivera@example.org")).containsExactly("Dana.Rivera@example.org", "dana.rivera@example.org");
    }

    @Test
    void aLabelWhoseDecodingDoesNotEncodeBackStaysAsSentSoTwoHostsAreNeverOne() {
        // "straße" under IDNA 2008 is xn--strae-oqa; IDNA 2003 would map it to "strasse", another host
        assertThat(EmailAddresses.key("a@xn--strae-oqa.de")).isEqualTo("a@xn--strae-oqa.de");
        assertThat(IDS.fromEmail("a@xn--strae-oqa.de")).isNotEqualTo(IDS.fromEmail("a@strasse.de"));
        assertThat(EmailAddresses.spellings("a@straße.de")).containsExactly("a@straße.de").doesNotContain("a@strasse.de");
        assertThat(EmailAddresses.key("a@xn--.de")).isEqualTo("a@xn--.de");
    }

    @Test
    void anAddressIsLookedUpUnderEachOfItsSpellings() {
        assertThat(EmailAddresses.spellings("tp1901@bücher.de")).containsExactly("tp1901@bücher.de", "tp1901@xn--bcher-kva.de");
        assertThat(EmailAddresses.spellings("TP1901@xn--bcher-kva.de"))
                .containsExactly("TP1901@xn--bcher-kva.de", "tp1901@bücher.de", "tp1901@xn--bcher-kva.de");
    }
}
