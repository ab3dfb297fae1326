package com.polaris.kat.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.util.RawValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Property-based fuzzing of a service's HTTP API with jqwik (issue 14). The endpoints come from the
 * running service's OpenAPI description ({@code /v3/api-docs}), so a new endpoint is fuzzed without
 * a change here. Each generated {@link Request} is one endpoint with
 * <ul>
 *   <li>path variables: a known id of the test's data, or a random, overlong (41–300 characters),
 *       odd-unicode or malformed one, percent-encoded;</li>
 *   <li>query parameters of the description: absent, a plausible value or a hostile one;</li>
 *   <li>a body: valid for the request schema (built from it, with known ids by field name), or
 *       that with one mutation (a value of the wrong type, null, a huge number, a fraction, odd
 *       unicode, deep nesting, a missing or extra field, a duplicate key), or junk (not JSON,
 *       invalid UTF-8, a 70 KiB body with or without Content-Length);</li>
 *   <li>headers: Content-Type (JSON and odd, absent, unsupported or malformed types), Accept,
 *       Idempotency-Key (absent, ordinary, 190, 191 and 400 characters), Authorization (each
 *       test user, wrong or malformed credentials, none).</li>
 * </ul>
 * {@link #violations} holds what must be true of every answer: no 5xx, and every refusal an
 * {@code application/problem+json} body with {@code type}, {@code title} and the response's
 * {@code status}. What a refusal must not have written is checked by the caller, who knows its store.
 */
public final class ApiFuzz {

    /** One operation of the description: method, path template, its path variables and query parameters, its body schema (null: none). */
    public record Endpoint(String method, String path, List<String> pathVariables, List<JsonNode> queryParameters, JsonNode bodySchema) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A caller: a name for the report and the Authorization header value (null: none). */
    public record User(String name, String authorization) {
        /** HTTP Basic credentials. */
        public static User basic(String name, String password) {
            return new User(name, "Basic " + java.util.Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** One generated request; {@code target} is the encoded path and query. */
    public record Request(Endpoint endpoint, String target, Map<String, String> headers, String bodyKind, byte[] body, boolean chunked,
                          User user) {
        /** The Idempotency-Key sent, if any. */
        public Optional<String> idempotencyKey() {
            return Optional.ofNullable(headers.get("Idempotency-Key"));
        }

        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return endpoint.method() + " " + target + " as " + user + " " + headers + " body(" + bodyKind + (chunked ? ", chunked" : "") + ", "
                    + (body == null ? 0 : body.length) + " B)=" + (text.length() > 400 ? text.substring(0, 400) + "…" : text);
        }
    }

    /** The answer: status, Content-Type (may be null) and body text. */
    public record Response(int status, String contentType, String body) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG_TEXT = "x".repeat(300);
    private static final List<String> ODD_JSON_VALUES = List.of(
            "null", "true", "false", "\"\"", "\" \"", "0", "-1", "-0", "10.5", "210000.9", "0.0", "1E2", "1e400", "-1e400",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483648", "100000001",
            "12345678901234567890123456789012345678901234567890", "[]", "{}", "[1,2]", "{\"a\":1}", "\"1\"", "\"true\"",
            "\"" + LONG_TEXT + "\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"x\\udc00\"", "\"\\u0007bell\"", "\"é\\u202eevil\"",
            "\"😀 Ünïcödé 漢字\"", "\"\\uffff\"", "\"\\u2028\"", "\"\\ufeffBOM\"", "\"2030-13-45\"", "\"-999999999-01-01\"",
            "\"+1000000000-01-01\"", "\"2023-02-29\"", "\"2023-08-07T25:00:00Z\"", "\"REFUND\"", "\"refund\"", "\" CREDIT \"", "1",
            "\"NaN\"", "\"=1+1\"", "\"Müller;=1+1\"", "\"a,\\\"b\\\"\\r\\nc\"",
            "[" .repeat(1200) + "]".repeat(1200), "{\"a\":".repeat(300) + "1" + "}".repeat(300));
    private static final List<String> ODD_PATH_VALUES = List.of(
            "", " ", ".", "..", "-", "_", "%", ";", "a b", "-1", "0", "99999999999999999999", "2147483648", "series-", "series--1",
            "series-2147483648", "M1-2023-13-45", "M1-", "null", "undefined", "ÄÖÜ", "😀", "\u202e", "\u0000", "\u0001", "a\u0000b", "\uffff",
            "../admin", "x/y", "x\\y", "'; DROP TABLE domain_event_entry; --", "<script>", "${jndi:ldap://x}", "%00", "00000000-0000-0000-0000-00000000000G",
            "00000000-0000-0000-0000-000000000000", "SERIES-1", "\t");
    private static final List<String> CONTENT_TYPES = List.of("*/*", "text/plain", "application/xml", "text/xml", "application/json; charset=UTF-16",
            "application/json;charset=ISO-8859-1", "application/json; charset=nonsense", "foo", "application/", "/json", ";;", "application/*",
            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/problem+json", "APPLICATION/JSON",
            "application/json; q=x", "text/csv", "application/octet-stream", "application/merge-patch+json", "*/json");
    private static final List<String> ACCEPTS = List.of("*/*", "application/json", "application/problem+json", "text/csv", "application/xml",
            "text/html", "garbage", "application/json;q=0", "text/*", "image/png", "*/*;q=0.1, application/xml");

    private final JsonNode api;
    private final List<Endpoint> endpoints;
    private final Map<String, List<String>> known;
    private final List<User> users;

    private ApiFuzz(JsonNode api, Map<String, List<String>> known, List<User> users) {
        this.api = api;
        this.known = known;
        this.users = users;
        this.endpoints = endpointsOf(api);
    }

    /**
     * @param apiDocs the service's {@code /v3/api-docs} JSON
     * @param known   valid values by path variable or field name (e.g. "seriesId" → ids the test created)
     * @param users   the callers to choose from; the first one is chosen most often (give one that may call everything)
     */
    public static ApiFuzz fromOpenApi(String apiDocs, Map<String, List<String>> known, List<User> users) {
        try {
            return new ApiFuzz(JSON.readTree(apiDocs), known, users);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an OpenAPI JSON document", e);
        }
    }

    /** Every operation of the description, in its order. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    private static List<Endpoint> endpointsOf(JsonNode api) {
        List<Endpoint> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                    continue;
                }
                List<String> vars = new ArrayList<>();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(p.getKey());
                while (m.find()) {
                    vars.add(m.group(1));
                }
                List<JsonNode> query = new ArrayList<>();
                op.getValue().path("parameters").forEach(par -> {
                    if ("query".equals(par.path("in").asText())) {
                        query.add(par);
                    }
                });
                JsonNode body = null;
                JsonNode content = op.getValue().path("requestBody").path("content");
                if (content.isObject() && content.size() > 0) {
                    body = content.elements().next().path("schema");
                }
                list.add(new Endpoint(op.getKey().toUpperCase(), p.getKey(), vars, query, body));
            }
        }
        return list;
    }

    /** Requests over every endpoint; {@code exclude} leaves out requests the test cannot judge (may be null). */
    public Arbitrary<Request> requests(java.util.function.Predicate<Request> exclude) {
        Arbitrary<Request> all = Arbitraries.of(endpoints).flatMap(this::requestsTo);
        return exclude == null ? all : all.filter(r -> !exclude.test(r));
    }

    private Arbitrary<Request> requestsTo(Endpoint e) {
        List<Arbitrary<String>> vars = e.pathVariables().stream().map(this::pathValue).toList();
        Arbitrary<String> path = vars.isEmpty() ? Arbitraries.just(e.path()) : Combinators.combine(vars).as(values -> {
            String filled = e.path();
            for (int i = 0; i < values.size(); i++) {
                filled = filled.replace("{" + e.pathVariables().get(i) + "}", encode(values.get(i)));
            }
            return filled;
        });
        List<Arbitrary<String>> params = e.queryParameters().stream().map(this::queryParameter).toList();
        Arbitrary<String> query = params.isEmpty() ? Arbitraries.just("") : Combinators.combine(params).as(values -> {
            String q = String.join("&", values.stream().filter(v -> !v.isEmpty()).toList());
            return q.isEmpty() ? "" : "?" + q;
        });
        Arbitrary<Tuple.Tuple3<String, byte[], Boolean>> body = e.bodySchema() == null ? bodiesWithoutSchema() : bodies(e.bodySchema());
        Arbitrary<Optional<String>> contentType = Arbitraries.frequencyOf(
                Tuple.of(16, Arbitraries.just(Optional.of("application/json"))),
                Tuple.of(3, Arbitraries.of(CONTENT_TYPES).map(Optional::of)),
                Tuple.of(1, Arbitraries.just(Optional.<String>empty())));
        Arbitrary<Optional<String>> accept = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(5, Arbitraries.of(ACCEPTS).map(Optional::of)));
        Arbitrary<Optional<String>> key = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(6, Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(40).map(s -> Optional.of("fz-" + s))),
                Tuple.of(1, Arbitraries.of(190, 191, 196, 400).map(n -> Optional.of("k".repeat(n)))),
                Tuple.of(1, Arbitraries.of("a b", "tab\there", " ", "x;y=z", "\"quoted\"", "é".repeat(100)).map(Optional::of)));
        Arbitrary<User> user = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just(users.get(0))),
                Tuple.of(6, Arbitraries.of(users)),
                Tuple.of(2, Arbitraries.of(new User("anonymous", null), new User("wrong-password", User.basic(users.get(0).name(), "wrong").authorization()),
                        new User("malformed-basic", "Basic %%%not-base64"), new User("bearer-junk", "Bearer abc.def.ghi"), new User("empty", ""))));
        return Combinators.combine(path, query, body, contentType, accept, key, user).as((p, q, b, ct, acc, k, u) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            if (b.get2() != null && b.get2().length > 0 || !"GET".equals(e.method())) {
                ct.ifPresent(v -> headers.put("Content-Type", v));
            }
            acc.ifPresent(v -> headers.put("Accept", v));
            k.ifPresent(v -> headers.put("Idempotency-Key", v));
            if (u.authorization() != null) {
                headers.put("Authorization", u.authorization());
            }
            return new Request(e, p + q, headers, b.get1(), b.get2(), b.get3(), u);
        });
    }

    private Arbitrary<String> pathValue(String name) {
        List<String> valid = known.getOrDefault(name, List.of());
        List<Tuple.Tuple2<Integer, Arbitrary<String>>> choices = new ArrayList<>();
        if (!valid.isEmpty()) {
            choices.add(Tuple.of(24, Arbitraries.of(valid)));
            choices.add(Tuple.of(1, Arbitraries.of(valid).map(v -> v + "x")));
            choices.add(Tuple.of(1, Arbitraries.of(valid).map(String::toUpperCase)));
        }
        choices.add(Tuple.of(2, Arbitraries.strings().alpha().numeric().withChars('-').ofMinLength(1).ofMaxLength(40)));
        choices.add(Tuple.of(2, Arbitraries.integers().between(41, 300).map(n -> (valid.isEmpty() ? "id-" : valid.get(0)) + "9".repeat(n))));
        choices.add(Tuple.of(2, Arbitraries.of(ODD_PATH_VALUES)));
        choices.add(Tuple.of(1, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12)));
        return Arbitraries.frequencyOf(choices.toArray(Tuple.Tuple2[]::new));
    }

    private Arbitrary<String> queryParameter(JsonNode parameter) {
        String name = parameter.path("name").asText();
        JsonNode schema = resolve(parameter.path("schema"));
        Arbitrary<String> plausible = value(schema, name, 0).map(v -> v.isTextual() ? v.asText() : v.toString());
        Arbitrary<String> hostile = Arbitraries.oneOf(Arbitraries.of(ODD_PATH_VALUES),
                Arbitraries.of("-1", "0", "101", "1.5", "1e3", "9223372036854775808", "true", "[]", LONG_TEXT, "2023-02-30", "abc"));
        return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just("")),
                Tuple.of(4, plausible.map(v -> encode(name) + "=" + encode(v))),
                Tuple.of(2, hostile.map(v -> encode(name) + "=" + encode(v))),
                Tuple.of(1, Arbitraries.just(encode(name) + "=1&" + encode(name) + "=2")));
    }

    /** Bodies for an operation without a request body: mostly none, sometimes one anyway. */
    private Arbitrary<Tuple.Tuple3<String, byte[], Boolean>> bodiesWithoutSchema() {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(Tuple.of("none", (byte[]) null, false))),
                Tuple.of(1, junk()));
    }

    private Arbitrary<Tuple.Tuple3<String, byte[], Boolean>> bodies(JsonNode schema) {
        Arbitrary<JsonNode> valid = value(schema, "", 0);
        Arbitrary<Tuple.Tuple3<String, byte[], Boolean>> plain = valid.map(v -> Tuple.of("valid", text(v), false));
        Arbitrary<Tuple.Tuple3<String, byte[], Boolean>> mutated = Combinators.combine(valid, Arbitraries.integers().between(0, 1000),
                Arbitraries.of(Mutation.values()), Arbitraries.of(ODD_JSON_VALUES)).as((tree, pick, kind, odd) -> mutate(tree, pick, kind, odd));
        Arbitrary<Tuple.Tuple3<String, byte[], Boolean>> huge = valid.flatMap(v -> Arbitraries.of(true, false).map(chunked -> {
            ObjectNode padded = v.isObject() ? ((ObjectNode) v.deepCopy()) : NODES.objectNode();
            padded.put("padding", "p".repeat(70 * 1024));
            return Tuple.of("70 KiB", text(padded), chunked);
        }));
        return Arbitraries.frequencyOf(Tuple.of(9, plain), Tuple.of(8, mutated), Tuple.of(2, junk()), Tuple.of(1, huge),
                Tuple.of(1, plain.map(t -> Tuple.of("valid, chunked", t.get2(), true))));
    }

    private static Arbitrary<Tuple.Tuple3<String, byte[], Boolean>> junk() {
        List<byte[]> fixed = List.of(new byte[0], b("null"), b("[]"), b("{}"), b("\"x\""), b("1"), b("{"), b("{\"a\":"), b("<xml/>"),
                b("a=b&c=d"), b("{\"a\":1}{\"b\":2}"), new byte[]{(byte) 0xC3, (byte) 0x28, '{', '}'}, b("\ufeff{}"),
                b("{\"a\":NaN}"), b("{'single':'quotes'}"), b("{\"a\":1,}"), b("/* comment */ {}"), b("{\"\\u0000\":1}"));
        return Arbitraries.oneOf(Arbitraries.of(fixed).map(x -> Tuple.of("junk", x, false)),
                Arbitraries.strings().all().ofMaxLength(200).map(s -> Tuple.of("random text", b(s), false)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(x -> Tuple.of("random bytes", x, false)));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] text(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private enum Mutation { REPLACE, REMOVE, ADD_UNKNOWN, DUPLICATE_KEY, WRAP_IN_ARRAY }

    private static Tuple.Tuple3<String, byte[], Boolean> mutate(JsonNode original, int pick, Mutation kind, String odd) {
        JsonNode tree = original.deepCopy();
        List<Object[]> slots = new ArrayList<>(); // {container, field name or index}
        collect(tree, slots);
        if (slots.isEmpty() || kind == Mutation.DUPLICATE_KEY) {
            String t = new String(text(tree), StandardCharsets.UTF_8);
            if (tree.isObject() && tree.size() > 0) {
                String first = tree.fieldNames().next();
                return Tuple.of("duplicate key " + first, b("{\"" + first + "\":" + odd + "," + t.substring(1)), false);
            }
            return Tuple.of("odd value", b(odd), false);
        }
        Object[] slot = slots.get(pick % slots.size());
        JsonNode replacement = new POJONode(new RawValue(odd));
        String where = String.valueOf(slot[1]);
        if (slot[0] instanceof ObjectNode o) {
            String field = (String) slot[1];
            switch (kind) {
                case REMOVE -> o.remove(field);
                case ADD_UNKNOWN -> o.set("unexpected" + (pick % 3), replacement);
                case WRAP_IN_ARRAY -> o.set(field, NODES.arrayNode().add(o.get(field)));
                default -> o.set(field, replacement);
            }
        } else if (slot[0] instanceof ArrayNode a) {
            int i = (Integer) slot[1];
            switch (kind) {
                case REMOVE -> a.remove(i);
                case ADD_UNKNOWN -> a.add(replacement);
                default -> a.set(i, replacement);
            }
        }
        return Tuple.of(kind.name().toLowerCase() + " " + where, text(tree), false);
    }

    private static void collect(JsonNode node, List<Object[]> slots) {
        if (node instanceof ObjectNode o) {
            o.fieldNames().forEachRemaining(f -> slots.add(new Object[]{o, f}));
            o.elements().forEachRemaining(c -> collect(c, slots));
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Object[]{a, i});
                collect(a.get(i), slots);
            }
        }
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 10 && s.has("$ref"); i++) {
            String ref = s.get("$ref").asText();
            s = api.at(ref.substring(1));
        }
        if (s.has("allOf") && s.get("allOf").size() > 0) {
            return resolve(s.get("allOf").get(0));
        }
        if (s.has("oneOf") && s.get("oneOf").size() > 0) {
            return resolve(s.get("oneOf").get(0));
        }
        return s;
    }

    /** A value valid for the schema (as far as the schema says), with known ids preferred by field name. */
    private Arbitrary<JsonNode> value(JsonNode raw, String name, int depth) {
        JsonNode schema = resolve(raw);
        List<String> valid = known.getOrDefault(name, List.of());
        if (schema.has("enum")) {
            List<JsonNode> values = new ArrayList<>();
            schema.get("enum").forEach(values::add);
            return Arbitraries.of(values);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                if (depth > 5) {
                    return Arbitraries.just(NODES.objectNode());
                }
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                List<String> names = new ArrayList<>();
                List<Arbitrary<Optional<JsonNode>>> fields = new ArrayList<>();
                schema.path("properties").fields().forEachRemaining(f -> {
                    names.add(f.getKey());
                    Arbitrary<Optional<JsonNode>> v = value(f.getValue(), f.getKey(), depth + 1).map(Optional::of);
                    fields.add(required.contains(f.getKey()) ? v
                            : Arbitraries.frequencyOf(Tuple.of(7, v), Tuple.of(3, Arbitraries.just(Optional.<JsonNode>empty()))));
                });
                if (fields.isEmpty()) {
                    return Arbitraries.just(NODES.objectNode());
                }
                return Combinators.combine(fields).as(values -> {
                    ObjectNode o = NODES.objectNode();
                    for (int i = 0; i < values.size(); i++) {
                        int index = i;
                        values.get(i).ifPresent(v -> o.set(names.get(index), v));
                    }
                    return (JsonNode) o;
                });
            }
            case "array" -> {
                int min = schema.path("minItems").asInt(0);
                return value(schema.path("items"), name, depth + 1).list().ofMinSize(Math.max(min, 0)).ofMaxSize(Math.max(min, 3))
                        .map(items -> {
                            ArrayNode a = NODES.arrayNode();
                            items.forEach(a::add);
                            return (JsonNode) a;
                        });
            }
            case "integer", "number" -> {
                if (!valid.isEmpty()) {
                    return Arbitraries.of(valid).map(v -> (JsonNode) LongNode.valueOf(Long.parseLong(v)));
                }
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : 0;
                long max = schema.has("maximum") ? Math.min(schema.get("maximum").asLong(), 300_000) : 300_000;
                max = Math.max(min, max);
                return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.longs().between(min, Math.min(max, min + 20))),
                                Tuple.of(1, Arbitraries.longs().between(min, max)))
                        .map(v -> (JsonNode) LongNode.valueOf(v));
            }
            case "boolean" -> {
                return Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE);
            }
            default -> {
                Arbitrary<String> s;
                String format = schema.path("format").asText("");
                String pattern = schema.path("pattern").asText("");
                if (format.equals("date")) {
                    s = Arbitraries.integers().between(0, 1300).map(d -> LocalDate.of(2023, 8, 1).plusDays(d).toString());
                } else if (format.equals("date-time")) {
                    s = Arbitraries.longs().between(0, 40L * 24 * 3600).map(sec -> Instant.parse("2023-08-01T00:00:00Z").plusSeconds(sec * 60).toString());
                } else if (format.equals("email") || name.toLowerCase().contains("email")) {
                    s = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10).map(x -> x + "@example.org");
                } else if (pattern.contains("{36}")) {
                    s = Arbitraries.create(() -> java.util.UUID.randomUUID().toString());
                } else if (pattern.equals("[A-Z]{2}")) {
                    s = Arbitraries.of("CA", "NY", "TX", "OR");
                } else {
                    int max = Math.min(schema.path("maxLength").asInt(30), 30);
                    s = Arbitraries.strings().alpha().withChars(' ', '-').ofMinLength(1).ofMaxLength(Math.max(1, max));
                }
                if (!valid.isEmpty()) {
                    s = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(valid)), Tuple.of(1, s));
                }
                return s.map(v -> (JsonNode) TextNode.valueOf(v));
            }
        }
    }

    /** Percent-encodes everything outside RFC 3986's unreserved characters (UTF-8). */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte c : value.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (c & 0xff);
            if (ch < 0x80 && (Character.isLetterOrDigit(ch) || "-._~".indexOf(ch) >= 0)) {
                out.append(ch);
            } else {
                out.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return out.toString();
    }

    /** Sends the request over HTTP/1.1 (chunked when asked: no Content-Length) and reads the whole answer. */
    public static Response send(HttpClient client, String baseUrl, Request r, String correlationId) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + r.target())).timeout(Duration.ofSeconds(60))
                .version(HttpClient.Version.HTTP_1_1).header("X-Correlation-Id", correlationId);
        r.headers().forEach(b::header);
        HttpRequest.BodyPublisher publisher = r.body() == null ? HttpRequest.BodyPublishers.noBody()
                : r.chunked() ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(r.body()))
                : HttpRequest.BodyPublishers.ofByteArray(r.body());
        b.method(r.endpoint().method(), publisher);
        HttpResponse<String> res = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(res.statusCode(), res.headers().firstValue("Content-Type").orElse(null), res.body());
    }

    /** What is wrong with this answer to any request: a 5xx, or a refusal that is not a complete RFC 9457 problem. */
    public static List<String> violations(Request r, Response res) {
        List<String> v = new ArrayList<>();
        if (res.status() >= 500) {
            v.add("answered " + res.status());
        }
        if (res.status() == 404 && r.endpoint().path().startsWith("/verify/")
                && (res.contentType() == null || !res.contentType().startsWith("application/problem+json"))) {
            // the public certificate check answers an unknown or malformed code with its own answer (status UNKNOWN), not a problem;
            // a path it does not serve (no code: /verify/) is a refusal page carrying the problem's type and status
            boolean refusalPage = res.body() != null && res.contentType() != null && res.contentType().startsWith("text/html")
                    && res.body().contains("data-problem-type=\"urn:kat:problem:not-found\"") && res.body().contains("data-status=\"404\"");
            if (!refusalPage && (res.body() == null || !res.body().contains("UNKNOWN"))) {
                v.add("a certificate check answered 404 without the UNKNOWN answer");
            }
            return v;
        }
        if (res.status() >= 400 && r.endpoint().path().startsWith("/verify/") && res.contentType() != null
                && res.contentType().startsWith("text/html")) {
            // the public certificate check gives a request for its page every refusal as a page carrying the problem's type
            // and status (VerificationProblemPage)
            if (res.body() == null || !res.body().contains("data-problem-type=\"urn:kat:problem:")
                    || !res.body().contains("data-status=\"" + res.status() + "\"")) {
                v.add("a certificate check's refusal page without its problem type and status");
            }
        } else if (res.status() >= 400) {
            if (res.contentType() == null || !res.contentType().startsWith("application/problem+json")) {
                v.add("refusal " + res.status() + " with Content-Type " + res.contentType() + " (not application/problem+json)");
            } else {
                try {
                    JsonNode p = JSON.readTree(res.body());
                    if (!p.path("type").isTextual() || !p.path("title").isTextual() || p.path("status").asInt() != res.status()) {
                        v.add("problem without type/title/status " + res.status());
                    }
                } catch (IOException e) {
                    v.add("problem body is not JSON");
                }
            }
        }
        if (!v.isEmpty()) {
            v.add("answer: " + (res.body() == null ? "" : res.body().length() > 600 ? res.body().substring(0, 600) : res.body()));
        }
        return v;
    }
}
