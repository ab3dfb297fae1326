package com.polaris.kat.events.enrollment;

import com.ibm.icu.text.IDNA;

import java.util.Locale;

/**
 * One mailbox, however its domain is written: an internationalised domain may be sent as its Unicode labels
 * ({@code bücher.de}, {@code straße.de}), as their ASCII-compatible encoding ({@code xn--bcher-kva.de},
 * {@code xn--strae-oqa.de}: RFC 3492 Punycode with the {@code xn--} prefix, RFC 5890), in capitals, or with an ideographic
 * full stop between labels ({@code example。org}); each names the same host. The domain is compared as IDNA 2008 names it,
 * through Unicode's UTS #46 processing without transitional mappings (ICU4J's {@link IDNA}, the Unicode Consortium's own
 * implementation), so {@code straße.de} and {@code strasse.de} stay two hosts. A clinician's id is derived from
 * {@link #key}, so every spelling is one clinician (one seat per series, one credit balance, one erasure); the
 * projection service keeps the key beside each address, and its clinician search compares keys. Reason: fresh reviewers registered
 * {@code tp1901@bücher.de} beside {@code tp1901@xn--bcher-kva.de}, {@code tp@straße.de} beside {@code tp@xn--strae-oqa.de}
 * and {@code tp@example。org} beside {@code tp@example.org} as second clinicians in one series (docs/decisions.md).
 * <p>
 * A domain of plain ASCII without an encoded label (nearly every address) keeps the key it always had: trimmed and
 * lower-case, and ICU is not consulted.
 */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    /**
     * UTS #46 as IDNA 2008 registries use it: no transitional mappings (ß, ς, ZWJ and ZWNJ are kept). Its validity checks
     * (bidi, joiners) are not asked for: they judge whether a name may be registered, not which host a name names.
     */
    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE);

    /**
     * The address as one mailbox is compared: trimmed (a no-break space too); the part before the last @ without case
     * ({@link #localKey}); the domain without a final root dot, lower-case when it is plain ASCII without an {@code xn--}
     * label, else label by label its UTS #46 Unicode form (mapped, decoded, lower-case), or lower-case as sent for a label
     * where that has an error.
     * Never fails.
     *
     * @param email an address as sent (not null)
     * @return e.g. {@code tp1901@bücher.de} for {@code  TP1901@XN--BCHER-KVA.de }
     */
    public static String key(String email) {
        String stripped = stripped(email);
        int at = stripped.lastIndexOf('@');
        if (at < 0) {
            return localKey(stripped);
        }
        return localKey(stripped.substring(0, at)) + "@" + domainKey(stripped.substring(at + 1));
    }

    /** Without the white space around it, a no-break space included (a participant report's cell pasted from a web page). */
    private static String stripped(String email) {
        int from = 0, to = email.length();
        while (from < to && (Character.isWhitespace(email.charAt(from)) || Character.isSpaceChar(email.charAt(from)))) {
            from++;
        }
        while (to > from && (Character.isWhitespace(email.charAt(to - 1)) || Character.isSpaceChar(email.charAt(to - 1)))) {
            to--;
        }
        return email.substring(from, to);
    }

    /**
     * The part before the @ without case: lower-case when it is ASCII; else Unicode's full case folding (ICU's
     * {@code UCharacter.foldCase}), which makes Σ, σ and the final ς one letter (Java's lower case makes a Σ before a
     * "." a σ, and a typed ς stayed ς: a fresh reviewer's ΓΙΩΡΓΟΣ.ΠΑΠΑΣ@ and γιωργος.παπας@ were two clinicians), ß and
     * ẞ "ss", and without the combining dot above that folding leaves of a Turkish İ (İDA@ and ida@ are one).
     */
    private static String localKey(String local) {
        if (local.chars().allMatch(c -> c < 0x80)) {
            return local.toLowerCase(Locale.ROOT);
        }
        // Unicode's canonical caseless match (NFD, fold, NFC): Ϊ́ and ΐ fold to one sequence only so (a fresh reviewer's
        // ΠΑΪ́ΣΙΟΣ@ and παΐσιος@); the dot above only where the folding of İ left it, after an i (q̇ stays q̇)
        String folded = com.ibm.icu.lang.UCharacter.foldCase(java.text.Normalizer.normalize(local, java.text.Normalizer.Form.NFD), true);
        return java.text.Normalizer.normalize(folded, java.text.Normalizer.Form.NFC).replace("i\u0307", "i");
    }

    /** What separates a domain's labels in IDNA (UTS #46): the full stop, and the ideographic and full-width ones. */
    private static final java.util.regex.Pattern LABEL_SEPARATOR = java.util.regex.Pattern.compile("[.\u3002\uFF0E\uFF61]");

    private static String domainKey(String sent) {
        // a fully qualified name's root dot ("example.org.") names the same host
        String domain = sent.endsWith(".") && !sent.endsWith("..") ? sent.substring(0, sent.length() - 1) : sent;
        // label by label: what IDNA 2008 would flag in one label ("ab--cd", a digit first beside a right-to-left label)
        // keeps the others comparable (a fresh reviewer's hy@ab--cd.bücher.de and …xn--bcher-kva.de were two clinicians)
        return java.util.Arrays.stream(LABEL_SEPARATOR.split(domain, -1)).map(EmailAddresses::labelKey)
                .collect(java.util.stream.Collectors.joining("."));
    }

    /**
     * Whether a label of the address's domain that is international (not plain ASCII, or {@code xn--}) is one IDNA 2008
     * does not allow (UTS #46 reports an error: {@code bü--cher}, {@code bücher-}, an undecodable {@code xn--} label). Such
     * a label has no one form both spellings share (its key is the label as sent), so the service refuses the address.
     */
    public static boolean hasInvalidInternationalLabel(String email) {
        String stripped = stripped(email);
        int at = stripped.lastIndexOf('@');
        return at >= 0 && LABEL_SEPARATOR.splitAsStream(stripped.substring(at + 1))
                .anyMatch(label -> international(label) && unicodeLabel(label) == null);
    }

    /** Whether the address has white space before or after it, a no-break space included (what {@link #key} leaves out). */
    public static boolean hasSpaceAround(String email) {
        return !stripped(email).equals(email);
    }

    /** Not plain ASCII, or an {@code xn--} label: one whose spellings IDNA maps. */
    private static boolean international(String label) {
        return !label.chars().allMatch(c -> c < 0x80) || label.regionMatches(true, 0, "xn--", 0, 4);
    }

    /** The label's UTS #46 Unicode form (mapped, decoded, lower-case), or null when UTS #46 reports an error. */
    private static String unicodeLabel(String label) {
        IDNA.Info info = new IDNA.Info();
        String unicode = UTS46.labelToUnicode(label, new StringBuilder(), info).toString();
        return info.hasErrors() ? null : unicode;
    }

    /** One label: lower-case when not {@link #international}; else its UTS #46 Unicode form, or lower-case as sent when that has an error. */
    private static String labelKey(String label) {
        String unicode = international(label) ? unicodeLabel(label) : null;
        return unicode != null ? unicode : label.toLowerCase(Locale.ROOT);
    }
}
