package com.polaris.kat.projection.web;

import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDescriptionTest extends ProjectionServiceTestBase {

    @Test
    void theOpenApiDescriptionListsTheQueriesAndBothWaysToAuthenticate() {
        var r = http.get().uri("/v3/api-docs").retrieve().toEntity(String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getBody()).contains("/api/ledger/totals").contains("/api/transcripts/{clinicianId}")
                .contains("\"bearer\"").contains("\"basic\"").contains("urn:kat:problem");
    }
}
