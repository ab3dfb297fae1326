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

    /**
     * A rule's refusal: its status and type; {@code field} names the request field when the refusal is about one, and the
     * refusal's other members follow ({@link Refusal#members()}).
     */
    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal refusal) {
        meters.counter("kat.refusals", "reason", refusal.type()).increment();
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.valueOf(refusal.kind().status()), refusal.type(), refusal.getMessage());
        if (refusal.field() != null) {
            r.getBody().setProperty("field", refusal.field());
        }
        refusal.members().forEach(r.getBody()::setProperty);
        return r;
    }

    /**
     * 404 {@code not-found}; {@code registration-not-found} when the missing stream is the
     * registration named in the path (commands on a registration are addressed to its own stream);
     * {@code series-not-found} when it is the series named in the path ({@code /api/series/{seriesId}/…},
     * {@code /api/catalog/series/{seriesId}/…}), as the endpoints document (a fresh reviewer got {@code not-found}
     * for an unknown series, 2026-12-01).
     */
    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e, jakarta.servlet.http.HttpServletRequest request) {
        String id = e.getAggregateIdentifier() == null ? null : e.getAggregateIdentifier().toString();
        if (id != null && request.getRequestURI().startsWith("/api/series/") && request.getRequestURI().contains("/registrations/" + id + "/")) {
            return problem(HttpStatus.NOT_FOUND, "registration-not-found", "There is no registration " + id + " in this series; check the id in the path.");
        }
        if (id != null && (request.getRequestURI().startsWith("/api/series/" + id + "/")
                || request.getRequestURI().startsWith("/api/catalog/series/" + id + "/"))) {
            return problem(HttpStatus.NOT_FOUND, "series-not-found", "There is no " + com.polaris.kat.events.catalog.SeriesIds.named(id) + "; check the id in the path.");
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

    /**
     * A body whose fields break their constraints: 400 {@code invalid-request} with {@code errors}, one {@code {field,
     * message}} per broken constraint in the body's order (field as its JSON path, message in {@link FieldMessages}' words;
     * a missing or blank field only as that), and a {@code detail} naming them separated by semicolons; nothing changed.
     */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException ex, @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        List<Map<String, String>> errors = FieldMessages.errors(ex.getBindingResult().getFieldErrors(), ex.getParameter().getParameterType());
        ProblemDetail body = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Some fields are missing or malformed: "
                + String.join("; ", errors.stream().map(m -> m.get("field") + " " + m.get("message")).toList()) + ".");
        body.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException ex, @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        ProblemDetail body = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request body", readableCause(ex));
        // the field (its JSON path), when the body failed at one: a form can show the words there (like a refusal's field)
        for (Throwable c = ex.getCause(); c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
                body.setProperty("field", path(m));
                break;
            }
        }
        return ResponseEntity.badRequest().body(body);
    }

    /**
     * The detail of a 400 {@code malformed-request}, in the request's terms: the field (its JSON path) and what it must be
     * (text, a whole number, true or false, a date, one of an enum's names, an object, a list), a number beyond what its
     * field can hold, a body that is not one JSON object, or what follows the JSON value (a second value, stray text).
     * Jackson's own messages and Java type names are not shown.
     */
    static String readableCause(HttpMessageNotReadableException ex) {
        Throwable c = ex.getCause();
        while (c != null && !(c instanceof com.fasterxml.jackson.core.JacksonException) && c.getCause() != c) {
            c = c.getCause();
        }
        if (c instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return "Unknown field '" + u.getPropertyName() + "'; remove it (known fields: " + u.getKnownPropertyIds() + ").";
        }
        com.fasterxml.jackson.core.exc.InputCoercionException overflow = causeOfType(c, com.fasterxml.jackson.core.exc.InputCoercionException.class);
        if (overflow != null) {
            Class<?> t = overflow.getTargetType();
            boolean isInt = t == int.class || t == Integer.class || t == short.class || t == Short.class;
            String field = c instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty() ? "Field '" + path(m) + "'" : "A number";
            return field + " is beyond what it can hold: a whole number from " + (isInt ? Integer.MIN_VALUE : Long.MIN_VALUE)
                    + " to " + (isInt ? Integer.MAX_VALUE : Long.MAX_VALUE) + " (and the documented range); send a smaller number.";
        }
        if (c instanceof com.fasterxml.jackson.core.JsonProcessingException j && afterTheValue(j)) {
            return "The body has more after its JSON value" + at(j) + "; send one JSON object and nothing after it.";
        }
        if (c instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException f && f.getTargetType() != null) {
            if (f.getPath().isEmpty()) {
                return "The body must be one JSON object with the operation's fields, not " + jsonKind(f) + ".";
            }
            Object value = f instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException i ? i.getValue() : null;
            // a JSON number with a fraction or an exponent reaches here as Jackson read it (2.1e5 as 210000.0): say which
            // kind of number was sent rather than show a text nobody typed (a fresh reviewer's)
            String shown = value instanceof Double || value instanceof Float || value instanceof java.math.BigDecimal
                    ? "a number with a fraction or an exponent (read as " + value + ")"
                    : "'" + com.polaris.kat.security.strict.Problems.printable(String.valueOf(value)) + "'";
            return "Field '" + path(f) + "' must be " + expected(f.getTargetType()) + (value == null ? "" : "; " + shown + " is not one") + ".";
        }
        if (c instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            // e.g. a date or instant beyond what java.time can hold ([1000000000,1,1])
            String words = jsonWords(m.getOriginalMessage());
            return words != null ? "The body is not valid JSON" + at(m) + ": " + words + "."
                    : "Field '" + path(m) + "' has a value that cannot be used: " + m.getOriginalMessage();
        }
        if (c instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            // never the parser's own words (fresh reviewers' "enable to allow" and "[Source: REDACTED"): ours, or where it is
            String words = jsonWords(j.getOriginalMessage());
            return "The body is not valid JSON" + at(j) + ": " + (words != null ? words
                    : "its syntax is broken there (check the quotes, commas, colons, brackets and numbers around it)") + ".";
        }
        if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
            // an empty body, or the JSON value null, which Spring reads as no body (a fresh reviewer's "could not be read")
            return "The body is empty or the JSON value null; send one JSON object with the operation's fields.";
        }
        return "The request body could not be read; send JSON as documented.";
    }

    /** Jackson's "Duplicate field 'x'", the field. */
    private static final java.util.regex.Pattern DUPLICATE_FIELD = java.util.regex.Pattern.compile("Duplicate field '([^']*)'");
    /** Jackson's "Unrecognized token 'x': was expecting …", its token. */
    private static final java.util.regex.Pattern UNRECOGNIZED_TOKEN = java.util.regex.Pattern.compile("Unrecognized token '([^']*)'");
    /** Jackson's "Unexpected character ('<' (code 60)): …", the character as it quotes it. */
    private static final java.util.regex.Pattern UNEXPECTED_CHARACTER = java.util.regex.Pattern.compile("Unexpected character \\(('.{1,2}') \\(code");

    /** The quoted first character of a JSON value or field name: a quote, a bracket, a brace, a digit, a minus, or t/f/n. */
    private static final java.util.regex.Pattern STARTS_AN_ENTRY = java.util.regex.Pattern.compile("'[\"\\[{0-9\\-tfn]'");

    /**
     * A JSON syntax failure in the request's terms, where the parser's own message names its settings or classes (a fresh
     * reviewer's "Feature 'ALLOW_COMMENTS' not enabled for parser", "enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS`",
     * "`StreamReadConstraints.getMaxNestingDepth()`", and a truncated body blamed on its last field); null for any other.
     */
    static String jsonWords(String parserMessage) {
        if (parserMessage == null) {
            return null;
        }
        java.util.regex.Matcher token = UNRECOGNIZED_TOKEN.matcher(parserMessage);
        if (token.lookingAt()) {
            return "'" + com.polaris.kat.security.strict.Problems.printable(token.group(1)) + "' is not a JSON value (text is in double"
                    + " quotes; true, false and null are lower-case)";
        }
        java.util.regex.Matcher duplicate = DUPLICATE_FIELD.matcher(parserMessage);
        if (duplicate.lookingAt()) {
            return "the field '" + com.polaris.kat.security.strict.Problems.printable(duplicate.group(1)) + "' is sent twice; send it once";
        }
        if (parserMessage.contains("plus sign") || parserMessage.contains("Leading zeroes") || parserMessage.contains("Decimal point not followed")
                || parserMessage.contains("Exponent indicator not followed") || parserMessage.startsWith("Invalid numeric value")) {
            return "a number is not written as JSON writes numbers (no plus sign, no leading zeros, digits after a decimal point and"
                    + " after an exponent)";
        }
        if (parserMessage.startsWith("Unexpected close marker")) {
            return "a closing bracket or brace does not match what is open there";
        }
        if (parserMessage.contains("Unrecognized character escape")) {
            return "a text has an escape JSON does not have (JSON's are \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t and \\u with four hex digits)";
        }
        if (parserMessage.contains("Illegal unquoted character")) {
            return "a text holds a control character, such as a tab or line break typed into it (write it as \\t or \\n)";
        }
        if (parserMessage.contains("was expecting double-quote to start field name")) {
            return "a field name is not in double quotes (JSON has no single quotes, and no comma before a closing brace)";
        }
        java.util.regex.Matcher character = UNEXPECTED_CHARACTER.matcher(parserMessage);
        if (parserMessage.contains("was expecting comma to separate")) {
            // a comma is missing only where the next entry could start; "0x10" or "1 b" has a character no value has
            // (a fresh reviewer's {"a":0x10} read "a comma is missing")
            return character.lookingAt() && !STARTS_AN_ENTRY.matcher(character.group(1)).matches()
                    ? "the character " + character.group(1) + " is not allowed there: after a value comes a comma, or the closing"
                    + " brace or bracket (JSON numbers are decimal digits)"
                    : "a comma is missing between two fields or two list items";
        }
        if (parserMessage.contains("hex-digit for character escape")) {
            return "a \\u escape in a text has fewer than four hex digits (write \\u00e9, not \\u0e9)";
        }
        if (parserMessage.contains("was expecting a colon")) {
            return "a colon is missing after a field name";
        }
        if (parserMessage.contains("end-of-input")) {
            return "it ends before its JSON value is complete (a closing quote, bracket or brace is missing)";
        }
        if (parserMessage.contains("ALLOW_COMMENTS")) {
            return "JSON has no comments; remove them";
        }
        if (parserMessage.contains("ALLOW_NON_NUMERIC_NUMBERS") || parserMessage.contains("'NaN'") || parserMessage.contains("Infinity")) {
            return "NaN and Infinity are not JSON numbers";
        }
        if (parserMessage.contains("NestingDepth") || parserMessage.contains("nesting depth")) {
            return "it is nested deeper than a request ever needs";
        }
        if (parserMessage.contains("StreamReadConstraints")) {
            return "a value in it is longer than a request ever needs";
        }
        if (character.lookingAt() && (parserMessage.contains("expected a valid value") || parserMessage.contains("expected a value"))) {
            return "the character " + character.group(1) + " cannot start a JSON value (an object starts with '{')";
        }
        if (character.lookingAt()) {
            return "the character " + character.group(1) + " is not allowed there";
        }
        return null;
    }

    private static <T extends Throwable> T causeOfType(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /**
     * Whether the body failed after its JSON value was complete: a second value (Jackson's trailing-token check,
     * {@code DeserializationFeature.FAIL_ON_TRAILING_TOKENS}) or text that is no JSON at all after it.
     */
    private static boolean afterTheValue(com.fasterxml.jackson.core.JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Trailing token")) {
            return true;
        }
        if (e.getOriginalMessage() != null && e.getOriginalMessage().contains("Expected space separating root-level values")) {
            return true; // "12abc": a number with more after it
        }
        // the root's entry count includes a token that failed to read: "hello", "<xml/>" or "NaN" fail as the first value
        // (count 1), "{} x" after it (count 2); only a stray closing "}" or "]" after the value starts no value (count 1);
        // fresh reviewers' "hello", "<xml/>" and "NaN" read "more after its JSON value"
        if (!(e instanceof com.fasterxml.jackson.core.JsonParseException && e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p
                && p.getParsingContext() != null && p.getParsingContext().inRoot())) {
            return false;
        }
        int entries = p.getParsingContext().getEntryCount();
        return entries > 1 || entries == 1 && e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Unexpected close marker");
    }

    /** " (line L, column C)" of the problem in the body, or "" when Jackson does not know it. */
    private static String at(com.fasterxml.jackson.core.JsonProcessingException e) {
        com.fasterxml.jackson.core.JsonLocation l = e.getLocation();
        return l == null || l.getLineNr() < 1 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    /** What a value of this Java type is in JSON. */
    private static String expected(Class<?> t) {
        if (t.isEnum()) {
            return "one of " + java.util.Arrays.toString(t.getEnumConstants()) + ", as text";
        }
        if (t == String.class || t == Character.class || t == char.class) {
            return "text";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class || t == Short.class || t == short.class
                || t == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(t) || t == double.class || t == float.class) {
            return "a number";
        }
        if (t == java.time.LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (t == java.time.Instant.class) {
            return "an instant: an ISO 8601 date and time with its offset (e.g. 2026-11-30T17:00:00Z or 2026-11-30T09:00:00-08:00), recorded in UTC";
        }
        if (java.util.Collection.class.isAssignableFrom(t) || t.isArray()) {
            return "a JSON array";
        }
        return "a JSON object";
    }

    /** The kind of JSON value the parser stood on when it failed (an array, text, a number, ...). */
    private static String jsonKind(com.fasterxml.jackson.databind.exc.MismatchedInputException f) {
        com.fasterxml.jackson.core.JsonToken token = f.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p ? p.currentToken() : null;
        if (token == null) {
            return "an empty body";
        }
        return switch (token) {
            case START_ARRAY, END_ARRAY -> "an array";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "null";
            default -> "this";
        };
    }

    /** The field's JSON path as a 422's {@code field} writes it: {@code payment.amountPaidCents}, {@code classDays[0].date}. */
    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            } else {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String slug, String detail) {
        return Problems.response(status, slug, detail);
    }

}
