package com.polaris.kat.projection.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.polaris.kat.security.strict.AcceptQuality;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The public verification's refusals as a page for a browser. Whatever answers a {@code /verify/{code}} request with an
 * RFC 9457 problem (the per-address limit's 429, the database's or a rebuild's 503, a fault's 500), a request that would
 * have been given the HTML page ({@link #wantsPage}: the Accept header does not prefer JSON and does not refuse HTML) gets
 * the same status and headers ({@code Retry-After} among them) with an HTML page ({@code templates/verify-problem.html},
 * rendered by Thymeleaf, every value escaped) showing the problem's title and detail, and the problem type in a
 * {@code data-problem-type} attribute. A request asking for JSON keeps the {@code application/problem+json} body.
 * <p>
 * The problem itself is decided where it is today (the controller, {@code DatabaseUnavailableResolver}, the read side's
 * problem handlers, the error controller); this filter only chooses its representation, so no refusal rule lives twice.
 * It runs for the request and for the container's error dispatch of a {@code /verify/} request (a failure no handler
 * answered). Reason: a clinician or a licensing board member who scans a certificate's QR code during an outage or after
 * too many tries was shown raw JSON (a fresh reviewer's finding, 2026-12-04); docs/decisions.md.
 */
public class VerificationProblemPage extends OncePerRequestFilter {

    private final ITemplateEngine templates;
    private final ObjectMapper json;

    /**
     * @param templates the service's Thymeleaf engine (Spring Boot's), which resolves {@code templates/verify-problem.html}
     * @param json      reads the problem body the request's handler wrote
     */
    public VerificationProblemPage(ITemplateEngine templates, ObjectMapper json) {
        this.templates = templates;
        this.json = json;
    }

    /**
     * Whether a request is answered with the page rather than JSON: HTML is not refused (quality 0) and JSON has no
     * higher quality than HTML, a type no range includes counting as 0 (RFC 9110 12.5.1, each type's quality from its most
     * specific range; no Accept header, or a QR scanner's {@code image/png}, gets the page). The one rule
     * {@link VerificationController#page} and this filter share.
     *
     * @param acceptHeaders every Accept line of the request, as sent
     */
    public static boolean wantsPage(List<String> acceptHeaders) {
        List<MediaType> accepted = AcceptQuality.ranges(String.join(", ", acceptHeaders));
        double html = AcceptQuality.of(accepted, MediaType.TEXT_HTML);
        return html != 0 && jsonQuality(accepted) <= Math.max(html, 0);
    }

    /**
     * {@link #wantsPage(List)} of the Accept header as the client sent it ({@code AcceptForProblems.asSent}: the application
     * sees it with {@code application/problem+json} added at the lowest quality, which must not count as the client's).
     */
    public static boolean wantsPage(HttpServletRequest request) {
        String sent = com.polaris.kat.security.strict.AcceptForProblems.asSent(request);
        return wantsPage(sent == null ? List.of() : List.of(sent));
    }

    /**
     * The quality the ranges give JSON: the higher of {@code application/json}'s and {@code application/problem+json}'s
     * (-1 when no range includes either). A client that accepts only problem JSON is a JSON client (it had been given the
     * HTML page, a fresh reviewer's finding).
     */
    public static double jsonQuality(List<MediaType> accepted) {
        return Math.max(AcceptQuality.of(accepted, MediaType.APPLICATION_JSON), AcceptQuality.of(accepted, MediaType.APPLICATION_PROBLEM_JSON));
    }

    /**
     * Whether a path is the public verification's: {@code /verify} and everything under {@code /verify/}. Only
     * {@code /verify/{code}} is served; the others are 404 to anyone, as a page to a browser.
     */
    public static boolean isVerificationPath(String path) {
        if (path == null || !path.startsWith("/")) {
            return false;
        }
        // its first segment as routing reads it, without its path parameters ("/verify;x=1/KAT-…", which the services refuse 400
        // invalid-path) and decoded alone ("/ver%69fy/AB%ZZ": the rest's broken escape had hidden it, a fresh reviewer's JSON)
        int end = path.indexOf('/', 1);
        String segment = end < 0 ? path.substring(1) : path.substring(1, end);
        int parameters = segment.indexOf(';');
        if (parameters >= 0) {
            segment = segment.substring(0, parameters);
        }
        if (segment.indexOf('%') >= 0) {
            try {
                segment = org.springframework.web.util.UriUtils.decode(segment, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notEncodedWell) {
                return false;
            }
        }
        return segment.equals(PREFIX.substring(1));
    }

    /** The public verification's path. */
    public static final String PREFIX = "/verify";

    /**
     * The page for a refusal of a {@code /verify} request: {@code templates/verify-problem.html} with the status, the
     * problem's type, title and detail, {@code retryAfter} (seconds, shown when it is a whole number) and the code the path
     * carries, as {@link VerificationController#echoed} shows typed codes. Also what {@link VerificationRefusalValve} renders
     * for the web server's own refusals.
     *
     * @param path the path asked for, still percent-encoded
     */
    static byte[] render(ITemplateEngine templates, int status, String type, String title, String detail, String retryAfter, String path) {
        Context model = new Context(Locale.ENGLISH);
        model.setVariable("status", status);
        model.setVariable("type", type);
        model.setVariable("title", title);
        model.setVariable("detail", detail);
        model.setVariable("retryAfterSeconds", retryAfter != null && retryAfter.matches("\\d{1,6}") ? Long.valueOf(retryAfter) : null);
        // what follows the verification's segment, however that segment was written ("/ver%69fy/…", "/verify;x=1/…")
        int slash = path.indexOf('/', 1);
        String code = slash < 0 ? "" : path.substring(slash + 1);
        try {
            code = org.springframework.web.util.UriUtils.decode(code, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncodedWell) {
            // shown as sent (escaped by the template)
        }
        model.setVariable("code", VerificationController.echoed(code));
        return templates.process("verify-problem", model).getBytes(StandardCharsets.UTF_8);
    }

    /** The path the client asked for: on the container's error dispatch, the failed request's, not the error page's. */
    private static String requestedPath(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return request.getDispatcherType() == DispatcherType.ERROR && original instanceof String s ? s : request.getRequestURI();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // any method: a browser's POST to a printed address is refused 405 as a page too (a fresh reviewer's)
        return !isVerificationPath(requestedPath(request)) || !wantsPage(request);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, held);
            String type = held.getContentType();
            if (held.getStatus() >= 400 && type != null && MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(type))) {
                byte[] page = page(held.getContentAsByteArray(), held.getStatus(), held.getHeader(HttpHeaders.RETRY_AFTER), request);
                held.resetBuffer();
                held.setContentType(MediaType.TEXT_HTML_VALUE);
                held.setCharacterEncoding(StandardCharsets.UTF_8.name());
                held.getOutputStream().write(page);
            }
        } finally {
            held.copyBodyToResponse();
        }
    }

    private byte[] page(byte[] problemBody, int status, String retryAfter, HttpServletRequest request) {
        JsonNode problem;
        try {
            problem = json.readTree(problemBody);
        } catch (IOException unreadable) {
            problem = json.createObjectNode();
        }
        return render(templates, status, problem.path("type").asText("about:blank"), problem.path("title").asText("The check could not be made"),
                problem.path("detail").asText(""), retryAfter, requestedPath(request));
    }
}
