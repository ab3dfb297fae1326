package com.polaris.kat.security.strict;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * A request's {@code Content-Type} must name one concrete media type: a wildcard ({@code *}{@code /*},
 * {@code application/*}), a malformed value ({@code foo}, {@code application/}) or an unknown charset
 * is refused with 415 {@code unsupported-media-type} before anything reads the body (Spring MVC threw
 * an IllegalArgumentException for wildcards: a 500, issue 14). Concrete types the endpoint does not
 * read are left to Spring MVC, which answers the same problem type.
 */
public class MediaTypeCheck extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader("Content-Type");
        if (given != null) {
            String refusal = refusal(given);
            if (refusal != null) {
                Problems.write(response, 415, "unsupported-media-type", "Unsupported media type",
                        "The Content-Type '" + given + "' " + refusal + "; send application/json.", request.getRequestURI(), Map.of());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Why this Content-Type value cannot be read (null: it can be judged by the endpoint). */
    static String refusal(String value) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(value);
        } catch (InvalidMediaTypeException e) {
            return "is not a media type";
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            return "is a wildcard, not the type of the body";
        }
        String charset = type.getParameter("charset");
        if (charset != null) {
            try {
                Charset.forName(charset.replace("\"", ""));
            } catch (RuntimeException e) {
                return "names a charset this service does not know";
            }
        }
        return null;
    }
}
