package com.polaris.kat.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id (the caller's X-Correlation-Id if sane) and puts it, with the
 * request's Idempotency-Key, in the logging context of every line the request logs; the response
 * echoes the correlation id. A failure no handler answered is logged here, with the correlation id, and answered
 * from the container's error path (500 {@code internal-error}): the container had logged it after the id was gone, so
 * the id a 500 asks the caller to report was in no log line (found by a fresh reviewer). Registered for both services
 * by SecurityAutoConfiguration.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationFilter extends OncePerRequestFilter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CorrelationFilter.class);

    public static final String HEADER = "X-Correlation-Id";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    public static final String MDC_KEY = "correlationId";
    public static final String MDC_IDEMPOTENCY_KEY = "idempotencyKey";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        MDC.put(MDC_KEY, id);
        String key = request.getHeader(IDEMPOTENCY_HEADER);
        if (key != null && SANE.matcher(key).matches()) {
            MDC.put(MDC_IDEMPOTENCY_KEY, key);
        }
        response.setHeader(HEADER, id);
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException failure) {
            // logged here, while the line can still carry the correlation id the 500 tells the caller to report (the
            // container would log it after this filter, without it); the container then answers from its error path
            log.error("Request {} {} failed", request.getMethod(), request.getRequestURI(), failure);
            if (response.isCommitted()) {
                throw failure;
            }
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        } finally {
            MDC.remove(MDC_KEY);
            MDC.remove(MDC_IDEMPOTENCY_KEY);
        }
    }
}
