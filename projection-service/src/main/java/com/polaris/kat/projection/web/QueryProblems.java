package com.polaris.kat.projection.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;

/** RFC 9457 problems for the read side. */
@RestControllerAdvice
public class QueryProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(BadQuery.class)
    ResponseEntity<ProblemDetail> badQuery(BadQuery e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query parameter", e.getMessage());
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(ProjectionBehind.class)
    ResponseEntity<ProblemDetail> behind(ProjectionBehind e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.SERVICE_UNAVAILABLE, "projection-behind", "Projection behind", e.getMessage());
        return ResponseEntity.status(r.getStatusCode()).header("Retry-After", "1").body(r.getBody());
    }

    /** 503 while a view this query reads is being rebuilt or first built; {@code projection}, {@code processedThrough}, {@code replayingUntil}. */
    @ExceptionHandler(ProjectionRebuilding.class)
    ResponseEntity<ProblemDetail> rebuilding(ProjectionRebuilding e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.SERVICE_UNAVAILABLE, "projection-rebuilding", "Projection rebuilding", e.getMessage());
        ProblemDetail body = r.getBody();
        body.setProperty("projection", e.replay().projection());
        if (e.replay().started()) {
            body.setProperty("processedThrough", e.replay().through());
            body.setProperty("replayingUntil", e.replay().until());
        }
        return ResponseEntity.status(r.getStatusCode()).header("Retry-After", "5").body(body);
    }

    /** 409 when a rebuild is asked of an instance that does not hold the projection's claims; {@code node}, {@code owners}. */
    /** Axon Server mode, Axon Server not reachable (the admin endpoints read its head): 503 with Retry-After (seconds). */
    @ExceptionHandler(com.polaris.kat.eventstore.axonserver.AxonServerUnavailable.class)
    ResponseEntity<ProblemDetail> axonServerUnavailable(com.polaris.kat.eventstore.axonserver.AxonServerUnavailable e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.SERVICE_UNAVAILABLE, "axon-server-unavailable", "Axon server unavailable",
                com.polaris.kat.eventstore.axonserver.AxonServerUnavailable.detail());
        return ResponseEntity.status(r.getStatusCode())
                .header("Retry-After", com.polaris.kat.eventstore.axonserver.AxonServerUnavailable.RETRY_AFTER_SECONDS).body(r.getBody());
    }

    @ExceptionHandler(RebuildElsewhere.class)
    ResponseEntity<ProblemDetail> rebuildElsewhere(RebuildElsewhere e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.CONFLICT, "rebuild-elsewhere", "Rebuild elsewhere", e.getMessage());
        r.getBody().setProperty("node", e.node());
        r.getBody().setProperty("owners", e.owners());
        return r;
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create("urn:kat:problem:" + slug));
        body.setTitle(title);
        return ResponseEntity.status(status).body(body);
    }

    /** 415 with this service's problem type {@code unsupported-media-type} (Spring's own answer has none). */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(@org.springframework.lang.NonNull org.springframework.web.HttpMediaTypeNotSupportedException ex,
                                                                     @org.springframework.lang.NonNull org.springframework.http.HttpHeaders headers,
                                                                     @org.springframework.lang.NonNull org.springframework.http.HttpStatusCode status,
                                                                     @org.springframework.lang.NonNull org.springframework.web.context.request.WebRequest request) {
        ex.getBody().setType(URI.create("urn:kat:problem:unsupported-media-type"));
        ex.getBody().setTitle("Unsupported media type");
        return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
    }
}
