package com.polaris.kat.security.strict;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;

/**
 * Answers what Spring Security's {@link StrictHttpFirewall} (both services use its defaults, with the header rule
 * checked by {@link HeaderCharacters}) rejects, as a problem with the request's path as {@code instance}:
 * <ul>
 *   <li>a header whose name or value the firewall does not allow (its {@link StrictHttpFirewall#ALLOWED_HEADER_NAMES} and
 *       {@link StrictHttpFirewall#ALLOWED_HEADER_VALUES}: no control characters, which is what UTF-8 text such as
 *       {@code ключ} becomes when read, as HTTP reads header bytes, as ISO-8859-1): 400 {@code invalid-idempotency-key}
 *       for {@code Idempotency-Key}, else 400 {@code invalid-header}; {@code header} names it, and the detail the first
 *       character that is not printable ASCII (as sent: UTF-8 bytes are read as UTF-8 for it);</li>
 *   <li>a method outside {@link #METHODS} (TRACE, CONNECT, an unknown one): 501 {@code method-not-implemented};</li>
 *   <li>anything else it rejects (an empty or dot segment, an encoded slash, backslash or percent, a semicolon, a control
 *       character in the path): 400 {@code invalid-path}.</li>
 * </ul>
 * The firewall checks a header when it is read, so {@link ReadEveryHeader} reads every header once, right after the
 * security filters, on every request: a refused header is answered whether or not anything would have read it. The
 * header is found again here with the firewall's own rules.
 */
public final class FirewallRejections implements RequestRejectedHandler {

    /** What a 501 says, here and for Tomcat's own (CONNECT: {@link ProblemErrorReportValve}). */
    static final String METHOD_DETAIL = "Use the method the endpoint documents (GET, POST or PUT; HEAD and OPTIONS as HTTP defines them); "
            + "nothing was changed.";

    /** The HTTP methods the services answer at all (the firewall's own default set): any other is 501. */
    public static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e) throws IOException {
        if (!METHODS.contains(request.getMethod())) {
            // RFC 9110, 15.6.2: 501 when the server does not support the method for any resource (TRACE, CONNECT, or none
            // it knows); not the path's problem (a fresh reviewer got 400 invalid-path for "FOO" and "TRACE")
            // Tomcat refuses TRACE itself (405 with the servlet's generic Allow list) and renders that through an error
            // dispatch, which reaches this handler: its Allow header would name methods the path may not have
            String correlation = response.getHeader(com.polaris.kat.security.CorrelationFilter.HEADER);
            response.reset();
            if (correlation != null) {
                response.setHeader(com.polaris.kat.security.CorrelationFilter.HEADER, correlation);
            }
            Problems.write(response, 501, "method-not-implemented", "Method not implemented",
                    "The method " + shortened(request.getMethod()) + " is not used by this API. " + METHOD_DETAIL, requestedPath(request), Map.of());
            return;
        }
        for (String name : Collections.list(request.getHeaderNames())) {
            boolean nameRefused = !HeaderCharacters.allowedName(name);
            String value = nameRefused ? null : Collections.list(request.getHeaders(name)).stream()
                    .filter(v -> !HeaderCharacters.allowedValue(v)).findFirst().orElse(null);
            if (nameRefused || value != null) {
                headerRefused(request, response, name, nameRefused ? null : value);
                return;
            }
        }
        Problems.write(response, 400, "invalid-path", "Invalid path",
                "The path is not acceptable (an empty segment, a dot segment, an encoded slash, backslash or percent, a semicolon "
                        + "or a control character); check the URL.", request.getRequestURI(), Map.of());
    }

    /** The path the client asked for, also when the request reaches here as Tomcat's error dispatch (TRACE). */
    private static String requestedPath(HttpServletRequest request) {
        Object original = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        return original instanceof String path ? path : request.getRequestURI();
    }

    /** A method as sent (an HTTP token: printable ASCII), cut to 20 characters. */
    private static String shortened(String method) {
        return method.length() > 20 ? method.substring(0, 20) + "…" : method;
    }

    private static void headerRefused(HttpServletRequest request, HttpServletResponse response, String name, String value) throws IOException {
        if (value == null) {
            Problems.write(response, 400, "invalid-header", "Invalid header",
                    "A header name holds a character that is not allowed; header names are letters, digits and !#$%&'*+-.^_`|~.",
                    request.getRequestURI(), Map.of("header", asSent(name)));
        } else if (RequestShape.IDEMPOTENCY_KEY.equalsIgnoreCase(name)) {
            RequestShape.refuseKey(request, response, asSent(value));
        } else {
            Problems.write(response, 400, "invalid-header", "Invalid header",
                    "The header " + name + " holds a character that is not allowed: " + RequestShape.firstNotPrintable(asSent(value))
                            + "; send header values as printable ASCII (encode other text, e.g. percent-encoded UTF-8), or leave the header out.",
                    request.getRequestURI(), Map.of("header", name));
        }
    }

    /**
     * A header as the client sent it: the servlet container reads header bytes as ISO-8859-1; bytes that are UTF-8
     * are read again as UTF-8 (so {@code ключ} is named by its own characters), others are left as read.
     */
    static String asSent(String read) {
        byte[] bytes = read.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return read;
        }
    }

    /**
     * Reads every header name and value through the request the security filters hand on (the firewalled one), so the
     * firewall judges each on every request ({@link FirewallRejections} answers a refusal); registered right after the
     * security filter chain.
     */
    static final class ReadEveryHeader extends org.springframework.web.filter.OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, jakarta.servlet.FilterChain chain)
                throws jakarta.servlet.ServletException, IOException {
            for (String name : Collections.list(request.getHeaderNames())) {
                Collections.list(request.getHeaders(name));
            }
            chain.doFilter(request, response);
        }
    }
}
