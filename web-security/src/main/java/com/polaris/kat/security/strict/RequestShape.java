package com.polaris.kat.security.strict;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks the parts of a request no body validation sees, before the endpoint runs:
 * <ul>
 *   <li>every path variable: 1 to its maximum length ({@link Rules#maxLengths}, else
 *       {@link Rules#defaultMaxLength}) of {@code A-Z a-z 0-9 . _ ~ : -}. A longer or other value
 *       cannot name anything stored (ids are at most their column's width), so it is refused with
 *       400 {@code invalid-path} naming the {@code parameter} (it had reached PostgreSQL as
 *       "value too long": a 500, issue 14);</li>
 *   <li>a path variable ending in {@code .pdf} or {@code .csv} where the path does: the endpoint of that form was
 *       passed over because the Accept header refuses its media type, so 406 {@code not-acceptable} (it had been read as
 *       an id and refused as too long, 400 {@code invalid-path}, found by a fresh reviewer);</li>
 *   <li>every query parameter one the endpoint reads (its {@code @RequestParam}s, names case-sensitive), else 400
 *       {@code invalid-query} naming the {@code parameter} and listing those it reads: a misspelt {@code ?minposition=}
 *       had been ignored, the read answered without waiting for the client's write (a fresh reviewer);</li>
 *   <li>every query parameter at most once, else 400 {@code invalid-query} naming the {@code parameter}: each takes one
 *       value, and a repeated one had been read as both values joined by a comma (a search for "Ada,Ben" found
 *       nothing and said nothing, found by a fresh reviewer);</li>
 *   <li>every query parameter value: no C0 control character (U+0000–U+001F) nor DEL, else 400 {@code invalid-query}
 *       naming the {@code parameter}: no query value here (ids, dates, numbers, search text) has one, and PostgreSQL
 *       refuses U+0000 in text (a NUL in {@code ?seriesId=} had answered 500, found by the read side's fuzz test);</li>
 *   <li>when {@link Rules#idempotencyKeys}: at most one {@code Idempotency-Key} header, of 1–190 printable
 *       ASCII characters (space to tilde; the documented limit) other than {@code @}, else 400
 *       {@code invalid-idempotency-key} (also when the header is sent empty). No {@code @}: a key is kept with the events
 *       it causes for as long as they are kept and may name the registration, so a key holding an e-mail address would
 *       outlive the clinician's erasure and let anyone who guesses the address confirm it (product rule, "Personal
 *       data"; a fresh reviewer's finding).</li>
 * </ul>
 */
public class RequestShape implements HandlerInterceptor {

    /** The longest Idempotency-Key accepted (docs/problems.md, README). */
    public static final int MAX_IDEMPOTENCY_KEY = 190;
    /** The header a client names a request it may repeat with. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~:-]+");
    /** The file-like forms the APIs serve at {@code <resource>.<suffix>}, with their media types. */
    private static final Map<String, String> FORMS = Map.of(".pdf", "application/pdf", ".csv", "text/csv");
    private static final Pattern KEY = Pattern.compile("[\\x20-\\x3F\\x41-\\x7E]{1," + MAX_IDEMPOTENCY_KEY + "}");

    /**
     * @param maxLengths       path variable name → most characters (its column's width); 0: not checked here, the
     *                         endpoint answers every value itself (the public certificate check answers any code alike)
     * @param defaultMaxLength for a path variable not named in {@code maxLengths}
     * @param idempotencyKeys  whether this service honours Idempotency-Key (and so checks it)
     */
    public record Rules(Map<String, Integer> maxLengths, int defaultMaxLength, boolean idempotencyKeys) {
    }

    private final Rules rules;

    public RequestShape(Rules rules) {
        this.rules = rules;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        Object vars = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (vars instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = String.valueOf(e.getKey());
                String value = String.valueOf(e.getValue());
                int max = rules.maxLengths().getOrDefault(name, rules.defaultMaxLength());
                if (max == 0) {
                    continue;
                }
                int dot = value.lastIndexOf('.');
                String form = dot < 0 ? null : value.substring(dot);
                if (form != null && FORMS.containsKey(form) && request.getRequestURI().endsWith(form)) {
                    // the endpoint of that form was passed over because the Accept header refuses its type; the value is no id
                    Problems.write(response, 406, "not-acceptable", "Not acceptable",
                            "The " + form + " form of this resource is " + FORMS.get(form) + ", which the Accept header (" + Problems.printable(
                                    String.valueOf(AcceptForProblems.asSent(request))) + ") does not take; send Accept: " + FORMS.get(form) + " or */*.",
                            request.getRequestURI(), Map.of());
                    return false;
                }
                if (value.isEmpty() || value.length() > max || !ID.matcher(value).matches()) {
                    Problems.write(response, 400, "invalid-path", "Invalid path",
                            "The path parameter '" + name + "' must be 1 to " + max + " of the characters A-Z a-z 0-9 . _ ~ : -; "
                                    + pathValueFault(value, max) + "; check the id in the path.",
                            request.getRequestURI(), Map.of("parameter", name));
                    return false;
                }
            }
        }
        String query = request.getQueryString();
        if (query != null) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            java.util.Set<String> reads = queryParametersRead(request, handler);
            boolean anyParameters = anyParameters(handler);
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String rawName = eq < 0 ? pair : pair.substring(0, eq);
                String name = decoded(rawName);
                if (anyParameters && (name == null || !declared(handler).contains(name))) {
                    // a parameter a shared link carried, which the public page does not read: repeated or not, its name or value
                    // broken or not, ignored (a name that cannot be read is none the page reads; a fresh reviewer's %ZZ=1 was
                    // refused while utm_source=%ZZ was ignored)
                    continue;
                }
                String value = eq < 0 ? "" : decoded(pair.substring(eq + 1));
                if (!pair.isEmpty() && (name == null || value == null)) {
                    // the servlet container drops such a parameter without a word, so the request would be answered as if it
                    // had not been sent (a fresh reviewer's ?reference=%ZZ listed the whole ledger)
                    String shown = Problems.printable(name != null ? name : rawName);
                    Problems.write(response, 400, "invalid-query", "Invalid query parameter", undecodableDetail(shown),
                            request.getRequestURI(), Map.of("parameter", shown));
                    return false;
                }
                if (reads != null && name != null && !pair.isEmpty() && !reads.contains(name)) {
                    Problems.write(response, 400, "invalid-query", "Invalid query parameter",
                            "The query parameter '" + Problems.printable(name) + "' is not one this endpoint reads ("
                                    + (reads.isEmpty() ? "it reads none" : "it reads " + String.join(", ", new java.util.TreeSet<>(reads)))
                                    + "; names are case-sensitive). Nothing was read or changed.",
                            request.getRequestURI(), Map.of("parameter", Problems.printable(name)));
                    return false;
                }
                if (name != null && !pair.isEmpty() && !seen.add(name)) {
                    Problems.write(response, 400, "invalid-query", "Invalid query parameter",
                            "The query parameter '" + Problems.printable(name) + "' is given more than once; every query parameter here"
                                    + " takes one value. Nothing was read or changed.",
                            request.getRequestURI(), Map.of("parameter", Problems.printable(name)));
                    return false;
                }
                if (reads != null && name != null && value != null && !value.equals("true") && !value.equals("false")
                        && booleansRead(handler).contains(name)) {
                    // Spring reads yes, on and 1 as true and answered anything else with its conversion's words (a fresh reviewer's)
                    Problems.write(response, 400, "invalid-query", "Invalid query parameter",
                            "The query parameter '" + Problems.printable(name) + "' is true or false ('" + Problems.printable(value)
                                    + "' given); leave it out for false. Nothing was read or changed.",
                            request.getRequestURI(), Map.of("parameter", Problems.printable(name)));
                    return false;
                }
                String control = name == null || value == null ? null : firstControl(value);
                if (control != null) {
                    Problems.write(response, 400, "invalid-query", "Invalid query parameter",
                            "The query parameter '" + Problems.printable(name) + "' has " + control + ", a control character no query value here"
                                    + " has (ids, dates, numbers, text; the bidirectional controls U+202A-U+202E and U+2066-U+2069 are refused"
                                    + " as in request bodies); nothing was read or changed.",
                            request.getRequestURI(), Map.of("parameter", Problems.printable(name)));
                    return false;
                }
            }
        }
        if (rules.idempotencyKeys()) {
            String key = request.getHeader(IDEMPOTENCY_KEY);
            java.util.Enumeration<String> sent = request.getHeaders(IDEMPOTENCY_KEY);
            int count = 0;
            while (sent != null && sent.hasMoreElements()) {
                sent.nextElement();
                count++;
            }
            if (count > 1) {
                // two keys were joined into one ("a,b"), so a retry under either alone was not recognised (a fresh reviewer)
                Problems.write(response, 400, "invalid-idempotency-key", "Invalid idempotency key",
                        "Send one Idempotency-Key header; this request has " + count + ", and which one names the request is not known.",
                        request.getRequestURI(), Map.of("header", IDEMPOTENCY_KEY));
                return false;
            }
            if (key != null && !KEY.matcher(key).matches()) {
                refuseKey(request, response, FirewallRejections.asSent(key));
                return false;
            }
        }
        return true;
    }

    /** A handler's query parameters: every {@code @RequestParam}'s name ("*" for a {@code Map} of them), and the true-or-false ones. */
    private record ParametersRead(java.util.Set<String> names, java.util.Set<String> booleans) {
    }

    private final java.util.Map<java.lang.reflect.Method, ParametersRead> parametersRead = new java.util.concurrent.ConcurrentHashMap<>();

    /** The handler's {@code @RequestParam}s, read once per handler method. */
    private ParametersRead parametersOf(Object handler) {
        org.springframework.web.method.HandlerMethod method = (org.springframework.web.method.HandlerMethod) handler;
        return parametersRead.computeIfAbsent(method.getMethod(), m -> {
            java.util.Set<String> names = new java.util.HashSet<>();
            java.util.Set<String> booleans = new java.util.HashSet<>();
            for (org.springframework.core.MethodParameter p : method.getMethodParameters()) {
                org.springframework.web.bind.annotation.RequestParam param = p.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
                if (param == null) {
                    continue;
                }
                if (java.util.Map.class.isAssignableFrom(p.getParameterType())) {
                    return new ParametersRead(java.util.Set.of("*"), java.util.Set.of());
                }
                p.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
                String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value() : p.getParameterName();
                names.add(name);
                if (p.getParameterType() == Boolean.class || p.getParameterType() == boolean.class) {
                    booleans.add(name);
                }
            }
            return new ParametersRead(java.util.Set.copyOf(names), java.util.Set.copyOf(booleans));
        });
    }

    /** The names of the handler's {@code @RequestParam}s of type {@code boolean} or {@code Boolean}, which take only true or false. */
    private java.util.Set<String> booleansRead(Object handler) {
        return parametersOf(handler).booleans();
    }

    /** Whether the handler is a public page that takes any query parameter ({@link AnyQueryParameters}). */
    private static boolean anyParameters(Object handler) {
        return handler instanceof org.springframework.web.method.HandlerMethod method
                && (method.hasMethodAnnotation(AnyQueryParameters.class) || method.getBeanType().isAnnotationPresent(AnyQueryParameters.class));
    }

    /** The names of the handler's {@code @RequestParam}s (a {@code Map} of them: "*"). */
    private java.util.Set<String> declared(Object handler) {
        return parametersOf(handler).names();
    }

    /**
     * The query parameters the endpoint reads (its {@code @RequestParam}s), or null when it is not checked: a handler
     * outside this project's controllers (actuator, API description), a public page marked {@link AnyQueryParameters}, one
     * that takes every parameter (a {@code @RequestParam Map}), or a dispatch other than the request itself (an error page
     * rendered for it).
     */
    private java.util.Set<String> queryParametersRead(HttpServletRequest request, Object handler) {
        if (request.getDispatcherType() != jakarta.servlet.DispatcherType.REQUEST
                || !(handler instanceof org.springframework.web.method.HandlerMethod method)
                || !method.getBeanType().getName().startsWith("com.polaris.") || anyParameters(handler)) {
            return null;
        }
        java.util.Set<String> names = declared(method);
        return names.contains("*") ? null : names;
    }

    /**
     * 400 {@code invalid-idempotency-key} naming the {@code header}, with the request's path as {@code instance}.
     *
     * @param key the key as the client sent it (UTF-8 read as such)
     */
    static void refuseKey(HttpServletRequest request, HttpServletResponse response, String key) throws java.io.IOException {
        Problems.write(response, 400, "invalid-idempotency-key", "Invalid idempotency key",
                "An Idempotency-Key is 1 to " + MAX_IDEMPOTENCY_KEY + " printable ASCII characters other than @; " + whatIsWrong(key),
                request.getRequestURI(), Map.of("header", IDEMPOTENCY_KEY));
    }

    /** What is wrong with a path variable's value: empty, a character ids never have (its position and code point), or its length. */
    static String pathValueFault(String value, int max) {
        if (value.isEmpty()) {
            return "it is empty";
        }
        for (int i = 0, n = 1; i < value.length(); i += Character.charCount(value.codePointAt(i)), n++) {
            int c = value.codePointAt(i);
            if (!ID.matcher(Character.toString(c)).matches()) {
                return String.format("character %d is U+%04X, which ids never have", n, c);
            }
        }
        return "it has " + value.length() + " characters, more than " + max;
    }

    /** Why a key does not match {@link #KEY}: empty, a character outside printable ASCII (its position), an {@code @} (its position), or its length. */
    static String whatIsWrong(String key) {
        if (key.isEmpty()) {
            return "this header is empty; send a key, or no header for a request that is not to be repeated.";
        }
        String notPrintable = firstNotPrintable(key);
        if (notPrintable != null) {
            return notPrintable + ", which is not one; use letters, digits and punctuation (e.g. a UUID).";
        }
        int at = key.indexOf('@');
        if (at >= 0) {
            return "character " + key.codePointCount(0, at + 1) + " is @, which a key must not have: a key is kept with the events it causes"
                    + " for as long as they are kept and may name the registration, so it must not hold an e-mail address or other"
                    + " personal data. Send a random key (a version 4 UUID). Nothing was read or changed.";
        }
        return "this one has " + key.length() + "; send a shorter key.";
    }

    /**
     * The first query parameter of {@code query} (a request's raw query string, or null) whose name or value cannot be read
     * ({@link #decoded}), as far as its name can be read (else its name as sent), or null when every one can. For a caller
     * outside the services' handlers, such as the staff console's pages, which refuses such a request itself.
     */
    public static String undecodableParameter(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = decoded(rawName);
            if (!pair.isEmpty() && (name == null || (eq >= 0 && decoded(pair.substring(eq + 1)) == null))) {
                return Problems.printable(name != null ? name : rawName);
            }
        }
        return null;
    }

    /**
     * The words of 400 {@code invalid-query} for a query parameter that cannot be read ({@link #undecodableParameter}).
     *
     * @param parameter the parameter's name as far as it can be read, printable
     */
    public static String undecodableDetail(String parameter) {
        return "The query parameter '" + parameter + "' is not percent-encoded as a URL's query is (RFC 3986: each % is followed"
                + " by two hexadecimal digits, and the bytes they make are UTF-8); send %25 for a % sign. Nothing was read or changed.";
    }

    /** An ASCII hexadecimal digit's value, else -1 ({@code Character.digit} would take other scripts' digits too). */
    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /**
     * A query string's name or value decoded as the servlet container reads it ({@code +} a space, {@code %XX} a byte, the
     * bytes UTF-8), or null where it cannot be: a {@code %} without two hexadecimal digits after it, or bytes that are no
     * UTF-8 (e.g. {@code %FF}). The JDK's {@code URLDecoder} replaces such bytes with U+FFFD instead of refusing them.
     */
    static String decoded(String part) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(part.length());
        for (int i = 0; i < part.length(); ) {
            char c = part.charAt(i);
            if (c == '%') {
                int hi = i + 2 < part.length() ? hex(part.charAt(i + 1)) : -1;
                int lo = i + 2 < part.length() ? hex(part.charAt(i + 2)) : -1;
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 3;
            } else {
                int cp = part.codePointAt(i);
                bytes.writeBytes((c == '+' ? " " : new String(Character.toChars(cp))).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT).onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            return null;
        }
    }

    /** The first C0 control character (U+0000–U+001F), DEL or bidirectional control ({@link BidiControls}) of {@code text}, by position and code point, or null. */
    static String firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || BidiControls.is(c)) {
                return String.format("character %d U+%04X", text.codePointCount(0, i) + 1, (int) c);
            }
        }
        return null;
    }

    /** The first character of {@code text} outside printable ASCII (space to tilde), by position and code point, or null. */
    static String firstNotPrintable(String text) {
        for (int i = 0, n = 1; i < text.length(); i += Character.charCount(text.codePointAt(i)), n++) {
            int c = text.codePointAt(i);
            if (c < 0x20 || c > 0x7E) {
                return String.format("character %d is U+%04X", n, c);
            }
        }
        return null;
    }
}
