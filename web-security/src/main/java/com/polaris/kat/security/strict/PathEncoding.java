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
 */
public final class PathEncoding extends OncePerRequestFilter {

    /** What is wrong, in the words both kinds of answer use. */
    public static final String DETAIL = "The request's path is not percent-encoded as a URL's path is (RFC 3986: each % is followed by two"
            + " hexadecimal digits, and the bytes they make are UTF-8); send %25 for a % sign. Nothing was read or changed.";

    private final boolean problems;

    private PathEncoding(boolean problems) {
        this.problems = problems;
    }

    /** For the services: an RFC 9457 problem, {@code invalid-path}. */
    public static PathEncoding forApis() {
        return new PathEncoding(true);
    }

    /** For a browser application: the servlet container's error page for 400 with {@link #DETAIL} as its message. */
    public static PathEncoding forPages() {
        return new PathEncoding(false);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (path != null && path.indexOf('%') >= 0 && RequestShape.decoded(path) == null) {
            if (problems) {
                Problems.write(response, 400, "invalid-path", "Invalid path", DETAIL, null, Map.of());
            } else {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST, DETAIL);
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
