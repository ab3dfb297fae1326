package com.polaris.kat.projection.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.polaris.kat.web.ProblemHandler;
import com.polaris.kat.web.Problems;

/** RFC 9457 problems for the read side, built by the problem factory both services share ({@link Problems}). */
@RestControllerAdvice
public class QueryProblems extends ProblemHandler {

    @ExceptionHandler(BadQuery.class)
    ResponseEntity<ProblemDetail> badQuery(BadQuery e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query parameter", e.getMessage());
        if (e.parameter() != null) {
            r.getBody().setProperty("parameter", e.parameter());
        }
        return r;
    }

    /** 404 not-found; for what commands write, read without {@code minPosition}, the detail says how to read a fresh write. */
    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> notFound(NotFound e, jakarta.servlet.http.HttpServletRequest request) {
        String detail = e.getMessage();
        if (e.writtenByCommands() && request.getParameter("minPosition") == null) {
            // the staff console leaves this sentence out of its pages by its opening words (ServiceProblem.READ_AFTER_WRITE_ADVICE)
            detail += " If a command just wrote it, it may not be visible yet: read with minPosition set to that command's KAT-Event-Position.";
        }
        return problem(HttpStatus.NOT_FOUND, e.slug(), e.slug().equals("not-found") ? "Not found" : Problems.title(e.slug()), detail);
    }

    /** 404 of the id's own type when a query parameter's id names nothing; {@code parameter} names the parameter. */
    @ExceptionHandler(FilterNamesNothing.class)
    ResponseEntity<ProblemDetail> filterNamesNothing(FilterNamesNothing e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.NOT_FOUND, e.slug(), Problems.title(e.slug()), e.getMessage());
        r.getBody().setProperty("parameter", e.parameter());
        return r;
    }

        @ExceptionHandler(ProjectionBehind.class)
    ResponseEntity<ProblemDetail> behind(ProjectionBehind e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.SERVICE_UNAVAILABLE, "projection-behind", "Projection behind", e.getMessage());
        if (e.parkedAt() != null) { // no retry helps before an administrator's: no Retry-After
            r.getBody().setProperty("projection", e.parkedIn());
            r.getBody().setProperty("parkedAt", e.parkedAt());
            return ResponseEntity.status(r.getStatusCode()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(r.getBody());
        }
        return ResponseEntity.status(r.getStatusCode()).header("Retry-After", "1").contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(r.getBody());
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
        return ResponseEntity.status(r.getStatusCode()).header("Retry-After", "5").contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /** Axon Server mode, Axon Server not reachable (the admin endpoints read its head): 503 with Retry-After (seconds). */
    @ExceptionHandler(com.polaris.kat.eventstore.axonserver.AxonServerUnavailable.class)
    ResponseEntity<ProblemDetail> axonServerUnavailable(com.polaris.kat.eventstore.axonserver.AxonServerUnavailable e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.SERVICE_UNAVAILABLE, "axon-server-unavailable", "Axon server unavailable",
                com.polaris.kat.eventstore.axonserver.AxonServerUnavailable.detail());
        return ResponseEntity.status(r.getStatusCode())
                .header("Retry-After", com.polaris.kat.eventstore.axonserver.AxonServerUnavailable.RETRY_AFTER_SECONDS).body(r.getBody());
    }

    /** 409 when a rebuild is asked of an instance that does not hold the projection's claims; {@code node}, {@code owners}. */
    @ExceptionHandler(RebuildElsewhere.class)
    ResponseEntity<ProblemDetail> rebuildElsewhere(RebuildElsewhere e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.CONFLICT, "rebuild-elsewhere", "Rebuild elsewhere", e.getMessage());
        r.getBody().setProperty("node", e.node());
        r.getBody().setProperty("owners", e.owners());
        return r;
    }

    /** 409 rebuild-in-progress or 503 projection-stalled (no Retry-After: a restart helps, waiting does not); {@code projection}. */
    @ExceptionHandler(RebuildRefused.class)
    ResponseEntity<ProblemDetail> rebuildRefused(RebuildRefused e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.valueOf(e.status()), e.slug(), Problems.title(e.slug()), e.getMessage());
        r.getBody().setProperty("projection", e.projection());
        return r;
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String slug, String title, String detail) {
        return Problems.response(status, slug, title, detail);
    }

}
