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
    void aDomainIsComparedAsIdna2008NamesItSoSharpSIsItsOwnLetterAndAnIdeographicFullStopIsADot() {
        // "straße" is xn--strae-oqa under IDNA 2008 (a fresh reviewer's second seat), and another host than "strasse"
        assertThat(EmailAddresses.key("tp@xn--strae-oqa.de")).isEqualTo("tp@straße.de");
        assertThat(IDS.fromEmail("tp@xn--strae-oqa.de")).isEqualTo(IDS.fromEmail("tp@STRAẞE.de")).isEqualTo(IDS.fromEmail("tp@straße.de"));
        assertThat(IDS.fromEmail("tp@straße.de")).isNotEqualTo(IDS.fromEmail("tp@strasse.de"));
        assertThat(EmailAddresses.spellings("tp@straße.de")).containsExactly("tp@straße.de", "tp@xn--strae-oqa.de");
        // U+3002 separates labels in IDNA (a fresh reviewer's tp@example。org was a second clinician)
        assertThat(IDS.fromEmail("tp@example\u3002org")).isEqualTo(IDS.fromEmail("tp@example.org"));
        assertThat(IDS.fromEmail("tp@bücher\u3002de")).isEqualTo(IDS.fromEmail("tp@xn--bcher-kva.de"));
        // Greek capitals map to σ in a domain (UTS #46); the final ς is its own letter
        assertThat(IDS.fromEmail("tp@ΣΑΣ.gr")).isEqualTo(IDS.fromEmail("tp@xn--mxa9ab.gr"));
        // what UTS #46 cannot read stays lower-case as sent
        assertThat(EmailAddresses.key("a@xn--.de")).isEqualTo("a@xn--.de");
        assertThat(EmailAddresses.key("a@[1.2.3.4]")).isEqualTo("a@[1.2.3.4]");
    }

    @Test
    void anAddressIsLookedUpUnderEachOfItsSpellings() {
        assertThat(EmailAddresses.spellings("tp1901@bücher.de")).containsExactly("tp1901@bücher.de", "tp1901@xn--bcher-kva.de");
        assertThat(EmailAddresses.spellings("TP1901@xn--bcher-kva.de"))
                .containsExactly("TP1901@xn--bcher-kva.de", "tp1901@bücher.de", "tp1901@xn--bcher-kva.de");
    }
}
