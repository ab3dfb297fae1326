package com.polaris.kat.testsupport;

import com.polaris.kat.security.AccessRules;
import com.polaris.kat.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every endpoint the service actually has (from its handler mappings) x every role and anonymous:
 * anonymous gets 401, a role the rule does not allow gets 403, an allowed role gets past
 * authorization (any other status); on a public rule ({@code allowAnyone}) anonymous and every role get past. An endpoint without a rule is a failure in itself.
 */
public final class AuthorizationMatrix {

    public record Call(String method, String path, String who, int status, String expected) {
    }

    private AuthorizationMatrix() {
    }

    /** @param users role -> (user, password) of a user with only that role */
    public static List<String> failures(RequestMappingHandlerMapping mappings, AccessRules rules, String baseUrl,
                                        Map<Role, String[]> users, List<Call> log) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            if (e.getValue().getBeanType().getName().startsWith("org.springframework")
                    || org.springframework.boot.web.servlet.error.ErrorController.class.isAssignableFrom(e.getValue().getBeanType())) {
                continue; // the error endpoint, the framework's or the services' (no operation: 404 when asked for as an address)
            }
            for (String pattern : info.getPatternValues()) {
                String path = pattern.replaceAll("\\{[^}]+}", "x-sample-1");
                for (org.springframework.web.bind.annotation.RequestMethod m : info.getMethodsCondition().getMethods()) {
                    HttpMethod method = HttpMethod.valueOf(m.name());
                    Optional<AccessRules.Rule> rule = rules.ruleFor(method, path);
                    if (rule.isEmpty()) {
                        failures.add("no access rule for " + method + " " + pattern);
                        continue;
                    }
                    int anonymous = send(client, baseUrl, method, path, null);
                    if (rule.get().anyone()) {
                        log.add(new Call(method.name(), pattern, "anonymous", anonymous, "not 401/403"));
                        if (anonymous == 401 || anonymous == 403) {
                            failures.add(method + " " + pattern + " anonymous: " + anonymous + ", expected to be allowed (public)");
                        }
                    } else if (anonymous != 401) {
                        log.add(new Call(method.name(), pattern, "anonymous", anonymous, "401"));
                        failures.add(method + " " + pattern + " anonymous: " + anonymous + ", expected 401");
                    } else {
                        log.add(new Call(method.name(), pattern, "anonymous", anonymous, "401"));
                    }
                    for (Role role : Role.values()) {
                        String[] user = users.get(role);
                        int status = send(client, baseUrl, method, path, user);
                        boolean allowed = rule.get().roles().contains(role);
                        log.add(new Call(method.name(), pattern, role.name(), status, allowed ? "not 401/403" : "403"));
                        if (allowed && (status == 401 || status == 403)) {
                            failures.add(method + " " + pattern + " " + role + ": " + status + ", expected to be allowed");
                        }
                        if (!allowed && status != 403) {
                            failures.add(method + " " + pattern + " " + role + ": " + status + ", expected 403");
                        }
                    }
                }
            }
        }
        return failures;
    }

    private static int send(HttpClient client, String baseUrl, HttpMethod method, String path, String[] user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .method(method.name(), method == HttpMethod.GET ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user[0] + ":" + user[1]).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Runs the matrix against a service on localhost and fails with every wrong answer listed;
     * returns how many calls were made (the caller checks the matrix was not empty).
     */
    public static int assertEveryEndpoint(RequestMappingHandlerMapping mappings, AccessRules rules, int port) throws Exception {
        List<Call> calls = new ArrayList<>();
        List<String> failures = failures(mappings, rules, "http://localhost:" + port, testUsers(), calls);
        if (!failures.isEmpty()) {
            throw new AssertionError("authorization matrix: " + failures.size() + " wrong answers:\n" + String.join("\n", failures));
        }
        return calls.size();
    }

    /**
     * The other direction: every rule allows an endpoint the service has (same method, a handler
     * pattern the rule's pattern matches), so the rules, the README role table checked against them
     * and the endpoints cannot drift apart. Rules under the given prefixes are not checked (endpoints
     * that are not handler methods, such as /actuator, /v3/api-docs and /swagger-ui, or that a profile
     * switches on).
     *
     * @return the rules that allow no endpoint, as "METHOD pattern"
     */
    public static List<String> rulesWithoutAnEndpoint(RequestMappingHandlerMapping mappings, AccessRules rules, String... unchecked) {
        List<String> handled = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : e.getKey().getPatternValues()) {
                for (org.springframework.web.bind.annotation.RequestMethod m : e.getKey().getMethodsCondition().getMethods()) {
                    handled.add(m.name() + " " + pattern.replaceAll("\\{[^}]+}", "{}"));
                }
            }
        }
        List<String> stale = new ArrayList<>();
        for (AccessRules.Rule r : rules.rules()) {
            if (java.util.Arrays.stream(unchecked).anyMatch(r.pattern()::startsWith)) {
                continue;
            }
            if (!handled.contains(r.method().name() + " " + r.pattern().replaceAll("\\{[^}]+}", "{}"))) {
                stale.add(r.method().name() + " " + r.pattern());
            }
        }
        return stale;
    }

    /** The single-role users of the services' application-test.yml. */
    public static Map<Role, String[]> testUsers() {
        return Map.of(
                Role.FRONT_END, new String[]{"frontend", "frontend-password-only-in-tests"},
                Role.ATTENDANCE, new String[]{"attendance", "attendance-password-only-in-tests"},
                Role.FINANCE, new String[]{"finance", "finance-password-only-in-tests"},
                Role.COMPLIANCE, new String[]{"compliance", "compliance-password-only-in-tests"},
                Role.ADMIN, new String[]{"admin", "admin-password-only-in-tests"});
    }
}
