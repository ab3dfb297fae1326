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
 * The console's HTML pages carry no bidirectional embedding, override or isolate control (U+202A–U+202E, U+2066–U+2069)
 * and no code point HTML does not allow ({@link #notInHtml}: controls but tab, line feed and carriage return;
 * noncharacters): each is shown as U+FFFD, the replacement character. A refused form is shown again with what was typed, and a
 * fresh reviewer's NUL and U+0001 in a capacity change's reason were written back into its input (invalid HTML). The services refuse them in request text (docs/decisions.md), but
 * text reaches a page from elsewhere too: a participant report's names in its import answer (the file is the video
 * platform's), or a value typed into an address that a page's message repeats; a fresh reviewer's "Guest U+202E Observer"
 * reversed the rest of its line. Pages only ({@code text/html}); downloads are relayed as the services wrote them.
 */
@Component
public class ControlCharactersShown extends OncePerRequestFilter {

    /** {@code text} with each bidirectional control and each code point HTML does not allow ({@link #notInHtml}) replaced by U+FFFD. */
    static String shown(String text) {
        String bidiShown = com.polaris.kat.security.strict.BidiControls.replaced(text, c -> "\uFFFD");
        if (bidiShown.codePoints().noneMatch(ControlCharactersShown::notInHtml)) {
            return bidiShown;
        }
        StringBuilder out = new StringBuilder(bidiShown.length());
        bidiShown.codePoints().forEach(c -> out.appendCodePoint(notInHtml(c) ? 0xFFFD : c));
        return out.toString();
    }

    /**
     * A code point the HTML parser reports as an error in a page (HTML Living Standard: "control-character-in-input-stream",
     * "noncharacter-in-input-stream", "unexpected-null-character"): a C0 control other than tab, line feed and carriage
     * return (a form feed too: no form of the console takes one), DEL, a C1 control, a noncharacter (U+FDD0–U+FDEF, and the
     * last two code points of every plane).
     */
    static boolean notInHtml(int c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7F && c <= 0x9F
                || c >= 0xFDD0 && c <= 0xFDEF || (c & 0xFFFE) == 0xFFFE;
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
