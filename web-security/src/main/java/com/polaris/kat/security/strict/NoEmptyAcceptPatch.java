package com.polaris.kat.security.strict;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * OPTIONS answers without an empty {@code Accept-Patch} header. Spring MVC's answer to OPTIONS sets it to the media types the
 * path's PATCH operations read, which is the empty list where there is none (no operation here is PATCH), and RFC 5789 3.1
 * makes the header a list of at least one media type (a fresh reviewer found it empty on every OPTIONS answer). Only OPTIONS
 * requests are wrapped.
 */
public class NoEmptyAcceptPatch extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"OPTIONS".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setHeader(String name, String value) {
                if (!emptyAcceptPatch(name, value)) {
                    super.setHeader(name, value);
                }
            }

            @Override
            public void addHeader(String name, String value) {
                if (!emptyAcceptPatch(name, value)) {
                    super.addHeader(name, value);
                }
            }
        });
    }

    private static boolean emptyAcceptPatch(String name, String value) {
        return "Accept-Patch".equalsIgnoreCase(name) && (value == null || value.isBlank());
    }
}
