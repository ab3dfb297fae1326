package com.polaris.kat.projection.certificates;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The certificate's representation by the Accept header's qualities (RFC 9110 12.5.1). */
class CertificateRepresentationTest {

    @Test
    void noHeaderABlankOneOrAnEmptyListIsNoPreferenceAndGetsJson() {
        // "," had been 406 on this address while every other read took it as no preference (a fresh reviewer, 2026-12-03)
        for (List<String> accept : List.of(List.<String>of(), List.of(""), List.of(","), List.of(", ,"))) {
            assertThat(CertificateRepresentation.chosen(accept)).as(accept.toString()).isEqualTo(MediaType.APPLICATION_JSON);
        }
    }

    @Test
    void theHigherQualityWinsJsonOnATieAndNeitherIsNull() {
        assertThat(CertificateRepresentation.chosen(List.of("application/pdf"))).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(CertificateRepresentation.chosen(List.of("application/json;q=0, */*"))).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(CertificateRepresentation.chosen(List.of("application/pdf;q=0.9, application/json;q=0.8"))).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(CertificateRepresentation.chosen(List.of("*/*"))).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(CertificateRepresentation.chosen(List.of("application/json;q=0, application/pdf;q=0"))).isNull();
    }
}
