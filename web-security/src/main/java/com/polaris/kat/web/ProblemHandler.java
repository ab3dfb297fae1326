package com.polaris.kat.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.NonNull;
import org.springframework.lang.Nullable;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.Map;

/**
 * The base of both services' exception handlers: Spring MVC's own problems (a wrong method, media
 * type or path, a missing parameter) leave it typed {@code about:blank}; this gives them a
 * {@code urn:kat:problem:<slug>} type by status through {@link Problems}, so every problem either
 * service answers has a type of docs/problems.md: 400 {@code invalid-request}, 404 {@code not-found},
 * 405 {@code method-not-allowed}, 406 {@code not-acceptable}, 413 {@code body-too-large}, 415
 * {@code unsupported-media-type}, 500 {@code internal-error}, 503 {@code service-unavailable}.
 * A problem a handler typed itself is left as it is.
 */
public abstract class ProblemHandler extends ResponseEntityExceptionHandler {

    /** The slug of an untyped Spring MVC problem, by status. */
    static final Map<Integer, String> SLUGS = Map.of(
            400, "invalid-request",
            404, "not-found",
            405, "method-not-allowed",
            406, "not-acceptable",
            413, "body-too-large",
            415, "unsupported-media-type",
            500, "internal-error",
            503, "service-unavailable");

    @Override
    protected @NonNull ResponseEntity<Object> createResponseEntity(@Nullable Object body, @NonNull HttpHeaders headers,
                                                                   @NonNull HttpStatusCode statusCode, @NonNull WebRequest request) {
        if (body instanceof ProblemDetail p && (p.getType() == null || URI.create("about:blank").equals(p.getType()))) {
            String slug = SLUGS.getOrDefault(statusCode.value(), statusCode.is4xxClientError() ? "invalid-request" : "internal-error");
            p.setType(Problems.type(slug));
            p.setTitle(Problems.title(slug));
        }
        if (body instanceof ProblemDetail && headers.getContentType() == null) {
            HttpHeaders typed = new HttpHeaders();
            typed.putAll(headers);
            typed.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            headers = typed;
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }
}
