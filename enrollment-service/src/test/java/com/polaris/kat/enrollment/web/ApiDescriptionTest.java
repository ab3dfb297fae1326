package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDescriptionTest extends EnrollmentServiceTestBase {

    @Test
    void theOpenApiDescriptionListsTheCommandsWithExamplesAndBothWaysToAuthenticate() {
        var r = http.get().uri("/v3/api-docs").retrieve().toEntity(String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        com.polaris.kat.testsupport.ApiContractCheck.write("enrollment-service", r.getBody());
        assertThat(r.getBody()).contains("/api/series/{seriesId}/registrations").contains("/api/credit/transfers")
                .contains("dana.rivera@example.org").contains("\"bearer\"").contains("\"basic\"").contains("urn:kat:problem");
    }

    /**
     * Every operation has a summary, a typed success schema with an example (a page's items have theirs),
     * Location on its 201, and its problems as application/problem+json (ApiContractCheck).
     */
    @Test
    void everyOperationKeepsTheContract() throws Exception {
        var r = http.get().uri("/v3/api-docs").retrieve().toEntity(String.class);
        assertThat(com.polaris.kat.testsupport.ApiContractCheck.breaches(r.getBody())).isEmpty();
        assertThat(r.getBody()).contains("\"summary\"");
    }

}
