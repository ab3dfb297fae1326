package com.polaris.kat.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A JSON request body ({@code application/json} or any {@code +json} type) is UTF-8 (RFC 8259, section 8.1), read strictly:
 * a byte sequence that is not UTF-8 (a stray byte, a sequence cut short, an overlong form such as {@code C0 AF} for "/",
 * a surrogate) is {@code 400 malformed-request} naming the byte's offset, before anything reads the body; nothing is
 * changed. Reason: the JSON reader decoded overlong forms (a fresh reviewer's erasure reason {@code C0 AF} was recorded as
 * "/", and {@code C0 BC} as "<"), and answered other bytes in its own words ("Invalid UTF-8 start byte 0xff"). A charset
 * other than UTF-8 is {@code 415 unsupported-media-type}. Only POST, PUT and PATCH bodies are read, after authentication
 * (the filter is ordered after Spring Security's chain), within the size limit, and handed on from memory; a body that
 * stops arriving is answered by the web server itself, as before this filter.
 */
public class Utf8JsonBodies extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        boolean coded = java.util.Collections.list(request.getHeaders("Content-Encoding")).stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip).anyMatch(c -> !c.isEmpty() && !c.equalsIgnoreCase("identity"));
        if (type == null || coded || !BODY_METHODS.contains(request.getMethod())) {
            return true; // a coded body is refused as such (415), not read as text; a read takes no body and does not wait for one
        }
        String media = type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        return !(media.equals("application/json") || media.endsWith("+json"));
    }

    /** The methods whose requests carry a JSON body here. */
    private static final java.util.Set<String> BODY_METHODS = java.util.Set.of("POST", "PUT", "PATCH");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // as the header says it (a character-encoding filter may have set the request's own encoding since; the JSON reader
        // takes the header's)
        String charset = charsetOf(request.getHeader("Content-Type"));
        if (charset != null && !isUtf8(charset)) {
            // RFC 8259 defines no charset for JSON: UTF-8 bytes declared as ISO-8859-1 had been decoded as such and recorded
            // garbled ("zoÃ«"), a second clinician for one mailbox (a fresh reviewer's)
            com.polaris.kat.security.strict.Problems.write(response, 415, "unsupported-media-type", "Unsupported media type",
                    "JSON is sent in UTF-8 (RFC 8259): send the body without a charset, or with charset=UTF-8, not '"
                            + com.polaris.kat.security.strict.Problems.printable(charset) + "'; nothing was changed.", request.getRequestURI(),
                    java.util.Map.of());
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (IOException unreadable) {
            // the body stopped arriving or the connection failed: the web server has put the request in error and answers it
            // itself (its error report valve), as it did when the JSON reader met the same failure
            return;
        }
        int bad = firstNotUtf8(body);
        if (bad >= 0) {
            com.polaris.kat.security.strict.Problems.write(response, 400, "malformed-request", "Malformed request body",
                    "The body is not UTF-8 text: the byte at offset " + bad + " (0x" + String.format("%02X", body[bad] & 0xFF)
                            + ") does not belong to a UTF-8 character. JSON is sent in UTF-8 (RFC 8259); nothing was changed.",
                    request.getRequestURI(), java.util.Map.of());
            return;
        }
        chain.doFilter(new BodySizeLimit.Buffered(request, body), response);
    }

    /** The charset parameter of a Content-Type header, or null. */
    private static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String[] nameValue = parameter.split("=", 2);
            if (nameValue.length == 2 && nameValue[0].strip().equalsIgnoreCase("charset")) {
                return nameValue[1].strip();
            }
        }
        return null;
    }

    private static boolean isUtf8(String charset) {
        try {
            return java.nio.charset.Charset.forName(charset.strip().replace("\"", "")).equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /** The offset of the first byte that is not part of a well-formed UTF-8 sequence (Java's decoder: no overlong forms), or -1. */
    static int firstNotUtf8(byte[] body) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(body.length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            return in.position();
        }
        result = decoder.flush(out);
        return result.isError() ? in.position() : -1;
    }
}
