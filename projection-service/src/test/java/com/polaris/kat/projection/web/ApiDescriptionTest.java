package com.polaris.kat.projection.web;

import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDescriptionTest extends ProjectionServiceTestBase {

    @Test
    void theOpenApiDescriptionListsTheQueriesAndBothWaysToAuthenticate() {
        var r = http.get().uri("/v3/api-docs").retrieve().toEntity(String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        com.polaris.kat.testsupport.ApiContractCheck.write("projection-service", r.getBody());
        assertThat(r.getBody()).contains("/api/ledger/totals").contains("/api/transcripts/{clinicianId}")
                .contains("\"bearer\"").contains("\"basic\"").contains("urn:kat:problem");
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
