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
 * Request bodies are JSON ({@code application/json} or another {@code application/*+json} but a patch document), or a
 * CSV report ({@code text/csv}, {@code multipart/form-data}), with a charset Java knows if one is
 * named. A request with a body of any other type — a wildcard ({@code *}{@code /*},
 * {@code application/*}), a malformed value ({@code foo}, {@code application/}), another type
 * ({@code text/plain}, {@code application/xml}) or none — is refused with 415
 * {@code unsupported-media-type} before anything reads the body (Spring MVC threw an
 * IllegalArgumentException for wildcards: a 500, issue 14). A readable type the endpoint does not
 * take (CSV to a JSON endpoint) is Spring MVC's 415, given the same problem type by the services'
 * problem handlers. A request without a body (GET, a POST that takes none) is refused only for a
 * wildcard or malformed Content-Type.
 * <p>
 * A body sent with a content coding ({@code Content-Encoding: gzip}, {@code br}, anything but {@code identity}) is
 * refused too, with 415 {@code unsupported-media-type} and {@code Accept-Encoding: identity} (RFC 9110 8.4 and 12.5.3:
 * the codings this server reads in a request). Nothing here decodes a body: a gzip-compressed registration had been read
 * as malformed JSON (400), and a compressed CSV report as a file without a participants' table (a fresh reviewer).
 * A JSON body in a charset other than UTF-8 is refused with 415 as well (RFC 8259).
 */
public class MediaTypeCheck extends OncePerRequestFilter {

    /** What a body is sent as here (a fresh reviewer's CSV upload was told to send JSON). */
    private static final String SEND = "application/json";

    /**
     * What to send to this path: JSON, and for a participant report's import also its CSV or a form's upload (a fresh reviewer
     * found the projection service, which imports nothing, naming participant reports in its 415).
     */
    private static String send(HttpServletRequest request) {
        return request.getRequestURI().endsWith("/participant-reports")
                ? SEND + " (a participant report: text/csv, or multipart/form-data from a form)" : SEND;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader("Content-Type");
        boolean body = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        String coding = contentCoding(request);
        if (body && coding != null) {
            response.setHeader("Accept-Encoding", "identity");
            Problems.write(response, 415, "unsupported-media-type", "Unsupported media type",
                    "The body is sent with Content-Encoding '" + coding + "'; this service reads request bodies as they are: send it "
                            + "without a Content-Encoding (or identity). Nothing was read or changed.", request.getRequestURI(), Map.of());
            return;
        }
        if (given == null && body) {
            Problems.write(response, 415, "unsupported-media-type", "Unsupported media type",
                    "The request has a body but no Content-Type; send it as " + send(request) + ".", request.getRequestURI(), Map.of());
            return;
        }
        if (given != null && notUtf8Json(given)) {
            // RFC 8259 defines no charset for JSON: UTF-8 bytes declared as ISO-8859-1 had been decoded as such and recorded
            // garbled ("zoÃ«"), a second clinician for one mailbox (a fresh reviewer's)
            Problems.write(response, 415, "unsupported-media-type", "Unsupported media type",
                    "JSON is sent in UTF-8 (RFC 8259): send the body without a charset, or with charset=UTF-8, not '"
                            + Problems.printable(MediaType.parseMediaType(given).getParameter("charset")) + "'; nothing was changed.",
                    request.getRequestURI(), Map.of());
            return;
        }
        if (given != null) {
            String refusal = refusal(given, body);
            if (refusal != null) {
                Problems.write(response, 415, "unsupported-media-type", "Unsupported media type",
                        "The Content-Type '" + given + "' " + refusal + "; send " + send(request) + ".", request.getRequestURI(), Map.of());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * The request's Content-Encoding as sent (every line, joined with ", "), when it names a coding other than
     * {@code identity}; null when it names none or only identity (RFC 9110 8.4.1: codings are case-insensitive).
     */
    static String contentCoding(HttpServletRequest request) {
        java.util.List<String> lines = java.util.Collections.list(request.getHeaders("Content-Encoding"));
        String sent = String.join(", ", lines);
        for (String coding : sent.split(",")) {
            String c = coding.trim();
            if (!c.isEmpty() && !c.equalsIgnoreCase("identity")) {
                return Problems.printable(sent);
            }
        }
        return null;
    }

    private static final java.util.regex.Pattern CHARSET = java.util.regex.Pattern.compile(";\\s*charset\\s*=\\s*\"?([^\";\\s]*)",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    private static boolean knownCharset(String name) {
        try {
            return Charset.isSupported(name);
        } catch (RuntimeException illegalName) {
            return false;
        }
    }

    /** Whether this Content-Type is JSON ({@code application/json} or {@code application/*+json}); false when it is not a media type. */
    public static boolean isJson(String value) {
        try {
            MediaType type = MediaType.parseMediaType(value);
            return "application".equals(type.getType()) && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException notAType) {
            return false;
        }
    }

    /** A JSON Content-Type naming a known charset other than UTF-8 (an unknown one is refused as such by {@link #refusal}). */
    private static boolean notUtf8Json(String value) {
        if (!isJson(value)) {
            return false;
        }
        String charset = MediaType.parseMediaType(value).getParameter("charset");
        return charset != null && knownCharset(charset.replace("\"", ""))
                && !Charset.forName(charset.replace("\"", "")).equals(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * JSON types that are change documents, not request bodies: a merge patch (RFC 7396) and a JSON Patch (RFC 6902). Read as
     * the request itself, a fresh reviewer's merge-patch {@code PUT} of make-up places was taken as a whole body (200).
     */
    private static final java.util.Set<String> PATCH_DOCUMENTS = java.util.Set.of("merge-patch+json", "json-patch+json");

    /** Why a body of this Content-Type cannot be read (null: it can); {@code body}: the request has one. */
    static String refusal(String value, boolean body) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(value);
        } catch (InvalidMediaTypeException e) {
            // Spring refuses an unknown charset while parsing: say that, not "not a media type" (a fresh reviewer's "latin-1")
            java.util.regex.Matcher charset = CHARSET.matcher(value);
            if (charset.find() && !knownCharset(charset.group(1))) {
                return "names a charset this service does not know ('" + charset.group(1) + "')";
            }
            return "is not a media type";
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            return "is a wildcard, not the type of the body";
        }
        String charset = type.getParameter("charset");
        if (charset != null && !knownCharset(charset.replace("\"", ""))) {
            return "names a charset this service does not know";
        }
        if (body && PATCH_DOCUMENTS.contains(type.getSubtype())) {
            return "is a patch document (RFC 7396 or RFC 6902), which says how to change a resource; no operation here takes one:"
                    + " send the request itself";
        }
        boolean readable = isJson(value) || type.isCompatibleWith(MediaType.valueOf("text/csv")) || type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA);
        return body && !readable ? "is not a type this service reads (JSON; CSV reports as text/csv or multipart/form-data)" : null;
    }
}
