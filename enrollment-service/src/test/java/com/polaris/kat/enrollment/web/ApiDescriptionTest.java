package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDescriptionTest extends EnrollmentServiceTestBase {

    @Test
    void theOpenApiDescriptionListsTheCommandsWithExamplesAndBothWaysToAuthenticate() {
        var r = http.get().uri("/v3/api-docs").retrieve().toEntity(String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getBody()).contains("/api/series/{seriesId}/registrations").contains("/api/credit/transfers")
                .contains("dana.rivera@example.org").contains("\"bearer\"").contains("\"basic\"").contains("urn:kat:problem");
    }
}
