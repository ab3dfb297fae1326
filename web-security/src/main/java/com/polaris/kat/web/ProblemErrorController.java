package com.polaris.kat.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * The services' {@code /error}: what no exception handler answered (an unexpected failure, a fault
 * in a filter) is still an RFC 9457 problem ({@code application/problem+json}) of docs/problems.md,
 * typed by status like Spring MVC's own problems ({@link ProblemHandler#SLUGS}: 500 {@code internal-error}),
 * with the request's path as {@code instance}; never Spring Boot's default error body. The servlet
 * container has already logged the failure with its stack trace and correlation id.
 * Registered by {@link ApiContract} (so not in the staff console, which has error pages).
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden // the container's error path, not an operation of the API
public class ProblemErrorController implements ErrorController {

    /** The detail of a 500 {@code internal-error}: a fault of the service, outcome unknown, and what to do. */
    static final String FAULT = "The service failed on this request: a fault of the service, not of the request. Whether it was "
            + "carried out is not known: read it back before sending it again (a command sent again with the same Idempotency-Key is "
            + "never done twice). Report it with the " + com.polaris.kat.security.CorrelationFilter.HEADER + " of this answer.";

    /**
     * {@code OPTIONS} of the error path asked for as an address: as {@link #error} (a mapping without methods does not take
     * OPTIONS, which Spring MVC then answered 200 with an Allow list, a fresh reviewer's).
     *
     * @throws org.springframework.web.servlet.resource.NoResourceFoundException for a request that is no error dispatch
     */
    @RequestMapping(value = "${server.error.path:${error.path:/error}}", method = org.springframework.web.bind.annotation.RequestMethod.OPTIONS)
    public ResponseEntity<ProblemDetail> options(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
            throws org.springframework.web.servlet.resource.NoResourceFoundException {
        return error(request, response);
    }

    /**
     * The error path is no address to ask for: a request that the container did not forward here after a failure (no error
     * dispatch, no error status) is 404 like any address nothing serves. Shared with the staff console's error pages.
     *
     * @throws org.springframework.web.servlet.resource.NoResourceFoundException for such a request
     */
    public static void refuseUnlessForwarded(HttpServletRequest request) throws org.springframework.web.servlet.resource.NoResourceFoundException {
        if (request.getDispatcherType() != jakarta.servlet.DispatcherType.ERROR && request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
            throw new org.springframework.web.servlet.resource.NoResourceFoundException(
                    org.springframework.http.HttpMethod.valueOf(request.getMethod()), request.getRequestURI());
        }
    }

    /**
     * The problem for the failed request the container forwarded here. Asked for as an address ({@code GET /error}, no error
     * dispatch): 404 {@code not-found} like any address no endpoint serves (it was a 500 saying the service failed).
     *
     * @throws org.springframework.web.servlet.resource.NoResourceFoundException for a request that is no error dispatch
     */
    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
            throws org.springframework.web.servlet.resource.NoResourceFoundException {
        refuseUnlessForwarded(request);
        // the error dispatch passes Spring Security's header writer by (it ran for the request): its headers, here
        com.polaris.kat.security.strict.Problems.secure(response);
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null ? HttpStatus.valueOf(c) : HttpStatus.INTERNAL_SERVER_ERROR;
        String slug = ProblemHandler.SLUGS.getOrDefault(status.value(), status.is4xxClientError() ? "invalid-request" : "internal-error");
        String detail = status.is5xxServerError()
                ? FAULT
                : status == HttpStatus.REQUEST_TIMEOUT
                ? "The request's body did not arrive in full: fewer bytes came than its Content-Length announced before the server "
                + "stopped waiting. Nothing was changed; send the whole request again."
                : "The request could not be served as sent (" + status.getReasonPhrase() + ").";
        ProblemDetail problem = Problems.of(status, slug, detail);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path && !path.isEmpty()) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException notAUri) {
                // a path that is no URI reference is not echoed
            }
        }
        return Problems.response(problem);
    }
}
