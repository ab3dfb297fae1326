package com.polaris.kat.console;

import com.polaris.kat.security.Role;
import com.polaris.kat.security.SecurityAutoConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Who may open which screen. The console checks roles only to show each person their own pages
 * (and a 403 page elsewhere); the services decide again on every call, as the signed-in person.
 * {@code kat.security.mode=local}: form login with the services' named local users (the one list in
 * web-security's {@code kat-local-users.yml}); the password is kept in the session to call the APIs
 * with HTTP Basic as that user. {@code kat.security.mode=jwt} (deployments): OpenID Connect login
 * (registration {@code kat}, set by {@code spring.security.oauth2.client.*} properties) against the
 * identity provider that issues the services' JWTs; its access token is relayed as a bearer token and
 * the roles are read from the claim {@code kat.security.jwt.role-claim} (default "roles").
 */
@Configuration
@EnableConfigurationProperties(SecurityAutoConfiguration.LocalUsers.class)
public class ConsoleSecurity {

    /** The session attribute holding the local user's Authorization header value for the APIs. */
    public static final String BASIC_RELAY = "kat.console.basic-relay";

    /** The console's screens by role; everything else needs a signed-in person, and static files are open. */
    @Bean
    SecurityFilterChain consoleFilterChain(HttpSecurity http, @Value("${kat.security.mode:jwt}") String mode, PagesToReturnTo pages,
                                           org.springframework.beans.factory.ObjectProvider<org.springframework.security.oauth2.client.registration.ClientRegistrationRepository> registrations)
            throws Exception {
        http.authorizeHttpRequests(a -> a
                        // /forbidden too: a sign-in form sent without its CSRF token is refused before anyone is signed in, and its
                        // page says so (it returned to the sign-in page without a word: a fresh reviewer's finding)
                        .requestMatchers("/login", "/webjars/**", "/css/**", "/actuator/health/**", "/actuator/health", "/error", "/forbidden").permitAll()
                        .requestMatchers("/series/new").hasRole(Role.ADMIN.name())
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/series", "/series/*").hasAnyRole(Role.ADMIN.name(), Role.ATTENDANCE.name())
                        .requestMatchers("/series/**", "/projections/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/class-days/**").hasRole(Role.ATTENDANCE.name())
                        .requestMatchers("/ledger/**", "/credit/**").hasRole(Role.FINANCE.name())
                        .requestMatchers("/clinicians/**", "/audit/**", "/transcripts/**", "/certificates/**").hasRole(Role.COMPLIANCE.name())
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e.accessDeniedPage("/forbidden")
                        .authenticationEntryPoint(signInOrReload("local".equals(mode) ? "/login" : "/oauth2/authorization/kat")))
                // no page address leaves the console in a Referer: the participant-report form's address carries its CSRF token
                // (so that an oversized upload is refused at its field, not as a missing token), and a fresh reviewer saw the
                // token could reach another site that way (W3C Referrer Policy, same-origin)
                .headers(h -> h.referrerPolicy(r -> r.policy(
                        org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .logout(l -> l.logoutSuccessUrl("/login?signedOut"))
                // the page this tab asked for before signing in is returned to, with its query as it was sent
                .requestCache(c -> c.requestCache(pages));
        if ("local".equals(mode)) {
            // signing in returns to the page asked for (its filters kept), else the home page; a failed attempt keeps the key
            http.formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll().failureHandler(PagesToReturnTo.failedSignIn()));
        } else if ("jwt".equals(mode)) {
            var resolver = new org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver(registrations.getObject(),
                    org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
            // a failed sign-in at the provider keeps this tab's page (the key the authorization request carried)
            http.oauth2Login(o -> o.defaultSuccessUrl("/", false).failureHandler(PagesToReturnTo.failedSignIn())
                    .authorizationEndpoint(a -> a.authorizationRequestResolver(PagesToReturnTo.carryingKey(resolver))
                            .authorizationRequestRepository(PagesToReturnTo.givingKey(
                                    new org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizationRequestRepository()))));
        } else {
            throw new IllegalStateException("kat.security.mode must be 'jwt' (deployments) or 'local' (the run script), not '" + mode + "'");
        }
        return http.build();
    }

    /**
     * Signed out: the sign-in page with this tab's page kept ({@link PagesToReturnTo}), or, for a request of htmx (a page's part it refreshes, such as the projections table every
     * 2 s), an {@code HX-Redirect} to the page it came from (its {@code HX-Current-URL}, on this console only), so that the
     * browser opens that page, which leads to the sign-in page and back to it. Before, the poll followed the redirect and
     * swapped the whole sign-in page into the table, and signing in there led home (a fresh reviewer's finding).
     *
     * @param signIn the sign-in address ({@code /login}, or the OpenID Connect login's)
     */
    static org.springframework.security.web.AuthenticationEntryPoint signInOrReload(String signIn) {
        var page = PagesToReturnTo.signIn(signIn);
        return (request, response, e) -> {
            if (!reloadPage(request, response)) {
                page.commence(request, response, e);
            }
        };
    }

    /**
     * For a request of htmx (a page's part it refreshes): 401 with {@code HX-Redirect} to the page it came from (its
     * {@code HX-Current-URL}, this console's path and query only, at most {@value PagesToReturnTo#LONGEST} characters, else the
     * home page), so that the browser opens that
     * page, which leads to signing in and back. Signed out ({@link #signInOrReload}), and when a service no longer accepts
     * the session (a fresh reviewer's expired session had the sign-in page swapped into the projections table).
     *
     * @return whether it answered (the request was htmx's); otherwise nothing was written
     */
    static boolean reloadPage(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        if (!"true".equals(request.getHeader("HX-Request"))) {
            return false;
        }
        String back = "/";
        try {
            java.net.URI current = java.net.URI.create(String.valueOf(request.getHeader("HX-Current-URL")));
            // the page's own address only: its path and query, never another origin's
            if (current.getRawPath() != null && current.getRawPath().startsWith("/") && !current.getRawPath().startsWith("//")
                    && (current.getHost() == null || current.getHost().equalsIgnoreCase(request.getServerName()))) {
                back = current.getRawPath() + (current.getRawQuery() == null ? "" : "?" + current.getRawQuery());
            }
            if (back.length() > PagesToReturnTo.LONGEST) {
                back = "/"; // the header would overflow the response's (a fresh reviewer's 7,900 characters: a 500)
            }
        } catch (IllegalArgumentException ignored) {
            // no usable address: the home page
        }
        response.setHeader("HX-Redirect", back);
        response.setStatus(jakarta.servlet.http.HttpServletResponse.SC_UNAUTHORIZED);
        return true;
    }

    /** The page each signed-out tab asked for, returned to after signing in from that tab. */
    @Bean
    PagesToReturnTo pagesToReturnTo() {
        return new PagesToReturnTo();
    }

    /**
     * Local mode: the same named users and passwords as the APIs (web-security's check), and on
     * success the credentials kept in the session for relaying to the services.
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "kat.security.mode", havingValue = "local")
    AuthenticationProvider localUsers(SecurityAutoConfiguration.LocalUsers users) {
        DaoAuthenticationProvider delegate = SecurityAutoConfiguration.localAuthentication(users);
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) throws AuthenticationException {
                String password = String.valueOf(authentication.getCredentials());
                Authentication result = delegate.authenticate(authentication);
                HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
                request.getSession().setAttribute(BASIC_RELAY, "Basic " + Base64.getEncoder()
                        .encodeToString((result.getName() + ":" + password).getBytes(StandardCharsets.UTF_8)));
                return result;
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return delegate.supports(authentication);
            }
        };
    }

    /**
     * Deployments: the relayed access token, kept per session, renewed with the refresh token (Spring Security's
     * refresh-token grant) once it expires within {@code kat.console.token-refresh-skew} (default 60 s), so a
     * long session keeps calling the services; a refused refresh means signing in again.
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "kat.security.mode", havingValue = "jwt", matchIfMissing = true)
    org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager authorizedClientManager(
            org.springframework.security.oauth2.client.registration.ClientRegistrationRepository registrations,
            org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository clients,
            @Value("${kat.console.token-refresh-skew:PT60S}") java.time.Duration skew) {
        var manager = new org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken(r -> r.clockSkew(skew)).build());
        return manager;
    }

    /** Deployments: the roles named in the identity provider's claim become the console's roles. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "kat.security.mode", havingValue = "jwt", matchIfMissing = true)
    GrantedAuthoritiesMapper rolesFromClaim(@Value("${kat.security.jwt.role-claim:roles}") String claim) {
        return authorities -> {
            List<GrantedAuthority> out = new ArrayList<>(authorities);
            for (GrantedAuthority a : authorities) {
                Map<String, Object> attributes = a instanceof OidcUserAuthority o ? o.getAttributes()
                        : a instanceof OAuth2UserAuthority u ? u.getAttributes() : Map.of();
                if (attributes.get(claim) instanceof Collection<?> values) {
                    for (Object v : values) {
                        for (Role r : Role.values()) {
                            if (r.name().equalsIgnoreCase(String.valueOf(v))) {
                                out.add(new SimpleGrantedAuthority("ROLE_" + r.name()));
                            }
                        }
                    }
                }
            }
            return out;
        };
    }
}
