package com.polaris.kat.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;

/**
 * The one problem factory of both services: every error either service answers is an RFC 9457
 * problem ({@code application/problem+json}) built here, with the type {@code urn:kat:problem:<slug>}
 * (the slugs are listed in docs/problems.md), a title, the status, and a detail that says what to do.
 * The {@code instance} (the request's path) is filled in by Spring MVC when the problem is written
 * as a handler's answer, and by the caller where a filter writes it.
 */
public final class Problems {

    /** The prefix of every problem type. */
    public static final String TYPE_PREFIX = "urn:kat:problem:";

    private Problems() {
    }

    /** {@code urn:kat:problem:<slug>}. */
    public static URI type(String slug) {
        return URI.create(TYPE_PREFIX + slug);
    }

    /**
     * The default title of a slug: its words, the first capitalised ({@code sold-out} → "Sold out"), keeping the
     * domain's hyphenated "make-up" ({@code invalid-make-up-places} → "Invalid make-up places", as the product rules
     * write it).
     */
    public static String title(String slug) {
        String words = slug.replace('-', ' ').replace("make up", "make-up");
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** A problem with the slug's default title. */
    public static ProblemDetail of(HttpStatusCode status, String slug, String detail) {
        return of(status, slug, title(slug), detail);
    }

    /** A problem with its own title. */
    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(type(slug));
        body.setTitle(title);
        return body;
    }

    /** The problem as a handler's answer, with {@code Content-Type: application/problem+json}. */
    public static ResponseEntity<ProblemDetail> response(HttpStatus status, String slug, String detail) {
        return response(of(status, slug, detail));
    }

    /** {@link #response(HttpStatus, String, String)} with its own title. */
    public static ResponseEntity<ProblemDetail> response(HttpStatus status, String slug, String title, String detail) {
        return response(of(status, slug, title, detail));
    }

    /** A built problem as a handler's answer, with {@code Content-Type: application/problem+json}. */
    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
