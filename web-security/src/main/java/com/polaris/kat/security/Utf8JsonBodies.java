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
 * "/", and {@code C0 BC} as "<"), and answered other bytes in its own words ("Invalid UTF-8 start byte 0xff"). The body
 * is read within the size limit ({@link BodySizeLimit} runs first) and handed on from memory.
 */
public class Utf8JsonBodies extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        boolean coded = java.util.Collections.list(request.getHeaders("Content-Encoding")).stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip).anyMatch(c -> !c.isEmpty() && !c.equalsIgnoreCase("identity"));
        if (type == null || coded) {
            return true; // a coded body is refused as such (415), not read as text
        }
        String media = type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        return !(media.equals("application/json") || media.endsWith("+json"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
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
