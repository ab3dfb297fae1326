package com.polaris.kat.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Request bodies are bounded ({@code kat.http.max-body-bytes}, default 64 KiB; paths in {@code kat.http.large-body-paths}
 * up to {@code kat.http.max-large-body-bytes}, default 4 MiB: uploaded files): a declared length
 * above it is refused at once with 413 {@code body-too-large}; a body without a declared length
 * ({@code Transfer-Encoding: chunked}) is read first, at most one byte past the limit, and refused
 * with the same 413 when it passes it (it had ended as a 400 malformed-request when the JSON reader
 * hit the cut-off, issue 14); a chunked body within the limit is handed on from memory.
 */
public class BodySizeLimit extends OncePerRequestFilter {

    private final long defaultMaxBytes;
    private final long largeMaxBytes;
    private final java.util.List<String> largeBodyPaths;
    private final org.springframework.util.AntPathMatcher paths = new org.springframework.util.AntPathMatcher();

    /** Every request body at most {@code maxBytes}. */
    public BodySizeLimit(long maxBytes) {
        this(maxBytes, maxBytes, java.util.List.of());
    }

    /**
     * Bodies at most {@code maxBytes}, except requests whose path matches one of {@code largeBodyPaths} (Ant patterns,
     * e.g. {@code /api/class-days/*}{@code /participant-reports}: files, not JSON), which may carry up to {@code largeMaxBytes}.
     */
    public BodySizeLimit(long maxBytes, long largeMaxBytes, java.util.List<String> largeBodyPaths) {
        this.defaultMaxBytes = maxBytes;
        this.largeMaxBytes = largeMaxBytes;
        this.largeBodyPaths = java.util.List.copyOf(largeBodyPaths);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        long maxBytes = largeBodyPaths.stream().anyMatch(p -> paths.match(p, path)) ? largeMaxBytes : defaultMaxBytes;
        if (request.getContentLengthLong() > maxBytes) {
            tooLarge(request, response, maxBytes);
            return;
        }
        if (request.getContentLengthLong() >= 0 || request.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
            tooLarge(request, response, maxBytes);
            return;
        }
        chain.doFilter(new Buffered(request, body), response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, long maxBytes) throws IOException {
        com.polaris.kat.security.strict.Problems.write(response, 413, "body-too-large", "Body too large",
                "Request bodies are limited to " + maxBytes + " bytes.", request.getRequestURI(), java.util.Map.of());
    }

    /**
     * A request whose body was read into memory (within the limit). {@link Utf8JsonBodies} hands its body on so too, read
     * only when something asks for it ({@link #readBody}).
     */
    static class Buffered extends HttpServletRequestWrapper {
        private byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        /** A body read on first use, through {@link #readBody}. */
        Buffered(HttpServletRequest request) {
            super(request);
        }

        /** The body when it was not given: read from the wrapped request on first use; may refuse it with an unchecked exception. */
        byte[] readBody() throws IOException {
            throw new IllegalStateException("no body given");
        }

        private byte[] body() throws IOException {
            if (body == null) {
                body = readBody();
            }
            return body;
        }

        @Override
        public int getContentLength() {
            return body == null ? super.getContentLength() : body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body == null ? super.getContentLengthLong() : body.length;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body());
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buf, int off, int len) {
                    return in.read(buf, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener l) {
                    throw new UnsupportedOperationException("the body was already read");
                }
            };
        }
    }
}
