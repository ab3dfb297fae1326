package com.polaris.kat.projection.certificates;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * When a series certificate is issued and withdrawn, and what its verification code is: pure
 * functions, the one place of these rules (product rules "Attendance and CE": a certificate is due
 * when every module of the series is complete; issue 17: a code identifies one issued version).
 */
public final class CertificateRule {

    /** A code: "KAT-" and three groups of four upper-case hex digits (48 bits), e.g. {@code KAT-3F9A-C21B-77D0}. */
    private static final Pattern CODE = Pattern.compile("KAT-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}");

    private CertificateRule() {
    }

    /** One module a certificate lists: its code, title, the date attended and its approved CE hours. */
    public record Line(String moduleCode, String moduleTitle, LocalDate date, BigDecimal ceHours) {
        /** Equal lines certify the same thing (hours compared by value: 8 and 8.00 are equal). */
        boolean sameAs(Line o) {
            return moduleCode.equals(o.moduleCode) && date.equals(o.date) && ceHours.compareTo(o.ceHours) == 0;
        }
    }

    /** What to do with a registration's certificates after a change of its CE facts. */
    public enum Decision {
        /** Nothing changes (no certificate and none due, or the valid one still certifies exactly what is earned). */
        KEEP,
        /** Issue a first (or, after a withdrawal that left nothing valid, a new) certificate. */
        ISSUE,
        /** The valid certificate no longer holds and no new one is due: withdraw it. */
        WITHDRAW,
        /** The valid certificate no longer holds but the series is still complete: withdraw it and issue a new one (new code). */
        REISSUE
    }

    /**
     * A series certificate is due when the registration took the CE option, is not cancelled, and
     * has earned every module of its series.
     *
     * @param seriesModules the module codes the series runs (empty: no certificate is ever due)
     * @param earned        the module codes whose CE hours the registration holds now
     */
    public static boolean complete(boolean ceOption, boolean cancelled, Set<String> seriesModules, Collection<String> earned) {
        return ceOption && !cancelled && !seriesModules.isEmpty() && earned.containsAll(seriesModules);
    }

    /**
     * @param valid    the lines of the registration's valid certificate, if it has one
     * @param complete {@link #complete} after the change
     * @param now      the lines the registration would be certified for now (its earned modules of the series)
     */
    public static Decision decide(Optional<List<Line>> valid, boolean complete, List<Line> now) {
        if (valid.isEmpty()) {
            return complete ? Decision.ISSUE : Decision.KEEP;
        }
        if (!complete) {
            return Decision.WITHDRAW;
        }
        return same(valid.get(), now) ? Decision.KEEP : Decision.REISSUE;
    }

    private static boolean same(List<Line> a, List<Line> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Line x : a) {
            if (b.stream().noneMatch(x::sameAs)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The verification code of the certificate issued by an event: derived from that event's
     * identifier (a random UUID the event store keeps), so a rebuild issues the same code, and
     * nobody can compute a code from what they know about a registration.
     *
     * @param issuingEventId the identifier of the event that completed the series
     * @param registrationId the registration certified
     * @return e.g. {@code KAT-3F9A-C21B-77D0}
     */
    public static String code(String issuingEventId, String registrationId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("kat-certificate|" + issuingEventId + "|" + registrationId).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().withUpperCase().formatHex(digest, 0, 6);
            return "KAT-" + hex.substring(0, 4) + "-" + hex.substring(4, 8) + "-" + hex.substring(8, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The withdrawal reason a cancellation records (and {@link #withdrawnBy} reads back). */
    public static final String REGISTRATION_CANCELLED = "registration cancelled";

    /** The withdrawal reason a module's hours withdrawn record: "hours of M2 withdrawn: " and the decision's reason. */
    public static String hoursWithdrawn(String moduleCode, String reason) {
        return "hours of " + moduleCode + " withdrawn: " + reason;
    }

    /** Why a certificate was withdrawn, as far as the public may be told (no staff words). */
    public enum Withdrawal { REGISTRATION_CANCELLED, HOURS_WITHDRAWN, REPLACED }

    /**
     * The kind of a withdrawal from the reason {@link #REGISTRATION_CANCELLED} or {@link #hoursWithdrawn} recorded; any
     * other (the certified lines changed: a date moved, hours earned or upheld) is a replacement.
     */
    public static Withdrawal withdrawnBy(String reason) {
        String r = reason == null ? "" : reason;
        return r.startsWith(REGISTRATION_CANCELLED) ? Withdrawal.REGISTRATION_CANCELLED
                : r.startsWith("hours of ") && r.contains(" withdrawn: ") ? Withdrawal.HOURS_WITHDRAWN : Withdrawal.REPLACED;
    }

    /**
     * A code as typed in its canonical form ({@code KAT-XXXX-XXXX-XXXX}), or empty when it cannot be a code at all (then
     * nothing is looked up). Lower case, blanks and the dashes are the typist's: "kat 3f9a c21b 77d0" and "KAT3F9AC21B77D0"
     * are the same code (a fresh reviewer's board member typed it without dashes and was told no certificate had it), as are
     * dashes a word processor made of hyphens (U+2010–U+2015, U+2212).
     */
    public static Optional<String> canonical(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        String bare = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s\\-\u2010-\u2015\u2212]", "");
        if (!bare.matches("KAT[0-9A-F]{12}")) {
            return Optional.empty();
        }
        String c = "KAT-" + bare.substring(3, 7) + "-" + bare.substring(7, 11) + "-" + bare.substring(11, 15);
        return CODE.matcher(c).matches() ? Optional.of(c) : Optional.empty();
    }
}
