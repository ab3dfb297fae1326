package com.polaris.kat.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.util.Map;

/**
 * Answers any request whose failure says the database was away or refused for the moment
 * ({@link DatabaseFailures#unavailable}, whatever wraps it: Spring's data access exceptions, Axon's
 * {@code JdbcException}, a transaction that could not commit) with 503 {@code database-unavailable} and
 * {@code Retry-After: 2} (seconds), before Spring MVC's own resolvers see it; anything else goes on to them.
 * Both services (registered by {@link ApiContract}).
 * <p>Reason: Spring MVC takes a failure whose message mentions a broken pipe or a connection reset (the
 * database's socket, when PostgreSQL restarts) for the HTTP client gone away and completes the request with
 * {@code 200} and an empty body: a fresh reviewer's registrations during a database crash were answered so and
 * not recorded; others were 500 (2026-12-04).
 */
public class DatabaseUnavailableResolver implements HandlerExceptionResolver, Ordered {

    /** Seconds a client waits before sending the request again: PostgreSQL restarts its backends in about one. */
    public static final String RETRY_AFTER_SECONDS = "2";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DatabaseUnavailableResolver.class);

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        if (!DatabaseFailures.unavailable(failure) || response.isCommitted()) {
            return null;
        }
        log.warn("{} {} answered 503 database-unavailable: {}", request.getMethod(), request.getRequestURI(),
                com.polaris.kat.security.strict.Problems.printable(ProblemHandler.rootDescription(failure)));
        try {
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            com.polaris.kat.security.strict.Problems.write(response, 503, "database-unavailable", Problems.title("database-unavailable"),
                    detail(request.getMethod(), request.getRequestURI()), request.getRequestURI(), Map.of());
        } catch (IOException clientGone) {
            return null;
        }
        return new ModelAndView();
    }

    /**
     * What the client is told: a read read nothing; a command's change was made only if its transaction had committed
     * before the failure, so the same request with the same Idempotency-Key (or registration id) gives its one outcome.
     * An administrator's request ({@code /api/admin/…}: a projection's rebuild, a retry of parked events) takes no such key:
     * it is told to look at the state it changes before asking again (a fresh reviewer was told to resend a rebuild "with
     * the same Idempotency-Key", which a rebuild does not take, and a repeat starts another replay).
     *
     * @param path the request's path
     */
    static String detail(String method, String path) {
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        if (read) {
            return "The database could not be reached (it may be restarting); nothing was read. Send the same request again in a few seconds.";
        }
        if (path != null && path.startsWith("/api/admin/")) {
            return "The database could not be reached while this request ran (it may be restarting). What it asked for was done only if "
                    + "its transaction had committed before that: once the database answers, read the state it changes (e.g. GET "
                    + "/api/admin/projections/{name}: replaying, parked) and ask again only if it was not done.";
        }
        return "The database could not be reached while this request ran (it may be restarting). Its change was made only if its "
                + "transaction had committed before that: send the same request again in a few seconds, with the same Idempotency-Key "
                + "(or the same registration id), and the answer is its one outcome; nothing is done twice.";
    }

    /** Right after Spring Boot's error attributes (which only note the failure), before Spring MVC's own resolvers. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
