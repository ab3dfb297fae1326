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
 * admit it. Success bodies are unaffected: a JSON endpoint still answers 406 (as a problem) to a
 * client that accepts neither JSON nor anything.
 * <p>
 * An Accept that is not a list of media ranges (RFC 9110 12.5.1: {@code garbage}, a quality outside 0 to 1 such as
 * {@code q=1.5}, not a number, {@code q=abc}, or with more than three decimals, {@code q=0.0001}) is 400
 * {@code invalid-header} naming {@code accept}, for every request,
 * before anything is read or changed: it had been replaced by the problem type alone, so a read answered 406 as if the
 * client had asked for a type the service does not have, and a command went ahead (a fresh reviewer).
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
        String unreadable = unreadable(accept);
        if (unreadable != null) {
            Problems.write(response, 400, "invalid-header", "Invalid header",
                    "The Accept header '" + Problems.printableAscii(accept) + "' is not a list of media ranges (" + Problems.printableAscii(unreadable)
                            + "); send media ranges such as 'application/json', 'text/csv' or '*/*', each quality from 0 to 1 with at most "
                            + "three decimals, or no Accept header. Nothing was read or changed.",
                    request.getRequestURI(), java.util.Map.of("header", "accept"));
            return;
        }
        String effective = effective(accept);
        if (effective != null && !effective.equals(accept)) {
            request.setAttribute(SENT, accept);
        }
        chain.doFilter(effective == null || effective.equals(accept) ? request : new WithAccept(request, effective), response);
    }

    /**
     * Why an Accept value cannot be read as media ranges (Spring's parser's reason, e.g. "Invalid quality value "1.5": should
     * be between 0.0 and 1.0"); null when it can, or when none or a blank one was sent (RFC 9110 12.5.1: no preference).
     */
    static String unreadable(String accept) {
        if (accept == null || accept.isBlank()) {
            return null;
        }
        try {
            for (MediaType range : MediaType.parseMediaTypes(accept)) {
                String q = range.getParameter("q");
                if (q != null && !QVALUE.matcher(q).matches()) {
                    // Java's number parser took 0.0001, 1e-1 and 0x1p-1, which RFC 9110's grammar does not have
                    return "the quality '" + q + "' is not a number from 0 to 1 with at most three decimals, RFC 9110 12.4.2";
                }
            }
            return null;
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return inWords(e.getMediaType());
        } catch (IllegalArgumentException e) {
            return inWords(accept);
        }
    }

    private static final java.util.regex.Pattern QUALITY = java.util.regex.Pattern.compile(";\\s*q\\s*=\\s*([^;,]*)");

    /**
     * Why the media range {@code bad} cannot be read, in the service's words, not the parser's ("Invalid media type …: For
     * input string: "abc"", a fresh reviewer's): its quality when that is what fails, else what a media range is.
     */
    private static String inWords(String bad) {
        java.util.regex.Matcher q = bad == null ? null : QUALITY.matcher(bad);
        if (q != null && q.find() && !QVALUE.matcher(q.group(1).strip()).matches()) {
            return "the quality '" + q.group(1).strip() + "' is not a number from 0 to 1 with at most three decimals, RFC 9110 12.4.2";
        }
        return "'" + bad + "' is no media range: a type and a subtype, such as application/json, or */* for any, then any ;name=value"
                + " parameters, RFC 9110 12.5.1";
    }

    /** RFC 9110 12.4.2's qvalue: 0 to 1, at most three decimals. */
    private static final java.util.regex.Pattern QVALUE = java.util.regex.Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    /** The Accept value the application sees (null: none given, or an empty list: as sent); {@code accept} is readable ({@link #unreadable}). */
    static String effective(String accept) {
        if (accept == null || accept.isBlank()) {
            return accept;
        }
        List<MediaType> types = MediaType.parseMediaTypes(accept);
        if (types.isEmpty()) { // "," (RFC 9110 5.6.1: an empty list) states no preference, as a blank header does
            return null;
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
