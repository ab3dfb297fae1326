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
 * A service's access rules: method + path pattern -> the roles allowed, and what the rule lets them
 * do in words. A request no rule matches is denied. Each service declares its rules beside its
 * endpoints, as one bean; this one table is what the security filter chain enforces
 * ({@link SecurityAutoConfiguration}), what the authorization matrix test sends requests from, and
 * what the README's role table is checked against (test-support's {@code RoleTable}).
 */
public final class AccessRules {

    /**
     * @param method  the HTTP method
     * @param pattern a path pattern ({@code {name}} matches one segment, {@code **} the rest)
     * @param roles   the roles allowed
     * @param what    what it allows, in the README role table's words (null: not listed there)
     * @param anyone  every caller, without signing in (then {@code roles} is every role)
     */
    public record Rule(HttpMethod method, String pattern, Set<Role> roles, String what, boolean anyone) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private final List<String> publicAreas = new ArrayList<>();

    /** Allows the roles to send this request; {@code what} names it in the README's role table. */
    public AccessRules allow(HttpMethod method, String pattern, String what, Role... roles) {
        rules.add(new Rule(method, pattern, roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles), what, false));
        return this;
    }

    /**
     * A public endpoint: anyone, signed in or not (the product rules name one: checking a
     * certificate by its code). Use for exactly the paths the rules make public; {@code what} is
     * null when the README says it outside the role table.
     */
    public AccessRules allowAnyone(HttpMethod method, String pattern, String what) {
        rules.add(new Rule(method, pattern, EnumSet.allOf(Role.class), what, true));
        return this;
    }

    /** The OpenAPI description and its UI: any signed-in role may read them. */
    public AccessRules allowApiDocs() {
        Role[] all = Role.values();
        return allow(HttpMethod.GET, "/v3/api-docs", null, all)
                .allow(HttpMethod.GET, "/v3/api-docs.yaml", null, all)
                .allow(HttpMethod.GET, "/v3/api-docs/**", null, all)
                .allow(HttpMethod.GET, "/swagger-ui.html", null, all)
                .allow(HttpMethod.GET, "/swagger-ui/**", null, all);
    }

    /**
     * A public area: every request for {@code prefix} and any path under it reaches the application without authentication
     * (credentials sent are not read: {@code SecurityAutoConfiguration.publicAreas}), so a path there that no endpoint serves
     * is answered {@code 404 not-found} and another method {@code 405} (as a page where the area renders one), never
     * {@code 401} with a sign-in challenge a browser would show as a password dialog (fresh reviewers' findings for
     * {@code /verify}, {@code /verify/a/b}, a POST, and stale credentials). Only endpoints that anyone may call belong under
     * it; each still has its own rule ({@link #allowAnyone}), which the authorization matrix checks.
     *
     * @param prefix a path without a trailing slash, e.g. {@code /verify}
     */
    public AccessRules publicArea(String prefix) {
        publicAreas.add(prefix);
        return this;
    }

    /** The public areas ({@link #publicArea}), in the order declared. */
    public List<String> publicAreas() {
        return List.copyOf(publicAreas);
    }

    /** Every rule, in the order declared. */
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
