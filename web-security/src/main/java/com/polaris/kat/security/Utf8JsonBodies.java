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
 * other than UTF-8 is refused before ({@code MediaTypeCheck}). Only POST, PUT and PATCH bodies are read, after authentication
 * (the filter is ordered after Spring Security's chain), within the size limit, and handed on from memory; a body that
 * stops arriving is answered by the web server itself, as before this filter.
 */
public class Utf8JsonBodies extends OncePerRequestFilter {

    /** Only JSON bodies (a coded body or another type was refused before, by {@code MediaTypeCheck}); a read takes no body and does not wait for one. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !BODY_METHODS.contains(request.getMethod()) || !com.polaris.kat.security.strict.MediaTypeCheck.isJson(type);
    }

    /** The methods whose requests carry a JSON body here. */
    private static final java.util.Set<String> BODY_METHODS = java.util.Set.of("POST", "PUT", "PATCH");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
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
