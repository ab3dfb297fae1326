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
 * a surrogate) is refused before anything parses the body, with {@link NotUtf8} ({@code 400 malformed-request} naming the
 * byte's offset, {@code ProblemHandler}); nothing is changed. Reason: the JSON reader decoded overlong forms (a fresh
 * reviewer's erasure reason {@code C0 AF} was recorded as "/", and {@code C0 BC} as "<"), and answered other bytes in its
 * own words ("Invalid UTF-8 start byte 0xff"). A charset other than UTF-8 is refused before ({@code MediaTypeCheck}).
 * <p>Only POST, PUT and PATCH bodies, and only when an endpoint reads them: the filter wraps the request, and the body is
 * read and checked when the endpoint's argument is read, after authentication and after the path, method and query were
 * found good; a path no endpoint serves stays {@code 404} (a fresh reviewer's bad body to a missing path read 400). A body
 * that stops arriving fails that read as it would without this filter (the web server answers it).
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
        chain.doFilter(new Checked(request), response);
    }

    /**
     * A JSON body that is not UTF-8, met when it was read: {@code offset} is the first byte (from 0) that is not part of a
     * well-formed UTF-8 character, {@code octet} its value (0–255). Answered {@code 400 malformed-request} by the services'
     * {@code ProblemHandler} with {@link #getMessage()} as the detail.
     */
    public static final class NotUtf8 extends RuntimeException {
        private final int offset;

        NotUtf8(int offset, int octet) {
            super("The body is not UTF-8 text: the byte at offset " + offset + " (0x" + String.format("%02X", octet)
                    + ") does not belong to a UTF-8 character. JSON is sent in UTF-8 (RFC 8259); nothing was changed.", null, false, false);
            this.offset = offset;
        }

        /** The offset of the first byte that is not UTF-8, from 0. */
        public int offset() {
            return offset;
        }
    }

    /** The request with its body read on first use, whole, and refused with {@link NotUtf8} unless it is UTF-8. */
    static final class Checked extends BodySizeLimit.Buffered {
        Checked(HttpServletRequest request) {
            super(request);
        }

        @Override
        byte[] readBody() throws IOException {
            byte[] body = getRequest().getInputStream().readAllBytes();
            int bad = firstNotUtf8(body);
            if (bad >= 0) {
                throw new NotUtf8(bad, body[bad] & 0xFF);
            }
            return body;
        }
    }

    /**
     * The offset (from 0) of the first byte that is not part of a well-formed UTF-8 sequence (Java's decoder: no overlong
     * forms, no encoded surrogates), or -1 when every byte is; also for CSV reports.
     */
    public static int firstNotUtf8(byte[] body) {
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
