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
 * Type {@code urn:kat:problem:bad-request} for 400, {@code body-too-large} for 413, else
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
            default -> "http-" + status;
        };
        String detail = status == 400
                ? "The request could not be read at the HTTP level (e.g. an encoded NUL, slash or backslash in the path, or a malformed header); nothing was changed."
                : "The request was refused by the web server (HTTP " + status + "); nothing was changed.";
        try {
            Problems.write(response, status, slug, status == 400 ? "Bad request" : "HTTP " + status, detail, null, Map.of());
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response committed: nothing more to say
        }
    }
}
