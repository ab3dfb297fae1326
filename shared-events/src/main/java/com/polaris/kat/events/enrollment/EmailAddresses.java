package com.polaris.kat.events.enrollment;

import com.ibm.icu.text.IDNA;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * One mailbox, however its domain is written: an internationalised domain may be sent as its Unicode labels
 * ({@code bücher.de}, {@code straße.de}), as their ASCII-compatible encoding ({@code xn--bcher-kva.de},
 * {@code xn--strae-oqa.de}: RFC 3492 Punycode with the {@code xn--} prefix, RFC 5890), in capitals, or with an ideographic
 * full stop between labels ({@code example。org}); each names the same host. The domain is compared as IDNA 2008 names it,
 * through Unicode's UTS #46 processing without transitional mappings (ICU4J's {@link IDNA}, the Unicode Consortium's own
 * implementation), so {@code straße.de} and {@code strasse.de} stay two hosts. A clinician's id is derived from
 * {@link #key}, so every spelling is one clinician (one seat per series, one credit balance, one erasure); the clinician
 * search looks an address up under each of its {@link #spellings}. Reason: fresh reviewers registered
 * {@code tp1901@bücher.de} beside {@code tp1901@xn--bcher-kva.de}, {@code tp@straße.de} beside {@code tp@xn--strae-oqa.de}
 * and {@code tp@example。org} beside {@code tp@example.org} as second clinicians in one series (docs/decisions.md).
 * <p>
 * A domain of plain ASCII without an encoded label (nearly every address) keeps the key it always had: trimmed and
 * lower-case, and ICU is not consulted.
 */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    /** UTS #46 as IDNA 2008 registries use it: no transitional mappings (ß, ς, ZWJ and ZWNJ are kept), bidi and joiner rules checked. */
    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE
            | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ);

    /**
     * The address as one mailbox is compared: trimmed; the part before the last @ lower-case (Locale.ROOT); the domain
     * lower-case when it is plain ASCII without an {@code xn--} label, else its UTS #46 Unicode form (mapped, decoded,
     * lower-case) when that has no error, else lower-case as sent. Never fails.
     *
     * @param email an address as sent (not null)
     * @return e.g. {@code tp1901@bücher.de} for {@code  TP1901@XN--BCHER-KVA.de }
     */
    public static String key(String email) {
        String stripped = email.strip();
        int at = stripped.lastIndexOf('@');
        if (at < 0) {
            return stripped.toLowerCase(Locale.ROOT);
        }
        return stripped.substring(0, at + 1).toLowerCase(Locale.ROOT) + domainKey(stripped.substring(at + 1));
    }

    private static String domainKey(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        if (lower.chars().allMatch(c -> c < 0x80) && !lower.contains("xn--")) {
            return lower;
        }
        IDNA.Info info = new IDNA.Info();
        String unicode = UTS46.nameToUnicode(domain, new StringBuilder(), info).toString();
        return info.hasErrors() ? lower : unicode;
    }

    /**
     * The ways this address may have been stored, for a lookup by address: the address as sent (trimmed), its
     * {@link #key}, and, for a domain that is not plain ASCII, the key with its domain in ASCII-compatible encoding (UTS #46,
     * when that has no error). Compared without case by the caller.
     *
     * @param email an address as sent (not null)
     * @return one to three spellings, the address as sent first
     */
    public static List<String> spellings(String email) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        out.add(email.strip());
        String key = key(email);
        out.add(key);
        int at = key.lastIndexOf('@');
        String domain = at < 0 ? "" : key.substring(at + 1);
        if (!domain.chars().allMatch(c -> c < 0x80)) {
            IDNA.Info info = new IDNA.Info();
            String ascii = UTS46.nameToASCII(domain, new StringBuilder(), info).toString();
            if (!info.hasErrors()) {
                out.add(key.substring(0, at + 1) + ascii);
            }
        }
        return List.copyOf(out);
    }
}
