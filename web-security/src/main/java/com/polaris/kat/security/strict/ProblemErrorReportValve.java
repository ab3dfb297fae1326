package com.polaris.kat.security.strict;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's own error answers (a request it refuses before the application sees it, e.g. an encoded
 * NUL, slash or backslash in the path: 400) as RFC 9457 problems instead of Tomcat's HTML page.
 * Type {@code urn:kat:problem:bad-request} for 400, {@code body-too-large} for 413, {@code method-not-implemented}
 * for 501 (CONNECT), else
 * {@code http-<status>}. Installed as the host's error report valve by {@link StrictInputAutoConfiguration}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
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
}
