package com.polaris.kat.enrollment.web;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.polaris.kat.enrollment.EnrollmentServiceApplication;
import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import com.polaris.kat.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment mode: bearer tokens from an identity provider, roles from a configurable claim.
 * The provider here is a key pair made by the test; the service is given its public key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {EnrollmentServiceApplication.class, EnrollmentServiceTestBase.TestClock.class, JwtModeTest.IdentityProvider.class},
        properties = {"kat.security.mode=jwt", "kat.security.jwt.role-claim=kat_roles",
                // the test secrets of application-test.yml (this context runs without the test profile)
                "kat.personal-data.master-key=dGVzdC1tYXN0ZXIta2V5LW9ubHktaW4tdGVzdHMtMzI=",
                "kat.personal-data.pseudonym-key=dGVzdC1wc2V1ZG9ueW0ta2V5LW9ubHktaW4tdGVzdHMtLS0tLQ=="})
class JwtModeTest {

    static final KeyPair KEYS = keys();

    static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @TestConfiguration
    static class IdentityProvider {
        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "jwt");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    static String token(String subject, List<String> roles, long expiresInSeconds) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .subject(subject).claim("kat_roles", roles).expirationTime(new Date(System.currentTimeMillis() + expiresInSeconds * 1000)).build());
        jwt.sign(new RSASSASigner(KEYS.getPrivate()));
        return jwt.serialize();
    }

    private int defineModule(String bearer) {
        RestClient c = RestClient.builder().baseUrl("http://localhost:" + port).defaultStatusHandler(s -> true, (q, r) -> { }).build();
        var req = c.post().uri("/api/catalog/modules").contentType(MediaType.APPLICATION_JSON);
        if (bearer != null) {
            req = req.header("Authorization", "Bearer " + bearer);
        }
        return req.body(Map.of("code", "M1", "title", "Intro", "ceHours", 8)).retrieve().toBodilessEntity().getStatusCode().value();
    }

    @Test
    void aTokenWhoseRoleClaimAllowsTheCommandIsAcceptedAndItsSubjectIsTheActor() throws Exception {
        assertThat(defineModule(token("registrar@polaris", List.of("admin"), 300))).isEqualTo(201);
        String meta = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = 'M1'", String.class);
        assertThat(meta).contains("\"actor\":\"registrar@polaris\"");
    }

    @Test
    void aTokenWithoutTheRoleIsForbiddenAndAMissingExpiredOrForgedTokenIsUnauthenticated() throws Exception {
        assertThat(defineModule(token("desk@polaris", List.of("FRONT_END"), 300))).isEqualTo(403);
        assertThat(defineModule(null)).isEqualTo(401);
        assertThat(defineModule(token("registrar@polaris", List.of("ADMIN"), -60))).isEqualTo(401);
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject("mallory")
                .claim("kat_roles", List.of("ADMIN")).expirationTime(new Date(System.currentTimeMillis() + 300_000)).build());
        forged.sign(new RSASSASigner(g.generateKeyPair().getPrivate()));
        assertThat(defineModule(forged.serialize())).isEqualTo(401);
    }
}
