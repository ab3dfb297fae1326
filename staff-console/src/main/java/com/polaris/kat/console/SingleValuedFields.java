package com.polaris.kat.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * A console request that names a field more than once, other than the fields its forms repeat on purpose (a report's
 * ticked {@code lines}; a roster record's {@code joined} and {@code left} times, one per segment), is refused with the
 * error page (400), nothing sent to the services. Reason: Spring reads a repeated field into one text joined with
 * commas, so a crafted form recorded an attendance correction with the reason "first,second" for good, and a filter
 * searched for "Wait,Reg" (a fresh reviewer's finding; the services refuse a repeated query parameter themselves).
 * Multipart uploads are left to their form's own checks (their size refusal is shown at the file field).
 */
@Component
public class SingleValuedFields extends OncePerRequestFilter {

    /** The fields the console's forms send more than once. */
    static final Set<String> REPEATED_ON_PURPOSE = Set.of("lines", "joined", "left");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            for (Map.Entry<String, String[]> field : request.getParameterMap().entrySet()) {
                if (field.getValue().length > 1 && !REPEATED_ON_PURPOSE.contains(field.getKey())) {
                    response.sendError(HttpServletResponse.SC_BAD_REQUEST, "The field " + field.getKey() + " is sent more than once.");
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}
