package com.polaris.kat.security.strict;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Refusals are always {@code application/problem+json}, whatever the {@code Accept} header says.
 * Spring MVC negotiates a problem's type against Accept like any body, so {@code Accept: image/png}
 * or an unparsable {@code Accept: garbage} turned every refusal into an empty body (issue 14). This
 * filter adds {@code application/problem+json} at the lowest quality to an Accept that does not
 * admit it, and replaces an unparsable Accept with it alone. Success bodies are unaffected: a JSON
 * endpoint still answers 406 (as a problem) to a client that accepts neither JSON nor anything.
 */
public class AcceptForProblems extends OncePerRequestFilter {

    static final String PROBLEM = "application/problem+json";
    /** Request attribute: the Accept header as the client sent it, when this filter changed what the application sees. */
    private static final String SENT = AcceptForProblems.class.getName() + ".sent";

    /**
     * The Accept header as the client sent it (several lines joined with ", "), for a detail that quotes it: not the value
     * this filter gives the application (a fresh reviewer read "application/problem+json;q=0.001" in a 406 as its own).
     * Null when none was sent.
     */
    public static String asSent(HttpServletRequest request) {
        Object sent = request.getAttribute(SENT);
        if (sent instanceof String s) {
            return s;
        }
        List<String> lines = Collections.list(request.getHeaders("Accept"));
        return lines.isEmpty() ? null : String.join(", ", lines);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // every Accept line, as one value (RFC 9110 5.3): the first alone had decided, and the others were lost when it was replaced
        List<String> lines = Collections.list(request.getHeaders("Accept"));
        String accept = lines.isEmpty() ? null : String.join(", ", lines);
        String effective = effective(accept);
        if (effective != null && !effective.equals(accept)) {
            request.setAttribute(SENT, accept);
        }
        chain.doFilter(effective == null || effective.equals(accept) ? request : new WithAccept(request, effective), response);
    }

    /** The Accept value the application sees (null: none given). */
    static String effective(String accept) {
        if (accept == null || accept.isBlank()) {
            return accept;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) { // InvalidMediaTypeException among them
            return PROBLEM;
        }
        MediaType problem = MediaType.APPLICATION_PROBLEM_JSON;
        boolean admitted = types.stream().anyMatch(t -> t.includes(problem) && t.getQualityValue() > 0);
        return admitted ? accept : accept + ", " + PROBLEM + ";q=0.001";
    }

    private static final class WithAccept extends HttpServletRequestWrapper {
        private final String accept;

        WithAccept(HttpServletRequest request, String accept) {
            super(request);
            this.accept = accept;
        }

        @Override
        public String getHeader(String name) {
            return "Accept".equalsIgnoreCase(name) ? accept : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Accept".equalsIgnoreCase(name) ? Collections.enumeration(List.of(accept)) : super.getHeaders(name);
        }
    }
}
