package com.polaris.kat.events.enrollment;

import java.net.IDN;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * One mailbox, however its domain is written: an internationalised domain may be sent as its Unicode labels
 * ({@code bücher.de}) or as their ASCII-compatible encoding ({@code xn--bcher-kva.de}, RFC 3492 Punycode with the
 * {@code xn--} prefix, RFC 5890), and both name the same host. A clinician's id is derived from {@link #key}, so both
 * spellings are one clinician (one seat per series, one credit balance, one erasure); the clinician search looks an
 * address up under each of its {@link #spellings}. Reason: a fresh reviewer registered {@code tp1901@bücher.de} and
 * {@code tp1901@xn--bcher-kva.de} as two clinicians in one series (docs/decisions.md).
 * <p>
 * Decoding uses the JDK's {@link IDN} (IDNA 2003), which keeps an encoded label whose decoding does not encode back to
 * it (e.g. {@code xn--strae-oqa}, "straße" under IDNA 2008, which IDNA 2003 maps to "strasse"): such a label stays as
 * sent, so two different hosts are never taken for one. Addresses whose domain is plain ASCII without an encoded label
 * (nearly all) keep the key they always had: trimmed and lower-case.
 */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    /**
     * The address as one mailbox is compared: trimmed, lower-case (Locale.ROOT), each {@code xn--} label of its domain
     * decoded to its Unicode label when that decoding encodes back to it. Never fails: what cannot be decoded stays as sent.
     *
     * @param email an address as sent (not null)
     * @return e.g. {@code tp1901@bücher.de} for {@code  TP1901@XN--BCHER-KVA.de }
     */
    public static String key(String email) {
        String normal = email.strip().toLowerCase(Locale.ROOT);
        int at = normal.lastIndexOf('@');
        if (at < 0 || !normal.substring(at + 1).contains("xn--")) {
            return normal;
        }
        return normal.substring(0, at + 1) + IDN.toUnicode(normal.substring(at + 1)).toLowerCase(Locale.ROOT);
    }

    /**
     * The ways this address may have been stored, for a lookup by address: the address as sent (trimmed), its
     * {@link #key}, and, for a domain with non-ASCII labels, the key's domain in ASCII-compatible encoding when that
     * encoding decodes back to it. Compared without case by the caller.
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
            try {
                String ascii = IDN.toASCII(domain).toLowerCase(Locale.ROOT);
                if (IDN.toUnicode(ascii).toLowerCase(Locale.ROOT).equals(domain)) {
                    out.add(key.substring(0, at + 1) + ascii);
                }
            } catch (IllegalArgumentException notAHostName) {
                // no encoded spelling: the address is looked up as sent and by its key
            }
        }
        return List.copyOf(out);
    }
}
