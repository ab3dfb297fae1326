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
 * A problem a handler typed itself is left as it is. A database failure is 503 {@code database-unavailable}
 * or 500 {@code internal-error} ({@link #database}).
 */
public abstract class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProblemHandler.class);

    /** The slug of an untyped Spring MVC problem, by status. */
    static final Map<Integer, String> SLUGS = Map.of(
            400, "invalid-request",
            404, "not-found",
            405, "method-not-allowed",
            406, "not-acceptable",
            408, "request-timeout",
            413, "body-too-large",
            415, "unsupported-media-type",
            500, "internal-error",
            503, "service-unavailable");

    /**
     * A multipart body that cannot be read (no boundary, a part cut off, a stream that ends early): 400
     * {@code malformed-request}, on any endpoint. Spring parses a {@code multipart/*} body before it picks the
     * endpoint, so any path (even {@code GET /actuator/health}) had answered 500 and logged an ERROR without the
     * request's correlation id (found by a fresh reviewer). Too large a body stays 413 ({@code MaxUploadSizeExceededException},
     * handled by Spring's own handler).
     */
    @org.springframework.web.bind.annotation.ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    public ResponseEntity<ProblemDetail> unreadableMultipart(org.springframework.web.multipart.MultipartException e,
                                                             jakarta.servlet.http.HttpServletRequest request) {
        return malformed("The multipart/form-data body could not be read (" + com.polaris.kat.security.strict.Problems.printable(rootMessage(e))
                + "); send one with its boundary and every part complete, or the content type the operation documents. Nothing was read or changed.", request);
    }

    /** 400 {@code malformed-request} with this detail, its instance the request's path when that is a URI. */
    private static ResponseEntity<ProblemDetail> malformed(String detail, jakarta.servlet.http.HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatus.BAD_REQUEST, detail);
        p.setType(Problems.type("malformed-request"));
        p.setTitle("Malformed request body"); // the title ProblemResponses gives the type (RFC 9457: one title per type)
        try {
            p.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException notAUri) {
            // no instance then: the detail still says what is wrong
        }
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    /**
     * A JSON body that is not UTF-8, met when the endpoint read it ({@link com.polaris.kat.security.Utf8JsonBodies}): 400
     * {@code malformed-request} naming the first byte that is not (RFC 8259, section 8.1); nothing was read or changed.
     */
    @org.springframework.web.bind.annotation.ExceptionHandler(com.polaris.kat.security.Utf8JsonBodies.NotUtf8.class)
    public ResponseEntity<ProblemDetail> notUtf8(com.polaris.kat.security.Utf8JsonBodies.NotUtf8 e, jakarta.servlet.http.HttpServletRequest request) {
        return malformed(e.getMessage(), request);
    }

    /**
     * A database failure that reached an exception handler (any endpoint; also wrapped, Spring matches by cause). In the
     * services {@link DatabaseUnavailableResolver} answers the database away before this; here too, for any setup without it:
     * the database away or refusing for the moment ({@link DatabaseFailures#unavailable}: a lost connection, PostgreSQL restarting, a transaction
     * that could not commit): 503 {@code database-unavailable} with {@code Retry-After}; a read read nothing, a command's
     * change was made only if its transaction had committed before the failure, so the detail says to send the same request
     * again with the same Idempotency-Key (a repeat answers the first outcome). Any other database failure is a fault of the
     * service: 500 {@code internal-error}, logged as an ERROR with its exception.
     * <p>Reason: without this handler, Spring MVC took a failure whose message mentions a broken pipe or a connection reset
     * (the database's socket) for the HTTP client gone away and completed the request with {@code 200} and an empty body: a
     * fresh reviewer's registrations during a database crash were answered so and not recorded (2026-12-04).
     */
    @org.springframework.web.bind.annotation.ExceptionHandler({org.springframework.dao.DataAccessException.class,
            org.springframework.transaction.TransactionException.class})
    public ResponseEntity<ProblemDetail> database(Exception e, jakarta.servlet.http.HttpServletRequest request) {
        String where = request.getMethod() + " " + request.getRequestURI();
        if (!DatabaseFailures.unavailable(e)) {
            log.error("{} answered 500 {}: {}", where, e.getClass().getSimpleName(),
                    com.polaris.kat.security.strict.Problems.printable(String.valueOf(e.getMessage())), e);
            return Problems.response(Problems.of(org.springframework.http.HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                    ProblemErrorController.FAULT));
        }
        log.warn("{} answered 503 database-unavailable: {}", where, com.polaris.kat.security.strict.Problems.printable(rootDescription(e)));
        ProblemDetail p = Problems.of(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
                DatabaseUnavailableResolver.detail(request.getMethod(), request.getRequestURI()));
        return ResponseEntity.status(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER,
                DatabaseUnavailableResolver.RETRY_AFTER_SECONDS).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    /**
     * A path no endpoint serves: 404 {@code not-found} saying so, instead of Spring's "No static resource verify." (the
     * services serve no static resources; a fresh reviewer found the wording for {@code /verify/} misleading).
     */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(@NonNull org.springframework.web.servlet.resource.NoResourceFoundException e,
                                                                    @NonNull HttpHeaders headers, @NonNull HttpStatusCode status,
                                                                    @NonNull WebRequest request) {
        // the path as sent (Spring's resource path drops a trailing slash, naming a path that is served: a fresh reviewer's)
        String path = pathSent(request, "/" + e.getResourcePath());
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, "Nothing is served at " + com.polaris.kat.security.strict.Problems.printable(path)
                + " (" + e.getHttpMethod() + ")" + (path.length() > 1 && path.endsWith("/") ? ", with its trailing slash" : "")
                + "; check the path and the method against the API description (/v3/api-docs).");
        return createResponseEntity(p, headers, status, request);
    }

    /**
     * A body of a type the operation does not read (a type the services read elsewhere, e.g. JSON sent to the participant-report
     * import): 415 {@code unsupported-media-type} naming the types it reads (RFC 9110 15.5.16), instead of Spring's "Content-Type
     * '…' is not supported." (the second fresh reviewer of 2026-12-03: every other 415 says what to send).
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(@NonNull org.springframework.web.HttpMediaTypeNotSupportedException e,
                                                                     @NonNull HttpHeaders headers, @NonNull HttpStatusCode status,
                                                                     @NonNull WebRequest request) {
        String sent = e.getContentType() == null ? "a body without a Content-Type"
                : "the Content-Type '" + com.polaris.kat.security.strict.Problems.printable(e.getContentType().toString()) + "'";
        // only the types a request body may have here at all (MediaTypeCheck): Spring's list also names its converters'
        // patterns (application/*+json)
        String send = e.getSupportedMediaTypes().stream().map(t -> new MediaType(t.getType(), t.getSubtype()))
                .filter(t -> t.equals(MediaType.APPLICATION_JSON) || t.equals(MediaType.MULTIPART_FORM_DATA) || t.equals(new MediaType("text", "csv")))
                .map(MediaType::toString).distinct().sorted().collect(java.util.stream.Collectors.joining(" or "));
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, "This operation does not read " + sent
                + (send.isEmpty() ? "" : "; send the body as " + send) + ". Nothing was read or changed.");
        return handleExceptionInternal(e, p, headers, status, request);
    }

    /**
     * An Accept header that takes none of the types the operation answers with, or that cannot be read (a quality that is no
     * number, a type without its subtype): 406 {@code not-acceptable} naming the header as sent and the types to ask for
     * (RFC 9110 15.5.7), instead of Spring's "Acceptable representations: [application/json]." or its parser's words
     * ("For input string: \"abc\""), which a fresh reviewer found.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(@NonNull org.springframework.web.HttpMediaTypeNotAcceptableException e,
                                                                      @NonNull HttpHeaders headers, @NonNull HttpStatusCode status,
                                                                      @NonNull WebRequest request) {
        // as the client sent it (AcceptForProblems adds the problem type to what the application sees)
        String accept = request instanceof org.springframework.web.context.request.ServletWebRequest w
                ? com.polaris.kat.security.strict.AcceptForProblems.asSent(w.getRequest()) : request.getHeader(HttpHeaders.ACCEPT);
        java.util.List<String> answers = e.getSupportedMediaTypes().stream().map(t -> new MediaType(t.getType(), t.getSubtype()).toString())
                .filter(t -> !t.contains("*")).distinct().toList();
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, "The Accept header "
                + (accept == null ? "" : "'" + com.polaris.kat.security.strict.Problems.printable(accept) + "' ")
                + "takes none of the types this operation answers with" + (answers.isEmpty() ? "" : " (" + String.join(" or ", answers) + ")")
                + "; send Accept: " + (answers.isEmpty() ? "application/json" : answers.get(0))
                + ", */*, or no Accept header. Refusals are application/problem+json whatever is asked.");
        return handleExceptionInternal(e, p, headers, status, request);
    }

    /**
     * A method the path does not take: 405 {@code method-not-allowed} naming the path, the method sent and the ones it takes
     * (also in {@code Allow}, RFC 9110 15.5.6), instead of Spring's "Method 'DELETE' is not supported." (a fresh reviewer).
     */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(@NonNull org.springframework.web.HttpRequestMethodNotSupportedException e,
                                                                         @NonNull HttpHeaders headers, @NonNull HttpStatusCode status,
                                                                         @NonNull WebRequest request) {
        String path = pathSent(request, "this path");
        java.util.Set<org.springframework.http.HttpMethod> allowed = e.getSupportedHttpMethods();
        String takes = allowed == null || allowed.isEmpty() ? "" : "; it takes " + allowed.stream().map(org.springframework.http.HttpMethod::name)
                .sorted().collect(java.util.stream.Collectors.joining(", ")) + " (see Allow)";
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, com.polaris.kat.security.strict.Problems.printable(path) + " does not take "
                + com.polaris.kat.security.strict.Problems.printable(e.getMethod()) + takes + ". Nothing was changed.");
        return handleExceptionInternal(e, p, headers, status, request);
    }

    /**
     * Every problem Spring MVC's own handling answers; a 5xx among them (a response that could not be written, a path
     * variable the handler lacks: faults of the service, not of the request) is logged as an ERROR with its exception, as
     * the services' handlers of their own faults do. Reason: a second fresh reviewer's 500 "Failed to write request" left
     * no line in the log.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(@NonNull Exception ex, @Nullable Object body, @NonNull HttpHeaders headers,
                                                             @NonNull HttpStatusCode statusCode, @NonNull WebRequest request) {
        if (statusCode.is5xxServerError() && statusCode.value() != 503) {
            log.error("{} answered {} {}: {}", request.getDescription(false), statusCode.value(), ex.getClass().getSimpleName(),
                    com.polaris.kat.security.strict.Problems.printable(String.valueOf(ex.getMessage())), ex);
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    /** The request's path as the client sent it, or {@code otherwise} where the request is not a servlet's. */
    private static String pathSent(WebRequest request, String otherwise) {
        return request instanceof org.springframework.web.context.request.ServletWebRequest w ? w.getRequest().getRequestURI() : otherwise;
    }

    static String rootMessage(Throwable e) {
        return String.valueOf(root(e).getMessage());
    }

    /**
     * The innermost cause for a log line: its type's simple name, and its message where it has one (a 503's WARN had ended
     * in "null" or nothing for a cause without a message, a fresh reviewer's finding).
     */
    static String rootDescription(Throwable e) {
        Throwable t = root(e);
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

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
