package com.polaris.kat.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A console request that names a field more than once, other than the fields its forms repeat on purpose (a report's
 * ticked {@code lines}; a roster record's {@code joined} and {@code left} times, one per segment; the upload form's CSRF
 * token, in its address and its body), is refused with the error page (400), nothing sent to the services; so is a
 * segment time with a comma (Spring would read "09:00,12:30" as two times). Query parameters, form fields and the fields and files of a multipart form
 * alike: it runs after Spring MVC has read the request, as a handler interceptor (an oversized upload is refused before,
 * at its file field). Reason: Spring reads a repeated field into one text joined with commas, so a crafted form recorded
 * an attendance correction with the reason "first,second" for good, also sent as multipart (fresh reviewers' findings;
 * the services refuse a repeated query parameter themselves).
 */
@Configuration(proxyBeanMethods = false)
public class SingleValuedFields implements WebMvcConfigurer {

    /** The fields the console's forms send more than once. */
    static final Set<String> REPEATED_ON_PURPOSE = Set.of("lines", "joined", "left", "reading");
    /**
     * Of those, the ones whose single value never holds a comma (a time; a report reading "file|zone"; a report's line group
     * does: "11,12").
     */
    static final Set<String> NO_COMMA = Set.of("joined", "left", "reading");
    /** The CSRF token: the upload form sends it in its address and its body alike (the same token: Spring Security reads one). */
    static final String CSRF = "_csrf";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
                if (request.getDispatcherType() == jakarta.servlet.DispatcherType.ERROR) {
                    return true; // the error page of the refusal itself (it sees the same fields)
                }
                // (a query parameter the web server could not decode is refused before, by PathEncoding, for every request)
                // a form larger than the web server reads (server.tomcat.max-http-form-post-size), or with more fields than it
                // reads, arrives with its fields dropped: refused as such, never read as a form with fields missing (a fresh
                // reviewer's 3 MB reason was answered "The registrationId is missing")
                Object parseFailed = request.getAttribute(org.apache.catalina.Globals.PARAMETER_PARSE_FAILED_REASON_ATTR);
                if (parseFailed != null) {
                    response.sendError(parseFailed == org.apache.tomcat.util.http.Parameters.FailReason.POST_TOO_LARGE
                            ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
                            : HttpServletResponse.SC_BAD_REQUEST, parseFailed == org.apache.tomcat.util.http.Parameters.FailReason.URL_DECODING
                            ? "A field of the form is not percent-encoded as forms are (each % is followed by two hexadecimal digits);"
                                    + " nothing was sent." // in words, not Tomcat's code (a fresh reviewer saw "(URL_DECODING)")
                            : parseFailed == org.apache.tomcat.util.http.Parameters.FailReason.POST_TOO_LARGE
                            ? "The form is larger than the console reads; nothing was sent." // not Tomcat's code (a fresh reviewer saw "(POST_TOO_LARGE)")
                            : "The form could not be read whole (" + parseFailed.toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ").");
                    return false;
                }
                String refused = refused(request);
                if (refused != null) {
                    response.sendError(HttpServletResponse.SC_BAD_REQUEST, refused);
                    return false;
                }
                return true;
            }
        });
    }

    /**
     * A path with a broken percent-encoding is the 400 page, before the security filters decode it and fail (a fresh reviewer's
     * {@code /ledger;x=%ZZ} was a 500 with a stack trace logged, signed in or not).
     */
    @org.springframework.context.annotation.Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<com.polaris.kat.security.strict.PathEncoding> pathEncoding(
            @org.springframework.beans.factory.annotation.Value("${management.endpoints.web.base-path:/actuator}") String actuatorBasePath) {
        var r = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                com.polaris.kat.security.strict.PathEncoding.forPages(actuatorBasePath));
        r.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        return r;
    }

    /** @return why the request is refused, or null */
    static String refused(HttpServletRequest request) {
        for (Map.Entry<String, String[]> field : request.getParameterMap().entrySet()) {
            // bytes that are no UTF-8 the web server reads as U+FFFD: refused, never recorded as such (a fresh reviewer's
            // failure reason "Bank closed%C3%28x" was recorded for good as "Bank closed\uFFFD(x")
            if (java.util.Arrays.stream(field.getValue()).anyMatch(v -> v.indexOf('\uFFFD') >= 0)) {
                return "The field " + field.getKey() + " holds bytes that are no UTF-8 text (shown as \uFFFD); type it again.";
            }
            boolean repeatable = REPEATED_ON_PURPOSE.contains(field.getKey())
                    || CSRF.equals(field.getKey()) && java.util.Arrays.stream(field.getValue()).distinct().count() == 1;
            if (field.getValue().length > 1 && !repeatable) {
                return "The field " + field.getKey() + " is sent more than once.";
            }
            if (NO_COMMA.contains(field.getKey()) && java.util.Arrays.stream(field.getValue()).anyMatch(v -> v.contains(","))) {
                return "The field " + field.getKey() + " holds a comma; send each value as its own field.";
            }
        }
        if (request instanceof MultipartHttpServletRequest multipart) {
            for (Map.Entry<String, List<org.springframework.web.multipart.MultipartFile>> file : multipart.getMultiFileMap().entrySet()) {
                if (file.getValue().size() > 1) {
                    return "The file " + file.getKey() + " is sent more than once.";
                }
            }
        }
        return null;
    }
}
