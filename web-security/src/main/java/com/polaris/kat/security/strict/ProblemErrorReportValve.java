package com.polaris.kat.security.strict;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.res.StringManager;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's own error answers (a request it refuses before the application sees it, e.g. an encoded
 * NUL, slash or backslash in the path: 400) as RFC 9457 problems instead of Tomcat's HTML page.
 * Type {@code urn:kat:problem:bad-request} for 400, {@code body-too-large} for 413, {@code method-not-implemented}
 * for 501 (CONNECT), else
 * {@code http-<status>}. A request line or header section larger than the connector reads
 * ({@code server.max-http-request-header-size}), which Tomcat refuses with a bare 400, is answered as the HTTP
 * specifications name it: 414 {@code uri-too-long} when the request line itself did not fit (RFC 9110, section
 * 15.5.15), else 431 {@code header-fields-too-large} (RFC 6585, section 5).
 * Installed as the host's error report valve by {@link StrictInputAutoConfiguration}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    /**
     * Tomcat's message for a request line or header section larger than its buffer, in the locale Tomcat writes it in
     * (its exception carries no type of its own).
     */
    private static final String HEAD_TOO_LARGE = StringManager.getManager("org.apache.coyote.http11")
            .getString("iib.requestheadertoolarge.error");

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (status == 400 && throwable instanceof IllegalArgumentException && HEAD_TOO_LARGE.equals(throwable.getMessage())) {
            headTooLarge(request, response);
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String slug = switch (status) {
            case 400 -> "bad-request";
            case 413 -> "body-too-large";
            case 501 -> "method-not-implemented"; // CONNECT, refused by Tomcat itself; the firewall answers the others alike
            default -> "http-" + status;
        };
        String detail = switch (status) {
            case 400 -> "The request could not be read at the HTTP level (e.g. an encoded NUL, slash or backslash in the path, or a malformed header); nothing was changed.";
            case 501 -> FirewallRejections.METHOD_DETAIL;
            default -> "The request was refused by the web server (HTTP " + status + "); nothing was changed.";
        };
        String title = switch (status) {
            case 400 -> "Bad request";
            case 501 -> "Method not implemented";
            default -> "HTTP " + status;
        };
        try {
            Problems.write(response, status, slug, title, detail, null, Map.of());
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response committed: nothing more to say
        }
    }

    /** 414 when Tomcat could not read the request line (it has no URI), else 431; the detail states the limit. */
    private static void headTooLarge(Request request, Response response) {
        boolean requestLine = request.getCoyoteRequest().requestURI().isNull();
        String limit = request.getConnector() != null && request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http
                ? " (" + http.getMaxHttpRequestHeaderSize() / 1024 + " KiB for the request line and all header fields together)" : "";
        try {
            if (requestLine) {
                Problems.write(response, 414, "uri-too-long", "URI too long",
                        "The request line (method, path and query) is longer than this server reads" + limit + "; nothing was changed.", null, Map.of());
            } else {
                Problems.write(response, 431, "header-fields-too-large", "Request header fields too large",
                        "The request's header fields are larger than this server reads" + limit + "; nothing was changed.", null, Map.of());
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response committed: nothing more to say
        }
    }
}
