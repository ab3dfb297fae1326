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
 * A request with more than one {@code Authorization} header is 400 {@code invalid-header} naming it, before the security
 * filters read any of them (RFC 9110, 11.6.2: one field). Reason: the security filters judged the first, so the answer
 * depended on which came first (a fresh reviewer: frontend then admin was 403, admin then frontend 400), and a proxy in
 * front may act on the last. Registered ahead of the security filter chain ({@link StrictInputAutoConfiguration}).
 */
public final class SingleCredentials extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Enumeration<String> credentials = request.getHeaders("Authorization");
        if (credentials != null && credentials.hasMoreElements()) {
            credentials.nextElement();
            if (credentials.hasMoreElements()) {
                Problems.write(response, 400, "invalid-header", "Invalid header",
                        "Send one Authorization header; this request has more than one, and whose request it is is not known.",
                        request.getRequestURI(), Map.of("header", "authorization"));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
