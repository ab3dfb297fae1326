package com.polaris.kat.enrollment.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

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

    /** The read URL of a path template with its variables encoded, e.g. {@code of("/api/registrations/{id}", id)}. */
    public URI of(String pathTemplate, Object... variables) {
        return URI.create(base + UriComponentsBuilder.fromPath(pathTemplate).buildAndExpand(variables).encode().toUriString());
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
