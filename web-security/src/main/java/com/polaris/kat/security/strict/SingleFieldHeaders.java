package com.polaris.kat.security.strict;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Enumeration;
import java.util.Map;

/**
 * A request with more than one {@code Authorization} or more than one {@code Content-Type} header is 400
 * {@code invalid-header} naming it (lower-case), before the security filters or the body's reading look at either. RFC 9110
 * 5.3: a field that is not a list is sent once (11.6.2 Authorization, 8.3 Content-Type); the server here read the first.
 * Reasons, both from fresh reviewers: the security filters judged the first Authorization, so the answer depended on which
 * came first (frontend then admin was 403, admin then frontend 400), and a proxy in front may act on the last; two
 * Content-Types were read as the first, so {@code application/json} then {@code text/plain} recorded the change and the
 * other order was 415. The other single-field headers the services act on are refused twice elsewhere:
 * {@code Idempotency-Key} by {@link RequestShape}, {@code Content-Length} and {@code Host} by Tomcat. Registered ahead of
 * the security filter chain ({@link StrictInputAutoConfiguration}).
 */
public final class SingleFieldHeaders extends OncePerRequestFilter {

    /** Each single field and what it decides, for the detail (checked in this order): a request sending two cannot be read one way. */
    private static final java.util.List<Map.Entry<String, String>> DECIDES = java.util.List.of(
            Map.entry("Authorization", "whose request it is"),
            Map.entry("Content-Type", "which type the body is written in"));

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (Map.Entry<String, String> header : DECIDES) {
            Enumeration<String> sent = request.getHeaders(header.getKey());
            if (sent != null && sent.hasMoreElements()) {
                sent.nextElement();
                if (sent.hasMoreElements()) {
                    Problems.write(response, 400, "invalid-header", "Invalid header",
                            "Send one " + header.getKey() + " header; this request has more than one, and " + header.getValue()
                                    + " is not known. Nothing was read or changed.",
                            request.getRequestURI(), Map.of("header", header.getKey().toLowerCase(java.util.Locale.ROOT)));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}
