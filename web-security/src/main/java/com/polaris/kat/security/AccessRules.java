package com.polaris.kat.security;

import org.springframework.http.HttpMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A service's access rules: method + path pattern -> the roles allowed. A request no rule matches
 * is denied. Each service declares its rules beside its endpoints, as one bean.
 */
public final class AccessRules {

    /** A rule: the roles allowed, or, when {@code anyone}, every caller without signing in. */
    public record Rule(HttpMethod method, String pattern, Set<Role> roles, boolean anyone) {
        public Rule(HttpMethod method, String pattern, Set<Role> roles) {
            this(method, pattern, roles, false);
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    public AccessRules allow(HttpMethod method, String pattern, Role... roles) {
        rules.add(new Rule(method, pattern, roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles)));
        return this;
    }

    /**
     * A public endpoint: anyone, signed in or not (the product rules name one: checking a
     * certificate by its code). Use for exactly the paths the rules make public.
     */
    public AccessRules allowAnyone(HttpMethod method, String pattern) {
        rules.add(new Rule(method, pattern, EnumSet.allOf(Role.class), true));
        return this;
    }

    /** The OpenAPI description and its UI: any signed-in role may read them. */
    public AccessRules allowApiDocs() {
        Role[] all = Role.values();
        return allow(org.springframework.http.HttpMethod.GET, "/v3/api-docs", all)
                .allow(org.springframework.http.HttpMethod.GET, "/v3/api-docs.yaml", all)
                .allow(org.springframework.http.HttpMethod.GET, "/v3/api-docs/**", all)
                .allow(org.springframework.http.HttpMethod.GET, "/swagger-ui.html", all)
                .allow(org.springframework.http.HttpMethod.GET, "/swagger-ui/**", all);
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    /** The first rule for this request; empty when none applies (the request is then denied). */
    public Optional<Rule> ruleFor(HttpMethod method, String path) {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        return rules.stream()
                .filter(r -> r.method().equals(method))
                .filter(r -> {
                    PathPattern p = parser.parse(r.pattern());
                    return p.matches(org.springframework.http.server.PathContainer.parsePath(path));
                })
                .findFirst();
    }
}
