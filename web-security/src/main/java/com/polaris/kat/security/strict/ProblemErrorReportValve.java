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
 * 15.5.15), else 431 {@code header-fields-too-large} (RFC 6585, section 5), as are more header fields than it reads
 * ({@code maxHeaderCount}, 100). {@code instance} is the path asked for when Tomcat read the request line.
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
        if (status == 400 && throwable instanceof IllegalStateException && http(request) != null
                && tooManyHeaders(http(request).getMaxHeaderCount()).equals(throwable.getMessage())) {
            write(response, 431, "header-fields-too-large", "Request header fields too large", "The request has more header fields than "
                    + "this server reads (" + http(request).getMaxHeaderCount() + "); nothing was changed.", instance(request));
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
        write(response, status, slug, title, detail, instance(request));
    }

    /** Tomcat's message for more header fields than {@code limit}, as {@code MimeHeaders} writes it. */
    private static String tooManyHeaders(int limit) {
        return StringManager.getManager("org.apache.tomcat.util.http").getString("headers.maxCountFail", Integer.valueOf(limit));
    }

    private static AbstractHttp11Protocol<?> http(Request request) {
        return request.getConnector() != null && request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http
                ? http : null;
    }

    /** The path asked for, when Tomcat read the request line (null otherwise). */
    private static String instance(Request request) {
        return request.getCoyoteRequest().requestURI().isNull() ? null : request.getCoyoteRequest().requestURI().toString();
    }

    /** 414 when Tomcat could not read the request line (it has no URI), else 431; the detail states the limit. */
    private static void headTooLarge(Request request, Response response) {
        String limit = http(request) != null
                ? " (" + http(request).getMaxHttpRequestHeaderSize() / 1024 + " KiB for the request line and all header fields together)" : "";
        String instance = instance(request);
        if (instance == null) {
            write(response, 414, "uri-too-long", "URI too long",
                    "The request line (method, path and query) is longer than this server reads" + limit + "; nothing was changed.", null);
        } else {
            write(response, 431, "header-fields-too-large", "Request header fields too large",
                    "The request's header fields are larger than this server reads" + limit + "; nothing was changed.", instance);
        }
    }

    private static void write(Response response, int status, String slug, String title, String detail, String instance) {
        try {
            Problems.write(response, status, slug, title, detail, instance, Map.of());
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response committed: nothing more to say
        }
    }
}
