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
    }

    @Test
    void aDomainIsComparedAsIdna2008NamesItSoSharpSIsItsOwnLetterAndAnIdeographicFullStopIsADot() {
        // "straße" is xn--strae-oqa under IDNA 2008 (a fresh reviewer's second seat), and another host than "strasse"
        assertThat(EmailAddresses.key("tp@xn--strae-oqa.de")).isEqualTo("tp@straße.de");
        assertThat(IDS.fromEmail("tp@xn--strae-oqa.de")).isEqualTo(IDS.fromEmail("tp@STRAẞE.de")).isEqualTo(IDS.fromEmail("tp@straße.de"));
        assertThat(IDS.fromEmail("tp@straße.de")).isNotEqualTo(IDS.fromEmail("tp@strasse.de"));
        // U+3002 separates labels in IDNA (a fresh reviewer's tp@example。org was a second clinician)
        assertThat(IDS.fromEmail("tp@example\u3002org")).isEqualTo(IDS.fromEmail("tp@example.org"));
        assertThat(IDS.fromEmail("tp@bücher\u3002de")).isEqualTo(IDS.fromEmail("tp@xn--bcher-kva.de"));
        // Greek capitals map to σ in a domain (UTS #46); the final ς is its own letter
        assertThat(IDS.fromEmail("tp@ΣΑΣ.gr")).isEqualTo(IDS.fromEmail("tp@xn--mxa9ab.gr"));
        // a label IDNA 2008 would flag leaves the others comparable (a fresh reviewer's two clinicians for each pair)
        assertThat(IDS.fromEmail("hy@ab--cd.bücher.de")).isEqualTo(IDS.fromEmail("hy@AB--CD.xn--bcher-kva.de"));
        assertThat(IDS.fromEmail("bd@1a.שלום.com")).isEqualTo(IDS.fromEmail("bd@1a.xn--9dbne9b.com"));
        // what UTS #46 cannot read stays lower-case as sent
        assertThat(EmailAddresses.key("a@xn--.de")).isEqualTo("a@xn--.de");
        assertThat(EmailAddresses.key("a@[1.2.3.4]")).isEqualTo("a@[1.2.3.4]");
    }

    /** Fresh reviewers' ΓΙΩΡΓΟΣ.ΠΑΠΑΣ@ beside γιωργος.παπας@, σασ@ beside ΣΑΣ@, and İDA@ beside ida@ were two clinicians each. */
    @Test
    void thePartBeforeTheAtIsComparedWithoutCaseAsUnicodeFoldsIt() {
        assertThat(IDS.fromEmail("ΓΙΩΡΓΟΣ.ΠΑΠΑΣ@example.org")).isEqualTo(IDS.fromEmail("γιωργος.παπας@example.org"));
        assertThat(IDS.fromEmail("σασ@example.org")).isEqualTo(IDS.fromEmail("ΣΑΣ@example.org")).isEqualTo(IDS.fromEmail("σας@example.org"));
        assertThat(IDS.fromEmail("İDA@example.org")).isEqualTo(IDS.fromEmail("ida@example.org")).isEqualTo(IDS.fromEmail("IDA@example.org"));
        assertThat(IDS.fromEmail("ẞMITH@example.org")).isEqualTo(IDS.fromEmail("ßmith@example.org"));
        assertThat(IDS.fromEmail("Dana.Rivera@example.org")).isEqualTo(IDS.fromEmail("dana.rivera@example.org"));
        assertThat(IDS.fromEmail("dana@example.org")).isNotEqualTo(IDS.fromEmail("dane@example.org"));
        // canonical caseless matching: the capital Ϊ with an acute folds as ΐ does (a fresh reviewer's second seat)
        assertThat(IDS.fromEmail("\u03A0\u0391\u03AA\u0301\u03A3\u0399\u039F\u03A3@example.gr")).isEqualTo(IDS.fromEmail("παΐσιος@example.gr"));
        assertThat(IDS.fromEmail("\u03AB\u03011@example.gr")).isEqualTo(IDS.fromEmail("ΰ1@example.gr"));
        // the dot above goes only after an i: q̇ is another letter than q
        assertThat(IDS.fromEmail("jq\u0307uin@example.org")).isNotEqualTo(IDS.fromEmail("jquin@example.org"));
        assertThat(EmailAddresses.hasInvalidInternationalLabel("hy2@bü--cher.de")).isTrue();
        assertThat(EmailAddresses.hasInvalidInternationalLabel("hy2@xn--b--cher-n2a.de")).isTrue();
        assertThat(EmailAddresses.hasInvalidInternationalLabel("hy3@bücher-.de")).isTrue();
        assertThat(EmailAddresses.hasInvalidInternationalLabel("hy@ab--cd.bücher.de")).isFalse();
        assertThat(EmailAddresses.hasInvalidInternationalLabel("dana@example.org")).isFalse();
    }

    /** A participant report's cell with a no-break space after it, or a domain with its root dot, is the same address. */
    @Test
    void aNoBreakSpaceAroundItAndADomainsRootDotAreLeftOut() {
        assertThat(EmailAddresses.key("\u00A0Ben.Demo@example.org.\u00A0")).isEqualTo("ben.demo@example.org");
        assertThat(EmailAddresses.key("ben@example.org..")).isEqualTo("ben@example.org..");
    }
}
