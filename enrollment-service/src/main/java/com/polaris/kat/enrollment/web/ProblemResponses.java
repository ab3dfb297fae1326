package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.rules.StreamUnreadable;
import com.polaris.kat.eventstore.axonserver.AxonServerUnavailable;
import com.polaris.kat.web.ProblemHandler;
import com.polaris.kat.web.Problems;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Every refusal and every bad request becomes an RFC 9457 problem (application/problem+json) with
 * a stable type from docs/problems.md and a detail that says what to do, built by the problem
 * factory both services share ({@link Problems}).
 */
@RestControllerAdvice
public class ProblemResponses extends ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    /** Retry-After of a stream-unreadable answer: long enough for a rolling deployment to reach this instance. */
    static final String STREAM_UNREADABLE_RETRY_AFTER_SECONDS = "60";

    /** {@code urn:kat:problem:<slug>} ({@link Problems#type}). */
    public static URI type(String slug) {
        return Problems.type(slug);
    }

    private final io.micrometer.core.instrument.MeterRegistry meters;

    public ProblemResponses(io.micrometer.core.instrument.MeterRegistry meters) {
        this.meters = meters;
    }

    /** A rule's refusal: its status and type; {@code field} names the request field when the refusal is about one. */
    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal refusal) {
        meters.counter("kat.refusals", "reason", refusal.type()).increment();
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.valueOf(refusal.kind().status()), refusal.type(), refusal.getMessage());
        if (refusal.field() != null) {
            r.getBody().setProperty("field", refusal.field());
        }
        return r;
    }

    /**
     * 404 {@code not-found}; {@code registration-not-found} when the missing stream is the
     * registration named in the path (commands on a registration are addressed to its own stream).
     */
    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e, jakarta.servlet.http.HttpServletRequest request) {
        String id = e.getAggregateIdentifier() == null ? null : e.getAggregateIdentifier().toString();
        if (id != null && request.getRequestURI().startsWith("/api/series/") && request.getRequestURI().contains("/registrations/" + id + "/")) {
            return problem(HttpStatus.NOT_FOUND, "registration-not-found", "There is no registration " + id + " in this series; check the id in the path.");
        }
        return problem(HttpStatus.NOT_FOUND, "not-found", "Nothing exists with the id " + e.getAggregateIdentifier() + "; check the id in the path.");
    }

    /**
     * An id that names a stream of another kind (a registration id that is a module's code, a series
     * id that is a registration's id): for the kind the command addresses there is no such thing, so
     * 404 as {@link #notFound} ({@code registration-not-found} for the registration in the path).
     * Axon finds it when the stream's first event does not make the aggregate (IncompatibleAggregateException).
     */
    @ExceptionHandler(org.axonframework.eventsourcing.IncompatibleAggregateException.class)
    ResponseEntity<ProblemDetail> otherKind(org.axonframework.eventsourcing.IncompatibleAggregateException e,
                                            jakarta.servlet.http.HttpServletRequest request) {
        log.warn("a request named a stream of another kind: {} {}", request.getRequestURI(), e.getMessage());
        String[] parts = request.getRequestURI().split("/");
        if (parts.length > 5 && "series".equals(parts[2]) && "registrations".equals(parts[4])) {
            return problem(HttpStatus.NOT_FOUND, "registration-not-found", "There is no registration " + parts[5]
                    + " in this series; check the id in the path.");
        }
        return problem(HttpStatus.NOT_FOUND, "not-found", "Nothing of this kind exists with the id in the path; check it.");
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> busy(ConcurrencyException e) {
        log.warn("command gave up after repeated write conflicts: {}", e.getMessage());
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.SERVICE_UNAVAILABLE, "write-conflict",
                "Too many simultaneous changes to the same record; nothing was changed. Send the same request again.");
        return ResponseEntity.status(r.getStatusCode()).header(HttpHeaders.RETRY_AFTER, "1").body(r.getBody());
    }

    /**
     * A stream this build cannot read in full (an event type it does not know): 503
     * {@code stream-unreadable} with {@code Retry-After} (seconds), nothing changed. Axon delivers
     * {@link StreamUnreadable} wrapped (MessageHandlerInvocationException); Spring matches it by
     * cause. The ERROR line naming the stream was logged where it was found
     * ({@link com.polaris.kat.enrollment.rules.ReadableStreamAggregate}).
     */
    @ExceptionHandler(StreamUnreadable.class)
    ResponseEntity<ProblemDetail> unreadable(StreamUnreadable e) {
        meters.counter("kat.refusals", "reason", "stream-unreadable").increment();
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.SERVICE_UNAVAILABLE, "stream-unreadable",
                "The history of " + e.aggregateId() + " holds an event this version of the service cannot read (sequence number "
                        + e.sequenceNumber() + ", type " + e.eventType() + "), so it takes no decision on it; nothing was changed. "
                        + "Send the same request again later; operators: deploy a version that knows this event type.");
        return ResponseEntity.status(r.getStatusCode()).header(HttpHeaders.RETRY_AFTER, STREAM_UNREADABLE_RETRY_AFTER_SECONDS)
                .body(r.getBody());
    }

    /**
     * Axon Server mode, Axon Server not reachable (or not taking commands yet after a restart):
     * 503 {@code axon-server-unavailable} with {@code Retry-After} (seconds), nothing changed. The
     * command gateway turns the connector's failure into {@link AxonServerUnavailable}
     * ({@link com.polaris.kat.enrollment.config.CommandFailures}).
     */
    @ExceptionHandler(AxonServerUnavailable.class)
    ResponseEntity<ProblemDetail> axonServerUnavailable(AxonServerUnavailable e) {
        log.warn("command not taken, Axon Server unavailable: {}", e.getMessage());
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.SERVICE_UNAVAILABLE, "axon-server-unavailable", AxonServerUnavailable.detail());
        return ResponseEntity.status(r.getStatusCode()).header(HttpHeaders.RETRY_AFTER, AxonServerUnavailable.RETRY_AFTER_SECONDS)
                .body(r.getBody());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException ex, @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        ProblemDetail body = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request",
                "Some fields are missing or malformed: " + errors.stream().map(m -> m.get("field") + " " + m.get("message")).toList());
        body.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException ex, @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        ProblemDetail body = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request body", readableCause(ex));
        return ResponseEntity.badRequest().body(body);
    }

    private static String readableCause(HttpMessageNotReadableException ex) {
        Throwable c = ex.getCause();
        while (c != null && !(c instanceof com.fasterxml.jackson.core.JacksonException) && c.getCause() != c) {
            c = c.getCause();
        }
        if (c instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return "Unknown field '" + u.getPropertyName() + "'; remove it (known fields: " + u.getKnownPropertyIds() + ").";
        }
        if (c instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException f && f.getTargetType() != null) {
            String path = path(f);
            Object value = f instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException i ? i.getValue() : null;
            return "Field '" + path + "'" + (value == null ? "" : " has the value '" + value + "', which") + " is not a valid "
                    + f.getTargetType().getSimpleName() + (f.getTargetType() == java.time.LocalDate.class ? " (use YYYY-MM-DD)" : "")
                    + (f.getTargetType().isEnum() ? " (one of " + java.util.Arrays.toString(f.getTargetType().getEnumConstants()) + ", as text)" : "") + ".";
        }
        if (c instanceof com.fasterxml.jackson.core.exc.InputCoercionException n) {
            return "A number is out of range for its field: " + n.getOriginalMessage();
        }
        if (c instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            // e.g. a date or instant beyond what java.time can hold ([1000000000,1,1])
            return "Field '" + path(m) + "' has a value that cannot be used: " + m.getOriginalMessage();
        }
        if (c instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            return "The body is not valid JSON: " + j.getOriginalMessage();
        }
        return "The request body could not be read; send JSON as documented.";
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> a + "." + b).orElse("?");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String slug, String detail) {
        return Problems.response(status, slug, detail);
    }

}
