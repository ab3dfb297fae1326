package com.polaris.kat.console;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deployment sign-in (kat.security.mode=jwt): OpenID Connect login against the identity provider,
 * configured by properties only; the roles come from the ID token's role claim. No identity provider
 * runs here, so this checks the wiring up to the redirect to it, and the role mapping.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kat.security.mode=jwt",
        "kat.console.enrollment-url=http://localhost:9", "kat.console.projection-url=http://localhost:9",
        "spring.security.oauth2.client.registration.kat.client-id=staff-console",
        "spring.security.oauth2.client.registration.kat.client-secret=test-only",
        "spring.security.oauth2.client.registration.kat.scope=openid",
        "spring.security.oauth2.client.registration.kat.authorization-grant-type=authorization_code",
        "spring.security.oauth2.client.registration.kat.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
        "spring.security.oauth2.client.provider.kat.authorization-uri=https://idp.example.org/authorize",
        "spring.security.oauth2.client.provider.kat.token-uri=https://idp.example.org/token",
        "spring.security.oauth2.client.provider.kat.jwk-set-uri=https://idp.example.org/jwks",
        "spring.security.oauth2.client.provider.kat.user-name-attribute=sub"})
class ConsoleOidcSignInTest {

    @LocalServerPort
    int port;

    @Autowired
    GrantedAuthoritiesMapper roles;

    private HttpResponse<Void> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void aScreenSendsThePersonToTheIdentityProvidersSignIn() throws Exception {
        HttpResponse<Void> screen = get("/ledger");
        assertThat(screen.statusCode()).isEqualTo(302);
        String login = screen.headers().firstValue("Location").orElseThrow();
        assertThat(login).endsWith("/oauth2/authorization/kat");
        HttpResponse<Void> authorize = get(URI.create(login).getPath());
        assertThat(authorize.statusCode()).isEqualTo(302);
        assertThat(authorize.headers().firstValue("Location").orElseThrow())
                .startsWith("https://idp.example.org/authorize?").contains("client_id=staff-console").contains("scope=openid");
    }

    /**
     * The sign-in page in this mode (after a failed sign-in at the provider, a sign-out, or a session a service no longer
     * accepts) links to the provider's sign-in with the tab's key; it has no name-and-password form, which this mode cannot
     * take (a fresh reviewer's form was answered 405).
     */
    @Test
    void theSignInPageLinksToTheIdentityProviderKeepingTheTabsPage() throws Exception {
        String key = "A".repeat(43);
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/login?expired&return=" + key)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/oauth2/authorization/kat?return=" + key + "\"").contains("Your session has ended")
                .doesNotContain("name=\"password\"");
    }

    @Test
    void theRolesComeFromTheIdTokensRoleClaim() {
        OidcIdToken token = new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(60),
                Map.of("sub", "fin-1", "roles", List.of("finance", "not-a-role")));
        assertThat(roles.mapAuthorities(List.of(new OidcUserAuthority(token))))
                .extracting(GrantedAuthority::getAuthority).contains("ROLE_FINANCE").doesNotContain("ROLE_NOT-A-ROLE");
    }
}
