package com.polaris.kat.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Map;
import java.util.UUID;

/**
 * The console's only way to the services: commands to the enrollment service, reads from the
 * projection service, each call made as the signed-in person (HTTP Basic with their own local
 * credentials, or their OpenID Connect access token as a bearer token). A refusal comes back as a
 * {@link ServiceProblem} carrying the service's RFC 9457 problem, never as success.
 */
@Component
public class ApiRelay {

    /** The command's event position (response header, and the key it is kept under in a command's answer): read it with ?minPosition=. */
    public static final String EVENT_POSITION = "KAT-Event-Position";

    private final RestClient enrollment;
    private final RestClient projection;
    private final ObjectMapper json;
    private final ObjectProvider<OAuth2AuthorizedClientManager> authorizedClients;

    /**
     * Base URLs from {@code kat.console.enrollment-url} and {@code kat.console.projection-url}; in OpenID Connect
     * mode the access token comes from {@code authorizedClients} (ConsoleSecurity's manager, which refreshes it).
     */
    public ApiRelay(RestClient.Builder builder, ObjectMapper json, ObjectProvider<OAuth2AuthorizedClientManager> authorizedClients,
                    @Value("${kat.console.enrollment-url}") String enrollmentUrl,
                    @Value("${kat.console.projection-url}") String projectionUrl) {
        this.json = json;
        this.authorizedClients = authorizedClients;
        this.enrollment = builder.clone().baseUrl(enrollmentUrl).requestInitializer(r -> {
            r.getHeaders().set(HttpHeaders.AUTHORIZATION, authorization());
            r.getHeaders().set("X-Correlation-Id", UUID.randomUUID().toString());
        }).build();
        this.projection = builder.clone().baseUrl(projectionUrl).requestInitializer(r -> r.getHeaders().set(HttpHeaders.AUTHORIZATION, authorization())).build();
    }

    /** Adds {@code ?minPosition=} (a command's event position, when it has one) to a redirect, so the next page shows the command's effect. */
    public static void after(org.springframework.web.servlet.mvc.support.RedirectAttributes redirect, Object position) {
        if (position != null) {
            redirect.addAttribute("minPosition", position);
        }
    }

    /**
     * Reads a JSON view of the projection service.
     *
     * @throws ServiceProblem {@code 400 invalid-path} before anything is sent when a variable cannot be a path id ({@link #requireIds})
     */
    public Map<String, Object> read(String uri, Object... variables) {
        requireIds(variables);
        return view(call(() -> projection.get().uri(uri, variables).accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class)));
    }

    /** Reads a JSON view with query parameters (null values are left out). */
    public Map<String, Object> read(String path, Map<String, ?> query) {
        return view(call(() -> projection.get().uri(b -> withQuery(b, path, query, false)).accept(MediaType.APPLICATION_JSON)
                .retrieve().body(JsonNode.class)));
    }

    /** A JSON object as maps and lists, which the templates read as properties. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> view(JsonNode node) {
        return node == null ? Map.of() : json.convertValue(node, Map.class);
    }

    /** Reads a file (CSV) of the projection service as it answered it, headers included. */
    public ResponseEntity<byte[]> download(String path, Map<String, ?> query) {
        return call(() -> projection.get().uri(b -> withQuery(b, path, query, false)).retrieve().toEntity(byte[].class));
    }

    /**
     * The URI of {@code path} with the query's parameters, each value sent as a URI variable, so it is percent-encoded whole
     * (RFC 3986) whatever it holds: a value is never read as a template ({@code ch_{id}} had been a 500) nor left with a
     * {@code +} the service reads as a space (a fresh reviewer's {@code ch_A+B} found nothing). Null values are left out, and
     * blank ones unless {@code keepBlank}.
     */
    static java.net.URI withQuery(org.springframework.web.util.UriBuilder b, String path, Map<String, ?> query, boolean keepBlank) {
        b.path(path);
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (v != null && (keepBlank || !String.valueOf(v).isBlank())) {
                String variable = "q" + values.size();
                b.queryParam(k, "{" + variable + "}");
                values.put(variable, v);
            }
        });
        return b.build(values);
    }

    /** The UTF-8 byte order mark, EF BB BF (Unicode, section 23.8). */
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * A file the projection service answered, passed on to the browser as a download: its bytes as they
     * came, its Content-Type, its Content-Disposition (else "attachment" with {@code filename}), never cached. A CSV
     * ({@code text/csv}) gets the UTF-8 byte order mark in front: a spreadsheet opened by double-click (Excel) reads a CSV
     * without it in the computer's legacy code page, so "Müller" in a reason came out as "MÃ¼ller" (a fresh reviewer's);
     * the API's own CSV stays without it, for programs (docs/decisions.md).
     */
    public static ResponseEntity<byte[]> attachment(ResponseEntity<byte[]> answer, String filename) {
        String disposition = answer.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
        MediaType type = answer.getHeaders().getContentType();
        byte[] body = answer.getBody();
        if (type != null && type.isCompatibleWith(MediaType.parseMediaType("text/csv")) && body != null
                && !java.util.Arrays.equals(body, 0, Math.min(3, body.length), UTF8_BOM, 0, 3)) {
            byte[] marked = new byte[body.length + UTF8_BOM.length];
            System.arraycopy(UTF8_BOM, 0, marked, 0, UTF8_BOM.length);
            System.arraycopy(body, 0, marked, UTF8_BOM.length, body.length);
            body = marked;
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, String.valueOf(type == null ? MediaType.APPLICATION_OCTET_STREAM : type))
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition != null && disposition.startsWith("attachment") ? disposition
                        : org.springframework.http.ContentDisposition.attachment().filename(filename).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }

    /**
     * Sends a command (JSON body) to the enrollment service with the given method; the answer's
     * {@link #EVENT_POSITION} entry, when present, lets the next read wait for the command's events. The form's key
     * ({@link FormKeys}) goes as its {@code Idempotency-Key}: a form sent twice is one command, the second answered as the
     * first (after waiting, up to a second, while the first is still committing: {@code 409 idempotency-key-in-use}).
     *
     * @throws ServiceProblem the service's refusal; {@code 422 idempotency-key-reused} in the console's words when the same
     *                        form was sent before with other values
     */
    public Map<String, Object> command(org.springframework.http.HttpMethod method, String uri, Object body, Object... variables) {
        requireIds(variables);
        java.util.Optional<String> key = FormKeys.ofCurrentRequest();
        for (int attempt = 1; ; attempt++) {
            try {
                return commandAnswer(call(() -> enrollment.method(method).uri(uri, variables).contentType(MediaType.APPLICATION_JSON)
                        .headers(h -> key.ifPresent(k -> h.set(IDEMPOTENCY_KEY, k))).body(body).retrieve().toEntity(JsonNode.class)));
            } catch (ServiceProblem problem) {
                if (key.isEmpty()) {
                    throw problem;
                }
                if ("idempotency-key-in-use".equals(problem.slug()) && attempt < IN_USE_ATTEMPTS) {
                    // the same form's first send is committing: once it has, this one answers as it did (the service's advice)
                    java.util.concurrent.locks.LockSupport.parkNanos(IN_USE_PAUSE.toNanos());
                    continue;
                }
                if ("idempotency-key-reused".equals(problem.slug())) {
                    throw new ServiceProblem(422, problem.slug(), "Form already sent", "This form was already sent with other values (a first"
                            + " send that did not answer may have been recorded). Reload the page to see what was recorded, then send the"
                            + " change again.", null);
                }
                throw problem;
            }
        }
    }

    /** The header a form's key travels in (the enrollment service's, Stripe's name). */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Sends of a form answered 409 idempotency-key-in-use (its double is still committing) before that answer is shown. */
    static final int IN_USE_ATTEMPTS = 10;
    static final java.time.Duration IN_USE_PAUSE = java.time.Duration.ofMillis(100);

    /** A command's answer as a view, with its {@link #EVENT_POSITION} when the service gave one; marks the request's command done. */
    private Map<String, Object> commandAnswer(ResponseEntity<JsonNode> answer) {
        markDone();
        Map<String, Object> out = new java.util.LinkedHashMap<>(view(answer.getBody()));
        String position = answer.getHeaders().getFirst(EVENT_POSITION);
        if (position != null) {
            out.put(EVENT_POSITION, position);
        }
        return out;
    }

    /**
     * Sends a file (e.g. a participant report as {@code text/csv}) as the body of a POST to the enrollment
     * service, with query parameters passed as given (an empty value too: the service decides what it
     * means; null values are left out); like {@link #command}, the answer carries {@link #EVENT_POSITION}. The file is
     * streamed from where it lies (an upload's temporary file), never held in the heap whole: concurrent 4 MB uploads
     * had exhausted the console's heap when each was read into memory.
     */
    public Map<String, Object> upload(String path, Map<String, ?> query, MediaType type, org.springframework.core.io.Resource file) {
        return commandAnswer(call(() -> enrollment.post().uri(b -> withQuery(b, path, query, true)).contentType(type).body(file)
                .retrieve().toEntity(JsonNode.class)));
    }

    /** Sends a command (JSON body) to the projection service (administration: rebuilds). */
    public Map<String, Object> projectionCommand(String uri, Object... variables) {
        requireIds(variables);
        Map<String, Object> answer = view(call(() -> projection.post().uri(uri, variables).retrieve().body(JsonNode.class)));
        markDone();
        return answer;
    }

    /**
     * Refuses, before anything is sent, a path variable that cannot be an id of the services: empty, {@code .} or {@code ..},
     * or holding anything but the characters the services' ids have ({@code A-Z a-z 0-9 . _ ~ : -}, docs/problems.md
     * {@code invalid-path}). Sent, the services' web server refused them in its own words ("could not be read at the HTTP
     * level (e.g. an encoded NUL …)", "… a semicolon …; check the URL": fresh reviewers' registration ids {@code ../../x} and
     * {@code ..;x} in a roster form). A longer id than a service takes is the service's to refuse ({@code invalid-path},
     * shown by the forms with {@link PathIds}).
     *
     * @throws ServiceProblem {@code 400 invalid-path}, the id's rule in the detail
     */
    static void requireIds(Object... variables) {
        for (Object v : variables) {
            if (v instanceof String id && (id.isEmpty() || id.equals(".") || id.equals("..") || !PathIds.hasIdCharactersOnly(id))) {
                throw new ServiceProblem(400, "invalid-path", "Invalid id", "'" + (id.length() > 40 ? id.substring(0, 40) + "…" : id)
                        .replaceAll("\\p{Cntrl}", "\uFFFD") + "' cannot be an id: an id has letters, digits and . _ ~ : - only (and is"
                        + " not . or ..). Nothing was sent.", null);
            }
        }
    }

    /** The request attribute set once a command of this request succeeded (a later failing read must not say "nothing was changed"). */
    public static final String COMMAND_DONE = "kat.console.command-done";

    private static void markDone() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            attributes.getRequest().setAttribute(COMMAND_DONE, Boolean.TRUE);
        }
    }

    private <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (RestClientResponseException e) {
            throw ServiceProblem.from(e, json);
        } catch (org.springframework.web.client.ResourceAccessException e) {
            throw unreachable(e);
        }
    }

    /** A service that did not answer: 503, with the cause named (never "null"). */
    static ServiceProblem unreachable(org.springframework.web.client.ResourceAccessException e) {
        Throwable cause = e.getMostSpecificCause();
        String why = cause.getMessage() == null || cause.getMessage().isBlank() ? cause.getClass().getSimpleName() : cause.getMessage();
        String outcome = cause instanceof java.net.ConnectException ? "Nothing was changed by this page; try again."
                : "If this page sent a change, check whether it was made before trying again.";
        return new ServiceProblem(503, "service-unreachable", "Service unreachable", "A service did not answer (" + why + "). " + outcome, null);
    }

    /** The signed-in person's credentials for the services. */
    private String authorization() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof OAuth2AuthenticationToken oauth) {
            OAuth2AuthorizedClientManager manager = authorizedClients.getIfAvailable();
            OAuth2AuthorizedClient client;
            try {
                // the token as the identity provider last issued it, refreshed (refresh token grant) when it has expired
                client = manager == null ? null : manager.authorize(OAuth2AuthorizeRequest
                        .withClientRegistrationId(oauth.getAuthorizedClientRegistrationId()).principal(oauth).build());
            } catch (ClientAuthorizationException refused) {
                throw new ServiceProblem(401, "unauthenticated", "Sign in again",
                        "The identity provider did not renew your access (" + refused.getError().getErrorCode() + ").", null);
            }
            if (client == null) {
                throw new ServiceProblem(401, "unauthenticated", "Sign in again", "Your sign-in has no access token for the services.", null);
            }
            return "Bearer " + client.getAccessToken().getTokenValue();
        }
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        HttpSession session = request.getSession(false);
        Object basic = session == null ? null : session.getAttribute(ConsoleSecurity.BASIC_RELAY);
        if (basic == null) {
            throw new ServiceProblem(401, "unauthenticated", "Sign in again", "Your session has no credentials for the services.", null);
        }
        return (String) basic;
    }
}
