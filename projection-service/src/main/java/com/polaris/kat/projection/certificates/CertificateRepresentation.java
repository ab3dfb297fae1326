package com.polaris.kat.projection.certificates;

import com.polaris.kat.security.strict.AcceptQuality;
import org.springframework.http.MediaType;

import java.util.List;

/**
 * Which representation {@code GET /api/certificates/{registrationId}} answers with: its JSON or its PDF, by the quality the
 * Accept header gives each (RFC 9110 12.5.1; each type's quality from its most specific range, {@link AcceptQuality}), the
 * higher winning, JSON on a tie, for a wildcard and when no Accept (or an empty list) is sent; none when neither has a quality above 0.
 * Reason: Spring MVC orders ranges without their quality 0, so {@code application/json;q=0, *}{@code /*} was sent to the JSON
 * endpoint and refused (406) though the PDF was acceptable (a fresh reviewer, 2026-12-03); the one endpoint of the address
 * now asks here.
 */
public final class CertificateRepresentation {

    private CertificateRepresentation() {
    }

    /**
     * @param acceptHeaders the request's Accept header lines (none: accepts anything)
     * @return {@link MediaType#APPLICATION_JSON}, {@link MediaType#APPLICATION_PDF}, or null when the header accepts neither
     */
    public static MediaType chosen(List<String> acceptHeaders) {
        List<MediaType> ranges = AcceptQuality.ranges(String.join(", ", acceptHeaders));
        if (ranges.isEmpty()) { // no header, a blank one or an empty list (",", RFC 9110 5.6.1): no preference (an unreadable one was refused, 400)
            return MediaType.APPLICATION_JSON;
        }
        double json = AcceptQuality.of(ranges, MediaType.APPLICATION_JSON);
        double pdf = AcceptQuality.of(ranges, MediaType.APPLICATION_PDF);
        if (json <= 0 && pdf <= 0) {
            return null;
        }
        return json >= pdf ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_PDF;
    }
}
