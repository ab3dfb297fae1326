package com.polaris.kat.security.strict;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * A request whose path (as sent, path parameters after {@code ;} included) has a broken percent-encoding, or bytes that are no
 * UTF-8, is refused with 400 before anything reads it (RFC 3986 2.1: a {@code %} is followed by two hexadecimal digits). A
 * fresh reviewer's {@code /ledger;x=%ZZ}, signed in or not, was a 500 in all three applications with a stack trace logged at
 * ERROR for each request: the security filter chain's {@code ServletRequestPathFilter} decodes the path and throws. Registered
 * first ({@code Ordered.HIGHEST_PRECEDENCE}): by the services ({@link StrictInputAutoConfiguration}), answering the problem
 * {@code invalid-path}; by the staff console, answering its 400 page ({@link #forPages()}).
 * <p>
 * In a browser application ({@link #forPages}) every request, and in a service under the actuator's base path, it also refuses a
 * query parameter that cannot be read ({@link RequestShape#undecodableParameter}):
 * 400 {@code invalid-query} naming it. The actuator's endpoints are not the handlers whose queries {@link RequestShape} checks, and
 * the servlet container drops such a parameter without a word (a fresh reviewer's {@code /actuator/metrics/…?tag=uri:%ZZ}
 * answered the metric unfiltered).
 */
public final class PathEncoding extends OncePerRequestFilter {

    /** What is wrong, in the words both kinds of answer use. */
    public static final String DETAIL = "The request's path is not percent-encoded as a URL's path is (RFC 3986: each % is followed by two"
            + " hexadecimal digits, and the bytes they make are UTF-8); send %25 for a % sign. Nothing was read or changed.";

    private final boolean problems;
    private final String actuatorBasePath;

    private PathEncoding(boolean problems, String actuatorBasePath) {
        this.problems = problems;
        this.actuatorBasePath = actuatorBasePath.endsWith("/") ? actuatorBasePath : actuatorBasePath + "/";
    }

    /**
     * For the services: an RFC 9457 problem, {@code invalid-path} ({@code invalid-query} under the actuator).
     *
     * @param actuatorBasePath {@code management.endpoints.web.base-path}, e.g. "/actuator"
     */
    public static PathEncoding forApis(String actuatorBasePath) {
        return new PathEncoding(true, actuatorBasePath);
    }

    /**
     * For a browser application: the servlet container's error page for 400 with {@link #DETAIL} (or the query's words) as its
     * message.
     *
     * @param actuatorBasePath {@code management.endpoints.web.base-path}, e.g. "/actuator"
     */
    public static PathEncoding forPages(String actuatorBasePath) {
        return new PathEncoding(false, actuatorBasePath);
    }

    /**
     * Whether the path, as routing reads it (percent-decoded, path parameters after {@code ;} left out), is under the actuator's
     * base path: {@code /act%75ator/health} is the actuator's too (a fresh reviewer's metric came back unfiltered through it).
     */
    private boolean underActuator(String rawPath) {
        String decoded = rawPath.indexOf('%') >= 0 ? RequestShape.decoded(rawPath.replace("+", "%2B")) : rawPath;
        if (decoded != null && decoded.indexOf(';') >= 0) {
            decoded = decoded.replaceAll(";[^/]*", "");
        }
        return decoded != null && (decoded + "/").startsWith(actuatorBasePath);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (path != null && path.indexOf('%') >= 0 && RequestShape.decoded(path) == null) {
            if (problems) {
                Problems.write(response, 400, "invalid-path", "Invalid path", DETAIL, path, Map.of());
            } else {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST, DETAIL);
            }
            return;
        }
        // a browser application's every request (its sign-in form too, which Spring Security reads before any page's check: a fresh
        // reviewer's POST /login?x=%ZZ signed in while GET was refused); a service's under the actuator only, its other endpoints'
        // queries being RequestShape's (the public verification page ignores parameters it does not read)
        // (a query without a % decodes: nothing to check, and a service's registrations pay nothing for it)
        String query = request.getQueryString();
        String unreadable = query != null && query.indexOf('%') >= 0 && path != null && (!problems || underActuator(path))
                ? RequestShape.undecodableParameter(query) : null;
        if (unreadable != null) {
            if (problems) {
                Problems.write(response, 400, "invalid-query", "Invalid query parameter", RequestShape.undecodableDetail(unreadable), path,
                        Map.of("parameter", unreadable));
            } else {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST, RequestShape.undecodableDetail(unreadable));
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
