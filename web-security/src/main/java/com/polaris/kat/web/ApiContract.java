package com.polaris.kat.web;

import com.polaris.kat.security.CorrelationFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The OpenAPI description both services serve at {@code /v3/api-docs}, held to one contract that
 * Redocly's {@code recommended} rules check in the test command (infra/test.sh):
 * <ul>
 * <li>info with a license, one relative server (the service itself), both ways to authenticate;</li>
 * <li>every error response is {@code application/problem+json} with the {@code Problem} schema
 * (RFC 9457), and its description lists the problem types (docs/problems.md) the endpoint answers:
 * 401 on every operation and 403 on every one that needs a role; 400 on every operation ({@code invalid-query},
 * {@code invalid-header}, {@code bad-request}), with a body also {@code malformed-request} and {@code invalid-request},
 * with a path parameter also {@code invalid-path}; 414 {@code uri-too-long} and 431 {@code header-fields-too-large} on
 * every operation; 404 on every operation with a path parameter; 413 on every operation; 415 on every
 * command and every operation with a body; 406 on every GET; and what {@link ApiProblem} adds. An error status the
 * operation declares with content of its own (not a problem) keeps it;</li>
 * <li>every 201 response names its {@code Location} header, every 503 its {@code Retry-After}.</li>
 * </ul>
 * Operation summaries and the success schemas come from the controllers ({@code @Operation}, typed
 * records).
 */
@AutoConfiguration(before = org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@org.springframework.context.annotation.Import(ProblemErrorController.class)
public class ApiContract {

    /** The component name of the RFC 9457 problem schema. */
    public static final String PROBLEM = "Problem";
    private static final String PROBLEMS_EXTENSION = "x-kat-problems";
    private static final Map<Integer, String> MEANING = Map.ofEntries(
            Map.entry(400, "The request is malformed; nothing was changed."),
            Map.entry(401, "No, wrong or expired credentials."),
            Map.entry(403, "The caller's role does not allow this request."),
            Map.entry(404, "What the path (or an id given as a query parameter) names does not exist."),
            Map.entry(409, "The request conflicts with the current state; nothing was changed."),
            Map.entry(406, "The Accept header asks for a media type this operation does not answer with."),
            Map.entry(414, "The request line (method, path and query) is longer than the server reads; nothing was changed."),
            Map.entry(415, "The body is not sent in a media type this operation accepts."),
            Map.entry(422, "The request is well-formed but the rules do not allow it as stated; nothing was changed."),
            Map.entry(429, "Too many requests from this client address; retry after Retry-After seconds."),
            Map.entry(431, "The request's header fields are larger than the server reads; nothing was changed."),
            Map.entry(503, "The service cannot answer this now; retry after Retry-After seconds."));

    /** 503 database-unavailable for a request the database failed, before Spring MVC's resolvers ({@link DatabaseUnavailableResolver}). */
    @Bean
    DatabaseUnavailableResolver katDatabaseUnavailableResolver() {
        return new DatabaseUnavailableResolver();
    }

    /** The service's OpenAPI description: title, license, the service as its own server, both ways to authenticate. */
    @Bean
    OpenAPI katOpenApi(@Value("${spring.application.name}") String name) {
        return new OpenAPI()
                .info(new Info().title("KAT enrollment: " + name).version("v1")
                        .license(new License().name("Proprietary: Polaris Insight Center, all rights reserved").identifier("LicenseRef-Proprietary"))
                        .description("Ketamine Assisted Therapy Training for Clinicians. Errors are RFC 9457 problems "
                                + "(application/problem+json) with types urn:kat:problem:<slug>, listed in docs/problems.md. "
                                + "Amounts in requests are integer cents; instants are UTC (ISO 8601)."))
                .servers(List.of(new Server().url("/").description("this service (locally: enrollment-service on port 8081, "
                        + "projection-service on port 8082)")))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("deployments: a token from the identity provider; roles in its roles claim"))
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("local mode only (infra/run.sh): one named user per role")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }

    /**
     * Records the {@link ApiProblem}s of the handler method and its class on the operation, for {@link #katProblemResponses};
     * in a service that checks Idempotency-Key headers ({@code RequestShape.Rules#idempotencyKeys}), every command
     * (POST, PUT, PATCH, DELETE) also lists the header and 400 {@code invalid-idempotency-key} (a fresh reviewer found
     * them only on the endpoints that declared them, though every command checks the header and most claim it); a command
     * marked {@link IdempotencyKeyNotClaimed} lists only the 400, and its header says how a repeat is answered. Every
     * operation lists 503 {@code database-unavailable}.
     */
    @Bean
    OperationCustomizer katDeclaredProblems(org.springframework.beans.factory.ObjectProvider<com.polaris.kat.security.strict.RequestShape.Rules> shape) {
        com.polaris.kat.security.strict.RequestShape.Rules rules = shape.getIfAvailable();
        boolean keys = rules != null && rules.idempotencyKeys();
        return (operation, handler) -> {
            Map<Integer, Set<String>> declared = new TreeMap<>();
            List<ApiProblem> all = new ArrayList<>(AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getBeanType(), ApiProblem.class));
            all.addAll(AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(), ApiProblem.class));
            for (ApiProblem p : all) {
                declared.computeIfAbsent(p.status(), s -> new LinkedHashSet<>()).addAll(List.of(p.types()));
            }
            // every operation reads or writes the database, so each can answer 503 database-unavailable while it is out of
            // reach ({@link DatabaseUnavailableResolver}; a fresh reviewer found it in none of the operations, though for a
            // command it means "send it again with the same key")
            declared.computeIfAbsent(503, s -> new LinkedHashSet<>()).add("database-unavailable");
            if (keys && isCommand(handler.getMethod())) {
                // the service checks every request's key (RequestShape): each command lists the header and its 400, and what
                // a used key answers: 422 when the key's first request was another, 409 while a concurrent first request
                // under it completes (a fresh reviewer saw both on commands that did not list them, 2026-12-01)
                declared.computeIfAbsent(400, s -> new LinkedHashSet<>()).add("invalid-idempotency-key");
                IdempotencyKeyNotClaimed notClaimed = handler.getMethodAnnotation(IdempotencyKeyNotClaimed.class);
                if (notClaimed == null) {
                    declared.computeIfAbsent(422, s -> new LinkedHashSet<>()).add("idempotency-key-reused");
                    declared.computeIfAbsent(409, s -> new LinkedHashSet<>()).add("idempotency-key-in-use");
                }
                Parameter described = notClaimed == null ? idempotencyKeyParameter() : idempotencyKeyParameter()
                        .description("Checked (1-190 printable ASCII characters other than @, one header) but not claimed: " + notClaimed.value() + ".");
                Parameter listed = operation.getParameters() == null ? null : operation.getParameters().stream()
                        .filter(p -> "header".equals(p.getIn()) && CorrelationFilter.IDEMPOTENCY_HEADER.equalsIgnoreCase(p.getName()))
                        .findFirst().orElse(null);
                if (listed == null) {
                    operation.addParametersItem(described);
                } else {
                    // a handler that names the header (@RequestHeader) gets the same description and limits as the rest
                    // (a fresh reviewer found a bare string on the eight that name it, 2026-12-01)
                    listed.description(described.getDescription()).schema(described.getSchema());
                }
            }
            operation.addExtension(PROBLEMS_EXTENSION, declared);
            return operation;
        };
    }

    private static boolean isCommand(java.lang.reflect.Method method) {
        return AnnotatedElementUtils.hasAnnotation(method, org.springframework.web.bind.annotation.PostMapping.class)
                || AnnotatedElementUtils.hasAnnotation(method, org.springframework.web.bind.annotation.PutMapping.class)
                || AnnotatedElementUtils.hasAnnotation(method, org.springframework.web.bind.annotation.PatchMapping.class)
                || AnnotatedElementUtils.hasAnnotation(method, org.springframework.web.bind.annotation.DeleteMapping.class);
    }

    private static Parameter idempotencyKeyParameter() {
        return new io.swagger.v3.oas.models.parameters.HeaderParameter().name(CorrelationFilter.IDEMPOTENCY_HEADER).required(false)
                .description("Makes a retry safe (Stripe's semantics): the same request again under the same key answers as the first"
                        + " time and records nothing more; the same key with another request is 422 idempotency-key-reused."
                        + " 1-190 printable ASCII characters other than @, one header. Use a random value (a version 4 UUID, as Stripe"
                        + " advises): the key is kept with the events it causes, for as long as they are kept, and a registration's id"
                        + " may be derived from it, so a key must not carry personal data; one with an @ (an e-mail address) is"
                        + " 400 invalid-idempotency-key.")
                .schema(new StringSchema().minLength(1).maxLength(190).pattern("^[ -?A-~]{1,190}$"));
    }

    /**
     * A request field's bounds in the description as the service enforces them: a {@code @NotBlank} / {@code @NotEmpty}
     * string or list has {@code minLength} / {@code minItems} 1 (a {@code @Size(max = 500)} beside it had made springdoc
     * write 0), and a {@code @PositiveOrZero} number (cents, minutes) has {@code minimum: 0} (springdoc wrote none). A
     * fresh reviewer read the description's 0 as "empty allowed" and found no lower bound on the cents.
     */
    @Bean
    io.swagger.v3.core.converter.ModelConverter katConstraintBounds() {
        return new io.swagger.v3.core.converter.ModelConverter() {
            @Override
            @SuppressWarnings({"rawtypes", "unchecked"})
            public io.swagger.v3.oas.models.media.Schema resolve(io.swagger.v3.core.converter.AnnotatedType type,
                                                                 io.swagger.v3.core.converter.ModelConverterContext context,
                                                                 java.util.Iterator<io.swagger.v3.core.converter.ModelConverter> chain) {
                io.swagger.v3.oas.models.media.Schema schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
                Class<?> raw = io.swagger.v3.core.util.Json.mapper().constructType(type.getType()).getRawClass();
                if (schema == null || !raw.isRecord()) {
                    return schema;
                }
                io.swagger.v3.oas.models.media.Schema model = schema.get$ref() == null ? schema
                        : context.getDefinedModels().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
                if (model == null || model.getProperties() == null) {
                    return schema;
                }
                for (java.lang.reflect.RecordComponent component : raw.getRecordComponents()) {
                    Object property = model.getProperties().get(component.getName());
                    if (property instanceof io.swagger.v3.oas.models.media.Schema p) {
                        // a constraint on a record component is carried by its accessor (Bean Validation's targets have no RECORD_COMPONENT)
                        bound(p, component.getAccessor());
                        io.swagger.v3.oas.models.media.Schema orNull = nullableReference(p, component.getAccessor());
                        if (orNull != p) {
                            model.getProperties().put(component.getName(), orNull);
                        }
                    }
                }
                return schema;
            }
        };
    }

    /**
     * A property that refers to another schema ({@code $ref}) and whose record component says it may be null
     * ({@code @Schema(nullable = true)} or {@code types} with {@code "null"}), as {@code anyOf: [{$ref}, {type: null}]} with its
     * description: swagger drops both beside a {@code $ref}, so a client generated from the description would refuse the null
     * the service sends (a roster entry's {@code inFull} before any attendance, a waitlist place's {@code offer} before one is
     * made, a transcript's {@code participant} when no registration is known). Any other property is returned as it is.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static io.swagger.v3.oas.models.media.Schema nullableReference(io.swagger.v3.oas.models.media.Schema property,
                                                                         java.lang.reflect.Method component) {
        io.swagger.v3.oas.annotations.media.Schema declared = component.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        if (property.get$ref() == null || declared == null
                || !(declared.nullable() || java.util.Arrays.asList(declared.types()).contains("null"))) {
            return property;
        }
        io.swagger.v3.oas.models.media.Schema orNull = new io.swagger.v3.oas.models.media.JsonSchema();
        orNull.setDescription(property.getDescription() != null ? property.getDescription()
                : declared.description().isEmpty() ? null : declared.description());
        orNull.setAnyOf(List.of(new io.swagger.v3.oas.models.media.JsonSchema().$ref(property.get$ref()),
                new io.swagger.v3.oas.models.media.JsonSchema().types(java.util.Set.of("null"))));
        return orNull;
    }

    /** Sets a property's lower bounds from its record component's constraints (see {@link #katConstraintBounds()}). */
    private static void bound(io.swagger.v3.oas.models.media.Schema<?> property, java.lang.reflect.Method component) {
        java.util.Set<String> types = property.getTypes() != null ? property.getTypes()
                : property.getType() != null ? java.util.Set.of(property.getType()) : java.util.Set.of();
        boolean present = component.isAnnotationPresent(jakarta.validation.constraints.NotBlank.class)
                || component.isAnnotationPresent(jakarta.validation.constraints.NotEmpty.class);
        if (present && types.contains("string") && (property.getMinLength() == null || property.getMinLength() < 1)) {
            property.setMinLength(1);
        }
        if (present && types.contains("array") && (property.getMinItems() == null || property.getMinItems() < 1)) {
            property.setMinItems(1);
        }
        if (component.isAnnotationPresent(jakarta.validation.constraints.PositiveOrZero.class) && property.getMinimum() == null
                && (types.contains("integer") || types.contains("number"))) {
            property.setMinimum(java.math.BigDecimal.ZERO);
        }
    }

    /** Adds every operation's problem responses and every 201's Location header (see the class comment). */
    @Bean
    OpenApiCustomizer katProblemResponses(@Value("${kat.http.large-body-paths:}") List<String> largeBodyPaths,
                                          @Value("${kat.http.max-body-bytes:65536}") long bodyBytes,
                                          @Value("${kat.http.max-large-body-bytes:4194304}") long largeBodyBytes,
                                          org.springframework.beans.factory.ObjectProvider<com.polaris.kat.security.strict.RequestShape.Rules> shape) {
        com.polaris.kat.security.strict.RequestShape.Rules rules = shape.getIfAvailable();
        // a path variable RequestShape checks (its width is not 0) can be refused as 400 invalid-path
        java.util.function.Predicate<String> checked = name -> rules == null || rules.maxLengths().getOrDefault(name, rules.defaultMaxLength()) != 0;
        org.springframework.util.AntPathMatcher ant = new org.springframework.util.AntPathMatcher();
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((name, path) -> {
                // an operation under kat.http.large-body-paths takes a body up to its own limit (BodySizeLimit): its 413 says so
                String template = name.replaceAll("\\{[^}]+}", "x");
                boolean large = largeBodyPaths.stream().anyMatch(p -> !p.isBlank() && ant.match(p.strip(), template));
                path.readOperationsMap().forEach((method, op) -> document(method, op, checked, large ? largeBodyBytes : bodyBytes));
            });
        };
    }

    @SuppressWarnings("unchecked")
    private static void document(PathItem.HttpMethod method, Operation op, java.util.function.Predicate<String> checkedPathVariable,
                                 long bodyLimit) {
        Map<Integer, Set<String>> problems = new TreeMap<>();
        Object declared = op.getExtensions() == null ? null : op.getExtensions().remove(PROBLEMS_EXTENSION);
        if (op.getExtensions() != null && op.getExtensions().isEmpty()) {
            op.setExtensions(null);
        }
        List<Parameter> parameters = op.getParameters() == null ? List.of() : op.getParameters();
        boolean body = op.getRequestBody() != null;
        boolean command = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH
                || method == PathItem.HttpMethod.DELETE;
        if (body) {
            problems.computeIfAbsent(400, s -> new LinkedHashSet<>()).addAll(List.of("malformed-request", "invalid-request"));
        }
        // every operation: the request-shape checks refuse a malformed or repeated query parameter (e.g. ?x=%01) wherever it
        // is sent, also where the operation takes none; the firewall a header it does not allow, the HTTP parser what it
        // cannot read (fresh reviewers found each undocumented, 2026-12-01)
        problems.computeIfAbsent(400, s -> new LinkedHashSet<>()).addAll(List.of("invalid-query", "invalid-header", "bad-request"));
        // and a request line or header section larger than it reads (server.max-http-request-header-size): RFC 9110 and 6585
        problems.computeIfAbsent(414, s -> new LinkedHashSet<>()).add("uri-too-long");
        problems.computeIfAbsent(431, s -> new LinkedHashSet<>()).add("header-fields-too-large");
        if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()) && checkedPathVariable.test(p.getName()))) {
            problems.get(400).add("invalid-path"); // a path value longer than any id, or with characters ids never have
        }
        // every operation refuses a body above the limit, a GET's too (a reviewer's finding: listed only where one is taken);
        // a command also one it cannot take (not JSON) where it takes none
        problems.computeIfAbsent(413, s -> new LinkedHashSet<>()).add("body-too-large");
        if (body || command) {
            problems.computeIfAbsent(415, s -> new LinkedHashSet<>()).add("unsupported-media-type");
        }
        boolean page = op.getResponses() != null && op.getResponses().entrySet().stream()
                .anyMatch(r -> r.getKey().startsWith("2") && r.getValue().getContent() != null && r.getValue().getContent().containsKey("text/html"));
        if (method == PathItem.HttpMethod.GET && !page) {
            // an Accept it cannot answer; an operation that also answers with a page answers any other Accept with the page
            problems.computeIfAbsent(406, s -> new LinkedHashSet<>()).add("not-acceptable");
        }
        problems.computeIfAbsent(401, s -> new LinkedHashSet<>()).add("unauthenticated"); // public ones too: credentials sent and wrong
        boolean open = op.getSecurity() != null && op.getSecurity().isEmpty();
        if (!open) {
            problems.computeIfAbsent(403, s -> new LinkedHashSet<>()).add("forbidden");
        }
        if (declared instanceof Map<?, ?> d) {
            ((Map<Integer, Set<String>>) d).forEach((status, types) -> problems.computeIfAbsent(status, s -> new LinkedHashSet<>()).addAll(types));
        }
        if (parameters.stream().anyMatch(p -> "path".equals(p.getIn())) && !problems.containsKey(404)) {
            problems.put(404, new LinkedHashSet<>(List.of("not-found")));
        }
        ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        Map<String, ApiResponse> ordered = new LinkedHashMap<>();
        responses.forEach((code, r) -> {
            if (code.startsWith("2") || answer(r)) {
                ordered.put(code, r);
            }
        });
        // a status the operation answers with its own content (e.g. the public verification's 404: the answer's fields or its
        // page) keeps it; every other error status is a problem
        problems.forEach((status, types) -> ordered.putIfAbsent(String.valueOf(status), problemResponse(status, types,
                status == 413 ? "The body is larger than " + size(bodyLimit) + "." : MEANING.getOrDefault(status, "A problem."))));
        responses.clear();
        ordered.forEach(responses::addApiResponse);
        op.setResponses(responses);
        for (String retried : List.of("429", "503")) {
            ApiResponse unavailable = responses.get(retried);
            if (unavailable == null) {
                continue;
            }
            unavailable.addHeaderObject("Retry-After", new Header().description("Seconds after which the request may be sent again"
                    + " (RFC 9110, section 10.2.3).").schema(new io.swagger.v3.oas.models.media.IntegerSchema().minimum(java.math.BigDecimal.ZERO)));
        }
        ApiResponse created = responses.get("201");
        if (created != null) {
            created.addHeaderObject("Location", new Header().description("Where the created resource can be read (on the projection "
                    + "service for what commands create; read it with ?minPosition= and this response's KAT-Event-Position).")
                    .schema(new StringSchema().format("uri")));
        }
    }

    /** A declared error response that is not a problem: it has content, none of it {@code application/problem+json}. */
    private static boolean answer(ApiResponse r) {
        return r.getContent() != null && !r.getContent().isEmpty()
                && !r.getContent().containsKey(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

    /** A body limit as the description states it: 65536 is "64 KiB", 4194304 "4 MiB". */
    private static String size(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    private static ApiResponse problemResponse(int status, Set<String> types, String meaning) {
        String description = types.isEmpty() ? meaning
                : meaning + " Problem types: " + String.join(", ", types.stream().map(t -> "`" + Problems.TYPE_PREFIX + t + "`").toList()) + ".";
        return new ApiResponse().description(description).content(new Content().addMediaType(
                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema problemSchema() {
        Schema s = new ObjectSchema()
                .description("An RFC 9457 problem. Some types carry more members (e.g. invalid-request: errors; a 422 about one "
                        + "request field: field; payment-mismatch: priceDueCents, creditAppliedCents, paymentDueCents; invalid-path and a 404 about "
                        + "a query parameter: parameter; "
                        + "projection-rebuilding: projection, processedThrough, replayingUntil); see docs/problems.md.")
                .addProperty("type", new StringSchema().format("uri").description("urn:kat:problem:<slug>").example("urn:kat:problem:sold-out"))
                .addProperty("title", new StringSchema().example("Sold out"))
                .addProperty("status", new IntegerSchema().example(409))
                .addProperty("detail", new StringSchema().description("what happened and what to do").example("Series 21 is sold out."))
                .addProperty("instance", new StringSchema().format("uri-reference").description("the request's path")
                        .example("/api/series/series-21/registrations"));
        s.setRequired(List.of("type", "title", "status"));
        s.setAdditionalProperties(Boolean.TRUE);
        return s;
    }
}

