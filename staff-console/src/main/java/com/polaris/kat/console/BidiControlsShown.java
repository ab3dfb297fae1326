package com.polaris.kat.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The console's HTML pages carry no bidirectional embedding, override or isolate control (U+202A–U+202E, U+2066–U+2069):
 * each is shown as U+FFFD, the replacement character. The services refuse them in request text (docs/decisions.md), but
 * text reaches a page from elsewhere too: a participant report's names in its import answer (the file is the video
 * platform's), or a value typed into an address that a page's message repeats; a fresh reviewer's "Guest U+202E Observer"
 * reversed the rest of its line. Pages only ({@code text/html}); downloads are relayed as the services wrote them.
 */
@Component
public class BidiControlsShown extends OncePerRequestFilter {

    /** {@code text} with each bidirectional embedding, override and isolate control replaced by U+FFFD. */
    static String shown(String text) {
        return com.polaris.kat.security.strict.BidiControls.replaced(text, c -> "\uFFFD");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, wrapper);
            String type = wrapper.getContentType();
            if (type != null && type.startsWith("text/html")) {
                Charset charset = wrapper.getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(wrapper.getCharacterEncoding());
                String html = new String(wrapper.getContentAsByteArray(), charset);
                String shown = shown(html);
                if (!shown.equals(html)) {
                    wrapper.resetBuffer();
                    wrapper.getOutputStream().write(shown.getBytes(charset));
                }
            }
        } finally {
            wrapper.copyBodyToResponse();
        }
    }

    /** Error pages too: they repeat what was asked for. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
