package com.polaris.kat.enrollment.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

import java.net.URI;

/**
 * The {@code Location} of what a command creates: where it can be read, which is the projection
 * service (the read side), at {@code kat.http.read-base-url} (default {@code http://localhost:8082},
 * as infra/run.sh starts it; empty gives a path only, for a gateway that serves both services under
 * one host). A caller reads it with {@code ?minPosition=} set to the response's {@code KAT-Event-Position}.
 * Paths (docs/decisions.md): a module {@code /api/catalog/modules/{code}}, a series
 * {@code /api/catalog/series/{number}}, a registration {@code /api/registrations/{id}}, attendance,
 * corrections, evaluations and make-ups {@code /api/registrations/{id}/attendance}, rows of a participant
 * report set aside {@code /api/class-days/{classDayId}/roster}, an erasure request the clinician's audit trail
 * {@code /api/audit/clinicians/{clinicianId}}.
 */
@Component
public class ReadLocations {

    private final String base;

    /** @param base the projection service's base URL (no trailing slash needed), or empty for paths only */
    public ReadLocations(@Value("${kat.http.read-base-url:http://localhost:8082}") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * The read URL of a path template with its variables, in order, each encoded as one path segment (RFC 3986, by Spring's
     * {@code UriUtils.encodePathSegment}: a '/' in a value is {@code %2F}), e.g. {@code of("/api/registrations/{id}", id)}.
     * Built by substitution: Spring's {@code UriComponentsBuilder} parsed the template and built the components on every
     * answer, 1.5 % of the request threads' CPU in issue 12's profile of 2026-12-07.
     *
     * @throws IllegalArgumentException when the template's {@code {…}} and the variables differ in number
     */
    public URI of(String pathTemplate, Object... variables) {
        StringBuilder url = new StringBuilder(base.length() + pathTemplate.length() + 48).append(base);
        int from = 0;
        int used = 0;
        for (int open = pathTemplate.indexOf('{'); open >= 0; open = pathTemplate.indexOf('{', from)) {
            int close = pathTemplate.indexOf('}', open);
            if (close < 0 || used == variables.length) {
                throw new IllegalArgumentException("path template " + pathTemplate + " does not match its " + variables.length + " variables");
            }
            url.append(pathTemplate, from, open)
                    .append(UriUtils.encodePathSegment(String.valueOf(variables[used++]), java.nio.charset.StandardCharsets.UTF_8));
            from = close + 1;
        }
        if (used != variables.length) {
            throw new IllegalArgumentException("path template " + pathTemplate + " does not match its " + variables.length + " variables");
        }
        return URI.create(url.append(pathTemplate, from, pathTemplate.length()).toString());
    }

    /** Where a module can be read. */
    public URI module(String code) {
        return of("/api/catalog/modules/{code}", code);
    }

    /** Where a series can be read (by its number). */
    public URI series(int number) {
        return of("/api/catalog/series/{number}", number);
    }

    /** Where a registration's state can be read. */
    public URI registration(String registrationId) {
        return of("/api/registrations/{registrationId}", registrationId);
    }

    /** Where a class day's roster (who is expected, and their attendance) can be read. */
    public URI roster(String classDayId) {
        return of("/api/class-days/{classDayId}/roster", classDayId);
    }

    /** Where a registration's attendance, evaluations and make-ups can be read. */
    public URI attendance(String registrationId) {
        return of("/api/registrations/{registrationId}/attendance", registrationId);
    }
}
