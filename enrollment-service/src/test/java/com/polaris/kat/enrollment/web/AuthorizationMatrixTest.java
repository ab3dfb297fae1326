package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import com.polaris.kat.security.AccessRules;
import com.polaris.kat.testsupport.AuthorizationMatrix;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationMatrixTest extends EnrollmentServiceTestBase {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    AccessRules rules;

    @Autowired
    org.springframework.security.web.FilterChainProxy securityFilters;
    @Autowired
    org.springframework.security.web.firewall.HttpFirewall firewall;

    /** The security filters judge requests with the firewall bean of web-security (its header rule without regular expressions). */
    @Test
    void theSecurityFiltersUseTheFirewallBean() {
        Object proxy = securityFilters;
        // Spring Security 6.4+ wraps the filter chain proxy WebSecurity built in a composite; the built one holds the firewall
        while (org.springframework.util.ReflectionUtils.findField(proxy.getClass(), "springSecurityFilterChain") != null) {
            proxy = org.springframework.test.util.ReflectionTestUtils.getField(proxy, "springSecurityFilterChain");
        }
        assertThat(proxy).isExactlyInstanceOf(org.springframework.security.web.FilterChainProxy.class);
        assertThat(org.springframework.test.util.ReflectionTestUtils.getField(proxy, "firewall")).isSameAs(firewall);
    }

    @Test
    void everyEndpointAnswersEachRoleAndAnonymousAsItsRuleSays() throws Exception {
        assertThat(AuthorizationMatrix.assertEveryEndpoint(mappings, rules, port)).isGreaterThanOrEqualTo(14 * 6);
    }

    @Test
    void refusalsAreProblemResponsesAndHealthIsOpen() {
        RestClient anonymous = RestClient.builder().baseUrl("http://localhost:" + port).defaultStatusHandler(s -> true, (q, r) -> { }).build();
        var unauthenticated = anonymous.post().uri("/api/catalog/series").contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(Map.class);
        assertThat(unauthenticated.getStatusCode().value()).isEqualTo(401);
        assertThat(unauthenticated.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unauthenticated.getBody()).containsEntry("type", "urn:kat:problem:unauthenticated");
        var forbidden = anonymous.post().uri("/api/catalog/series").headers(h -> h.setBasicAuth("frontend", "frontend-password-only-in-tests"))
                .contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(Map.class);
        assertThat(forbidden.getStatusCode().value()).isEqualTo(403);
        assertThat(forbidden.getBody()).containsEntry("type", "urn:kat:problem:forbidden");
        var wrongPassword = anonymous.post().uri("/api/catalog/series").headers(h -> h.setBasicAuth("admin", "guess"))
                .contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(Map.class);
        assertThat(wrongPassword.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.get().uri("/actuator/health/readiness").retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(anonymous.get().uri("/actuator/prometheus").retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(401);
    }

    /** The README's role table says, for this service, exactly what EnrollmentAccess's rules allow each role. */
    @Test
    void theReadmeRoleTableSaysWhatTheRulesAllow() throws Exception {
        com.polaris.kat.testsupport.RoleTable.assertReadmeColumn(java.nio.file.Path.of("..", "README.md"), "commands (enrollment-service)", rules);
    }

    /** No rule allows an endpoint the service does not have (the rules are the one source of the matrix and the README table). */
    @Test
    void everyRuleAllowsAnEndpointTheServiceHas() {
        assertThat(AuthorizationMatrix.rulesWithoutAnEndpoint(mappings, rules, "/actuator/", "/v3/api-docs", "/swagger-ui", "/api/crud-peer/")).isEmpty();
    }
}
