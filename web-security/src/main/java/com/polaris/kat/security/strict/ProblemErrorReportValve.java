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

    /**
     * The start of Tomcat's messages for a request line with a character HTTP does not allow where it stands: in the request
     * target (a byte outside ASCII, {@code "}, {@code <}, {@code >}, {@code \}, {@code ^}, a backtick, braces, {@code |}),
     * or after it (a raw space in the path or query, which ends the target, so the rest reads as the protocol).
     */
    private static final java.util.List<String> UNENCODED_CHARACTER = java.util.List.of(
            messageStart("iib.invalidRequestTarget"), messageStart("iib.invalidHttpProtocol"));

    /** What to fix when {@link #UNENCODED_CHARACTER} is the cause (RFC 3986, sections 2.1 and 3.4; RFC 9112, section 3). */
    static final String UNENCODED_DETAIL = "The request's path or query has a character that must be percent-encoded, such as a space, "
            + "a byte outside ASCII (an accented letter), a control character, or one of \" < > \\ ^ ` { | } [ ]. Send it as %XX, the UTF-8 "
            + "bytes in hexadecimal (a space is %20, é is %C3%A9); nothing was changed.";

    /**
     * What the web server refused, as the services' problem says it: {@code status} (the HTTP status to answer),
     * {@code slug} (the problem type's), {@code title}, {@code detail} (what to fix), and {@code instance} (the path asked
     * for, null when the request line could not be read). The staff console renders the same as a page.
     */
    public record Refusal(int status, String slug, String title, String detail, String instance) {
    }

    /**
     * Classifies a refusal of Tomcat's own.
     *
     * @param status    the status Tomcat set (400 for an unreadable request or an oversized head, 413, 501 for CONNECT, ...)
     * @param throwable what Tomcat failed with, or null
     */
    public static Refusal refusal(Request request, int status, Throwable throwable) {
        AbstractHttp11Protocol<?> http = http(request);
        String instance = instance(request);
        if (status == 400 && throwable instanceof IllegalArgumentException && HEAD_TOO_LARGE.equals(throwable.getMessage())) {
            String limit = http != null
                    ? " (" + http.getMaxHttpRequestHeaderSize() / 1024 + " KiB for the request line and all header fields together)" : "";
            return instance == null
                    ? new Refusal(414, "uri-too-long", "URI too long",
                    "The request line (method, path and query) is longer than this server reads" + limit + "; nothing was changed.", null)
                    : new Refusal(431, "header-fields-too-large", "Request header fields too large",
                    "The request's header fields are larger than this server reads" + limit + "; nothing was changed.", instance);
        }
        if (status == 400 && throwable instanceof IllegalStateException && http != null
                && tooManyHeaders(http.getMaxHeaderCount()).equals(throwable.getMessage())) {
            return new Refusal(431, "header-fields-too-large", "Request header fields too large", "The request has more header fields than "
                    + "this server reads (" + http.getMaxHeaderCount() + "); nothing was changed.", instance);
        }
        if (status == 400 && throwable instanceof IllegalArgumentException && throwable.getMessage() != null
                && UNENCODED_CHARACTER.stream().anyMatch(throwable.getMessage()::startsWith)) {
            return new Refusal(400, "bad-request", "Bad request", UNENCODED_DETAIL, instance);
        }
        if (status == 400 && !oneContentLength(request)) {
            return new Refusal(400, "bad-request", "Bad request", "The request's Content-Length is not one whole number of bytes (it is "
                    + "sent more than once, negative, or not a decimal number); nothing was changed.", instance);
        }
        if (status == 400 && instance != null && instance.indexOf('%') >= 0 && RequestShape.decoded(instance) == null) {
            // what PathEncoding answers for a path the web server let through (after a ';'), in the same words (a fresh reviewer's
            // /series/%ZZ got the generic words, which do not name percent-encoding)
            return new Refusal(400, "invalid-path", "Invalid path", PathEncoding.DETAIL, instance);
        }
        String coding = request.getHeader("Transfer-Encoding");
        if (status == 501 && coding != null && FirewallRejections.METHODS.contains(request.getMethod())) {
            // a method the API uses, with a transfer coding the server does not read: the coding is what is not implemented,
            // not the method (a fresh reviewer's PUT with "Transfer-Encoding: gzip" read "Use the method the endpoint documents")
            return new Refusal(501, "transfer-coding-not-implemented", "Transfer coding not implemented", "The request's Transfer-Encoding '"
                    + Problems.printableAscii(coding) + "' is not one this server reads (only chunked); send the body with a Content-Length,"
                    + " or chunked. Nothing was read or changed.", instance);
        }
        return switch (status) {
            case 400 -> new Refusal(400, "bad-request", "Bad request", "The request could not be read at the HTTP level (e.g. an encoded NUL, "
                    + "slash or backslash in the path, or a malformed header); nothing was changed.", instance);
            case 413 -> new Refusal(413, "body-too-large", "HTTP 413", "The request was refused by the web server (HTTP 413); nothing was changed.",
                    instance);
            // CONNECT, refused by Tomcat itself; the firewall answers the other methods alike
            case 501 -> new Refusal(501, "method-not-implemented", "Method not implemented", FirewallRejections.METHOD_DETAIL, instance);
            // an Expect header other than 100-continue (RFC 9110 10.1.1)
            case 417 -> new Refusal(417, "expectation-failed", "Expectation failed", "The request's Expect header"
                    + (request.getHeader("Expect") == null ? "" : " '" + Problems.printableAscii(request.getHeader("Expect")) + "'")
                    + " is not one this server meets: it meets only 100-continue (RFC 9110 10.1.1); send that, or no Expect header."
                    + " Nothing was read or changed.", instance);
            default -> new Refusal(status, "http-" + status, "HTTP " + status,
                    "The request was refused by the web server (HTTP " + status + "); nothing was changed.", instance);
        };
    }

    /** Whether this error answer is still to be written, once: nothing written yet, not reported before, I/O allowed. */
    public static boolean mayAnswer(Response response) {
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return false;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        return ioAllowed.get();
    }

    /**
     * Answers a refusal with an HTML page instead (a service's own valve: the console's pages, the public verification's):
     * the status, {@code text/html;charset=UTF-8}, the page's UTF-8 bytes. A connection already gone or a response already
     * committed is left as it is.
     */
    public static void writePage(Response response, int status, byte[] page) {
        try {
            response.resetBuffer();
            Problems.secure(response);
            response.setStatus(status);
            response.setContentType("text/html;charset=UTF-8");
            response.setContentLength(page.length);
            response.getOutputStream().write(page);
            response.flushBuffer();
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response committed: nothing more to say
        }
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (!mayAnswer(response)) {
            return;
        }
        Refusal r = refusal(request, response.getStatus(), throwable);
        try {
            Problems.write(response, r.status(), r.slug(), r.title(), r.detail(), r.instance(), Map.of());
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response committed: nothing more to say
        }
    }

    /** A Tomcat message's words before its first argument ("Invalid character found in the request target ["). */
    private static String messageStart(String key) {
        String message = StringManager.getManager("org.apache.coyote.http11").getString(key);
        int argument = message.indexOf("{0}");
        return argument < 0 ? message : message.substring(0, argument);
    }

    /** Whether the request has at most one Content-Length, a decimal number (Tomcat refuses any other with a bare 400). */
    private static boolean oneContentLength(Request request) {
        java.util.Enumeration<String> values = request.getCoyoteRequest().getMimeHeaders().values("content-length");
        int count = 0;
        while (values.hasMoreElements()) {
            String v = values.nextElement();
            if (++count > 1 || v == null || !v.strip().matches("[0-9]{1,18}")) {
                return false;
            }
        }
        return true;
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
}
