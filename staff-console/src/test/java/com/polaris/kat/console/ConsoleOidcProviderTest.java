package com.polaris.kat.console;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deployment sign-in end to end over HTTP: the console (kat.security.mode=jwt) against a small OpenID
 * Connect provider started here (the JDK's HttpServer; ID tokens signed RS256 with Nimbus JOSE, its JWK set
 * served): the authorization code flow with state and nonce, the ID token validated against the JWK set,
 * the roles read from its claim, the access token relayed as a bearer token to the read side (here an
 * endpoint of the same server that records what it was sent), and, once the access token has expired,
 * renewed with the refresh token before the next relayed call. Access tokens live 2 s here and the
 * refresh skew is 0 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kat.security.mode=jwt", "kat.console.token-refresh-skew=PT0S",
        "spring.security.oauth2.client.registration.kat.client-id=staff-console",
        "spring.security.oauth2.client.registration.kat.client-secret=test-only-secret",
        "spring.security.oauth2.client.registration.kat.scope=openid",
        "spring.security.oauth2.client.registration.kat.authorization-grant-type=authorization_code",
        "spring.security.oauth2.client.registration.kat.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
        "spring.security.oauth2.client.provider.kat.user-name-attribute=sub"})
class ConsoleOidcProviderTest {

    private static final Provider PROVIDER = Provider.start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.client.provider.kat.authorization-uri", () -> PROVIDER.base + "/authorize");
        registry.add("spring.security.oauth2.client.provider.kat.token-uri", () -> PROVIDER.base + "/token");
        registry.add("spring.security.oauth2.client.provider.kat.jwk-set-uri", () -> PROVIDER.base + "/jwks");
        registry.add("kat.console.enrollment-url", () -> PROVIDER.base);
        registry.add("kat.console.projection-url", () -> PROVIDER.base);
    }

    @AfterAll
    static void stop() {
        PROVIDER.server.stop(0);
    }

    @Test
    void aPersonSignsInAtTheProviderTheConsoleRelaysTheirAccessTokenAndRenewsItWhenItExpires() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        // a screen sends the person to the provider's sign-in (state and nonce), which sends them back with a code
        // (two signed-out tabs: signing in from the first returns to the first tab's page, not to the last one asked for)
        HttpResponse<String> screen = get(browser, "http://localhost:" + port + "/clinicians?q=Dana");
        assertThat(screen.statusCode()).isEqualTo(302);
        assertThat(location(screen)).matches(".*/oauth2/authorization/kat\\?return=[A-Za-z0-9_-]{43}");
        assertThat(get(browser, "http://localhost:" + port + "/clinicians?q=Eve").statusCode()).isEqualTo(302);
        HttpResponse<String> toProvider = get(browser, URI.create("http://localhost:" + port).resolve(location(screen)).toString());
        assertThat(location(toProvider)).startsWith(PROVIDER.base + "/authorize?").contains("client_id=staff-console").contains("nonce=");
        HttpResponse<String> back = get(browser, location(toProvider));
        assertThat(location(back)).startsWith("http://localhost:" + port + "/login/oauth2/code/kat?code=");
        HttpResponse<String> signedIn = get(browser, location(back));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        assertThat(location(signedIn)).isEqualTo("http://localhost:" + port + "/clinicians?q=Dana");
        assertThat(PROVIDER.tokenRequests).singleElement().asString().contains("grant_type=authorization_code");

        // the role claim "compliance" opens the compliance screen; the read is made with the person's access token
        HttpResponse<String> page = get(browser, "http://localhost:" + port + "/clinicians?q=Dana");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Dana Rivera").contains("Signed in as <strong>comp-1</strong>");
        assertThat(PROVIDER.relayed).last().isEqualTo("Bearer access-1");
        assertThat(get(browser, "http://localhost:" + port + "/ledger").statusCode()).isEqualTo(403);

        // once access-1 has expired, the next page renews it with the refresh token and relays the new one
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(get(browser, "http://localhost:" + port + "/clinicians?q=Dana").statusCode()).isEqualTo(200);
            return PROVIDER.relayed.get(PROVIDER.relayed.size() - 1).equals("Bearer access-2");
        });
        assertThat(PROVIDER.tokenRequests).hasSize(2);
        assertThat(PROVIDER.tokenRequests.get(1)).contains("grant_type=refresh_token").contains("refresh_token=refresh-1");
        assertThat(PROVIDER.relayed).containsOnly("Bearer access-1", "Bearer access-2");
    }

    /** A sign-in the provider refused (its error answer) leads to the sign-in page keeping the tab's page, with a link to sign in again. */
    @Test
    void aSignInTheProviderRefusedKeepsTheTabsPage() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> screen = get(browser, "http://localhost:" + port + "/clinicians?q=Refused");
        String key = location(screen).replaceAll(".*[?&]return=", "");
        HttpResponse<String> toProvider = get(browser, URI.create("http://localhost:" + port).resolve(location(screen)).toString());
        String state = UriComponentsBuilder.fromUriString(location(toProvider)).build().getQueryParams().getFirst("state");
        HttpResponse<String> refused = get(browser, "http://localhost:" + port + "/login/oauth2/code/kat?error=access_denied&state=" + state);
        assertThat(location(refused)).endsWith("/login?error&return=" + key);
        HttpResponse<String> page = get(browser, URI.create("http://localhost:" + port).resolve(location(refused)).toString());
        assertThat(page.body()).contains("did not complete").contains("href=\"/oauth2/authorization/kat?return=" + key + "\"");
    }

    private static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location; status " + r.statusCode()));
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The identity provider: /authorize signs in "comp-1" (role compliance) at once and answers the code,
     * /token issues access tokens "access-N" (2 s), "refresh-N" and an RS256 ID token with the nonce,
     * /jwks its public key; /api/clinicians is the read side the console relays to, recording the
     * Authorization header it was sent.
     */
    static final class Provider {
        final HttpServer server;
        final String base;
        final RSAKey key;
        final List<String> tokenRequests = new CopyOnWriteArrayList<>();
        final List<String> relayed = new CopyOnWriteArrayList<>();
        final Map<String, String> nonceByCode = new java.util.concurrent.ConcurrentHashMap<>();
        final AtomicInteger issued = new AtomicInteger();

        private Provider(HttpServer server, RSAKey key) {
            this.server = server;
            this.base = "http://localhost:" + server.getAddress().getPort();
            this.key = key;
        }

        static Provider start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
                Provider p = new Provider(server, new RSAKeyGenerator(2048).keyID("test-key").generate());
                server.createContext("/authorize", p::authorize);
                server.createContext("/token", p::token);
                server.createContext("/jwks", e -> p.answer(e, 200, "application/json", new JWKSet(p.key.toPublicJWK()).toString()));
                server.createContext("/api/clinicians", p::clinicians);
                server.start();
                return p;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private void authorize(HttpExchange e) throws IOException {
            Map<String, String> q = UriComponentsBuilder.fromUri(e.getRequestURI()).build().getQueryParams().toSingleValueMap();
            String code = "code-" + nonceByCode.size();
            nonceByCode.put(code, URLDecoder.decode(q.get("nonce"), StandardCharsets.UTF_8));
            String back = URLDecoder.decode(q.get("redirect_uri"), StandardCharsets.UTF_8) + "?code=" + code + "&state=" + q.get("state");
            e.getResponseHeaders().add("Location", back);
            answer(e, 302, "text/plain", "");
        }

        private void token(HttpExchange e) throws IOException {
            String form = new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            tokenRequests.add(form);
            String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("staff-console:test-only-secret".getBytes(StandardCharsets.UTF_8));
            if (!basic.equals(e.getRequestHeaders().getFirst("Authorization"))) {
                answer(e, 401, "application/json", "{\"error\":\"invalid_client\"}");
                return;
            }
            Map<String, String> f = new LinkedHashMap<>();
            for (String pair : form.split("&")) {
                String[] kv = pair.split("=", 2);
                f.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
            }
            int n = issued.incrementAndGet();
            StringBuilder json = new StringBuilder("{\"access_token\":\"access-" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":2,"
                    + "\"refresh_token\":\"refresh-" + n + "\",\"scope\":\"openid\"");
            if ("authorization_code".equals(f.get("grant_type"))) {
                json.append(",\"id_token\":\"").append(idToken(nonceByCode.get(f.get("code")))).append('"');
            } else if (!"refresh_token".equals(f.get("grant_type")) || !("refresh-" + (n - 1)).equals(f.get("refresh_token"))) {
                answer(e, 400, "application/json", "{\"error\":\"invalid_grant\"}");
                return;
            }
            answer(e, 200, "application/json", json.append('}').toString());
        }

        private String idToken(String nonce) {
            try {
                Instant now = Instant.now();
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                        new JWTClaimsSet.Builder().issuer(base).subject("comp-1").audience("staff-console").issueTime(Date.from(now))
                                .expirationTime(Date.from(now.plusSeconds(300))).claim("nonce", nonce).claim("roles", List.of("compliance")).build());
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private void clinicians(HttpExchange e) throws IOException {
            relayed.add(String.valueOf(e.getRequestHeaders().getFirst("Authorization")));
            answer(e, 200, "application/json", """
                    {"items":[{"registrationId":"r-1","clinicianId":"c-1","fullName":"Dana Rivera","email":"dana@example.org",
                    "licenseNumber":"LCSW-88123","licenseState":"CA","seriesId":"series-21","registeredAt":"2026-11-01T17:00:00Z",
                    "status":"ACTIVE","certificate":false}],"page":0,"size":20,"totalItems":1}""");
        }

        private void answer(HttpExchange e, int status, String type, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            e.getResponseHeaders().add("Content-Type", type);
            e.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                e.getResponseBody().write(bytes);
            }
            e.close();
        }
    }
}
