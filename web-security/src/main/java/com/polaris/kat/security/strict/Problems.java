package com.polaris.kat.security.strict;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an RFC 9457 problem ({@code application/problem+json}: type {@code urn:kat:problem:<slug>},
 * title, status, detail, instance, and any extra members) straight to a servlet response, for
 * refusals decided before Spring MVC runs (filters, the security firewall, Tomcat's error valve).
 */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /**
     * @param instance the request's path (as received), or null
     * @param extra    further members (e.g. {@code parameter}), may be empty
     */
    public static void write(HttpServletResponse response, int status, String slug, String title, String detail, String instance,
                             Map<String, Object> extra) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:kat:problem:" + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        body.putAll(extra);
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}
