package com.polaris.kat.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Authentication and authorization for both services. {@code kat.security.mode=jwt} (the default,
 * for deployments): an OAuth2 resource server; the issuer comes from
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} and the roles from the claim named by
 * {@code kat.security.jwt.role-claim} (default "roles"). {@code kat.security.mode=local}: HTTP Basic
 * with the named users in {@code kat.security.local-users}, whose passwords must be given (there is
 * no default). Health probes and info are open; everything else needs a rule in the service's
 * {@link AccessRules}, or it is denied.
 */
@AutoConfiguration(before = org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration.class)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityAutoConfiguration.LocalUsers.class)
public class SecurityAutoConfiguration {

    @ConfigurationProperties("kat.security")
    public static class LocalUsers {
        /** name -> password and roles, for mode=local. */
        private Map<String, LocalUser> localUsers = new LinkedHashMap<>();

        public Map<String, LocalUser> getLocalUsers() {
            return localUsers;
        }

        public void setLocalUsers(Map<String, LocalUser> localUsers) {
            this.localUsers = localUsers;
        }
    }

    public static class LocalUser {
        private String password;
        private List<Role> roles = new ArrayList<>();

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public List<Role> getRoles() {
            return roles;
        }

        public void setRoles(List<Role> roles) {
            this.roles = roles;
        }
    }

    /**
     * No Micrometer observation around each security filter, authentication and authorization of a
     * request (Spring Security wraps every filter in one when an observation registry exists).
     * Measured in a profile of registrations: the wrappers and their tag lookups were a few percent
     * of the request's CPU for no metric anyone reads; HTTP request metrics stay (Spring MVC's own).
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings noSecurityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /**
     * The public areas ({@link AccessRules#publicArea}, e.g. {@code /verify}): a filter chain of their own, ahead of the API's,
     * that authenticates nobody and lets every request through to the application, which answers it (200 for a code, 404 for
     * a path it does not serve, 405 for another method). Credentials sent with such a request are not read: a browser still
     * holding stale credentials for the host (from the API's own pages), or a client sending a wrong bearer token, got 401
     * with a sign-in challenge on the public certificate page, and any method other than GET and HEAD did too (a fresh
     * reviewer's findings). A service without public areas gets a chain that matches nothing.
     */
    @Bean
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain publicAreas(HttpSecurity http, AccessRules rules) throws Exception {
        List<org.springframework.security.web.util.matcher.RequestMatcher> areas = new java.util.ArrayList<>();
        for (String area : rules.publicAreas()) {
            areas.add(AntPathRequestMatcher.antMatcher(area));
            areas.add(AntPathRequestMatcher.antMatcher(area + "/**"));
        }
        http.securityMatcher(areas.isEmpty() ? request -> false : new org.springframework.security.web.util.matcher.OrRequestMatcher(areas))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE - 10)
    SecurityFilterChain apiSecurity(HttpSecurity http, AccessRules rules, ObjectMapper json, LocalUsers users,
                                    @Value("${kat.security.mode:jwt}") String mode,
                                    @Value("${kat.security.jwt.role-claim:roles}") String roleClaim) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> {
                    a.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
                    // An error dispatch renders the failure of a request already authorized; securing it
                    // again would turn every 500 into a misleading 401.
                    a.dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ERROR).permitAll();
                    for (AccessRules.Rule r : rules.rules()) {
                        String pattern = r.pattern().replaceAll("\\{[^}]+}", "*");
                        // HEAD is GET without the body (RFC 9110, 9.3.2): whoever may GET a path may HEAD it (anonymous HEAD
                        // on the public verification had been 401, a fresh reviewer's finding)
                        List<HttpMethod> methods = HttpMethod.GET.equals(r.method()) ? List.of(HttpMethod.GET, HttpMethod.HEAD) : List.of(r.method());
                        for (HttpMethod method : methods) {
                            var matcher = a.requestMatchers(AntPathRequestMatcher.antMatcher(method, pattern));
                            if (r.anyone()) {
                                matcher.permitAll();
                            } else {
                                matcher.hasAnyRole(r.roles().stream().map(Enum::name).toArray(String[]::new));
                            }
                        }
                    }
                    // A known path with a method it does not have: let MVC answer 405 to an authenticated
                    // caller. Safe because every mapped endpoint needs its own rule (AuthorizationMatrixTest).
                    for (String path : rules.rules().stream().map(r -> r.pattern().replaceAll("\\{[^}]+}", "*")).distinct().toList()) {
                        a.requestMatchers(AntPathRequestMatcher.antMatcher(path)).authenticated();
                    }
                    // Actuator endpoints without a rule of their own stay closed to everyone.
                    a.requestMatchers(AntPathRequestMatcher.antMatcher("/actuator/**")).denyAll();
                    // A path no endpoint has (a typo, a trailing slash, "/"): let MVC answer 404 not-found to an
                    // authenticated caller, not 403 "your role does not allow" (fresh reviewers' findings). Safe for the
                    // same reason: a controller endpoint without a rule of its own fails AuthorizationMatrixTest.
                    a.anyRequest().authenticated();
                })
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problem(json, req, res, HttpStatus.UNAUTHORIZED, "unauthenticated",
                                "Authenticate first: " + ("local".equals(mode) ? "HTTP Basic with a named local user." : "a bearer token from the identity provider.")))
                        .accessDeniedHandler((req, res, ex) -> problem(json, req, res, HttpStatus.FORBIDDEN, "forbidden",
                                "Your role does not allow " + req.getMethod() + " " + req.getRequestURI() + ".")));
        if ("local".equals(mode)) {
            http.httpBasic(b -> b.authenticationEntryPoint((req, res, ex) -> problem(json, req, res, HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "Authenticate first: HTTP Basic with a named local user.")));
            http.authenticationProvider(localAuthentication(users));
        } else if ("jwt".equals(mode)) {
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(jwt -> roles(jwt.getClaim(roleClaim)));
            http.oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(converter))
                    .authenticationEntryPoint((req, res, ex) -> problem(json, req, res, HttpStatus.UNAUTHORIZED, "unauthenticated",
                            "Authenticate first: a valid bearer token from the identity provider.")));
        } else {
            throw new IllegalStateException("kat.security.mode must be 'jwt' (deployments) or 'local' (the run script), not '" + mode + "'");
        }
        return http.build();
    }

    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<BodySizeLimit> bodySizeLimit(
            @Value("${kat.http.max-body-bytes:65536}") long maxBytes,
            @Value("${kat.http.max-large-body-bytes:4194304}") long largeMaxBytes,
            @Value("${kat.http.large-body-paths:}") java.util.List<String> largeBodyPaths) {
        var r = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new BodySizeLimit(maxBytes, largeMaxBytes,
                largeBodyPaths.stream().filter(p -> !p.isBlank()).toList()));
        // after the path's encoding (+1), so that a broken path is refused as such whatever the body's size
        r.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 2);
        return r;
    }

    /** JSON bodies read as strict UTF-8 ({@link Utf8JsonBodies}), after their size is checked and the caller authenticated. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<Utf8JsonBodies> utf8JsonBodies() {
        var r = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new Utf8JsonBodies());
        r.setOrder(org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return r;
    }

    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<CorrelationFilter> correlationFilter() {
        var r = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new CorrelationFilter());
        r.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        return r;
    }

    private static Collection<GrantedAuthority> roles(Object claim) {
        List<GrantedAuthority> out = new ArrayList<>();
        if (claim instanceof Collection<?> values) {
            for (Object v : values) {
                for (Role r : Role.values()) {
                    if (r.name().equalsIgnoreCase(String.valueOf(v))) {
                        out.add(new SimpleGrantedAuthority("ROLE_" + r.name()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Local users are development users whose passwords infra/run.sh generates at random (144 bits
     * and more). Against such secrets a slow hash buys nothing, so they are kept as one salted
     * PBKDF2-HMAC-SHA256 round, compared in constant time; deployments authenticate with JWTs.
     * BCrypt here took 14 % of the request threads' profile samples at cost 4, and ~100 ms per
     * request once Spring Security had "upgraded" the hash to cost 10 after the first login (a
     * registration took 150 ms at one client, 3 s at 64). The users are handed over as a plain UserDetailsService, not
     * the manager, so no such upgrade can happen.
     */
    public static DaoAuthenticationProvider localAuthentication(LocalUsers config) {
        PasswordEncoder encoder = new Pbkdf2PasswordEncoder("", 16, 1, Pbkdf2PasswordEncoder.SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA256);
        List<UserDetails> users = new ArrayList<>();
        config.getLocalUsers().forEach((name, u) -> {
            if (u.getPassword() == null || u.getPassword().length() < 12) {
                throw new IllegalStateException("local user '" + name + "' needs a password of at least 12 characters; there is no default");
            }
            users.add(User.withUsername(name).password(encoder.encode(u.getPassword()))
                    .roles(u.getRoles().stream().map(Enum::name).toArray(String[]::new)).build());
        });
        if (users.isEmpty()) {
            throw new IllegalStateException("kat.security.mode=local needs kat.security.local-users (infra/run.sh sets them)");
        }
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(users);
        UserDetailsService lookup = manager::loadUserByUsername;
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(lookup);
        provider.setPasswordEncoder(encoder);
        return provider;
    }

    private static void problem(ObjectMapper json, HttpServletRequest req, HttpServletResponse res, HttpStatus status, String slug,
                                String detail) throws IOException {
        ProblemDetail p = com.polaris.kat.web.Problems.of(status, slug, detail);
        p.setInstance(URI.create(req.getRequestURI()));
        res.setStatus(status.value());
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            res.setHeader("WWW-Authenticate", req.getHeader("Authorization") != null && req.getHeader("Authorization").startsWith("Bearer")
                    ? "Bearer" : "Basic realm=\"kat\"");
        }
        json.writeValue(res.getOutputStream(), p);
    }
}
