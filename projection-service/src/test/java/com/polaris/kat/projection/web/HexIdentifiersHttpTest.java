package com.polaris.kat.projection.web;

import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.projection.certificates.CeHistory;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh reviewer's registration and clinician ids typed in upper case read as "no record" on the transcript, the audit
 * trail and certificates. RFC 9562 section 4: a UUID is case-insensitive on input. Every read the service maps that takes a
 * registration or clinician id, in its path or as a query parameter, answers the upper-case id exactly as the lower-case one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HexIdentifiersHttpTest extends ProjectionServiceTestBase {

    static final String REGISTRATION = "5e0a7c1d-9b2f-4c3e-8d4a-1f2e3d4c5b6a";
    static final String CLINICIAN = "a9b8c7d6-e5f4-8a3b-9c2d-1e0f9a8b7c6d";
    static final List<SeriesClassDay> DAYS = List.of(CeHistory.day("M1", "2022-05-02"), CeHistory.day("M2", "2022-05-09"),
            CeHistory.day("M3", "2022-05-16"), CeHistory.day("M4", "2022-05-23"), CeHistory.day("M5", "2022-05-30"),
            CeHistory.day("PRACTICE", "2022-06-06"));
    static final Set<String> IDS = Set.of("registrationId", "clinicianId");

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @BeforeAll
    void history() {
        append("series-946", CeHistory.series(946, DAYS), "registrar");
        append(REGISTRATION, CeHistory.placed("series-946", REGISTRATION, CLINICIAN,
                new Clinician("Uma Upper", "uma.upper@example.org", "Psychiatrist", "MD-946", "OR"), true), "front-end");
        for (SeriesClassDay d : DAYS) {
            append(REGISTRATION, CeHistory.earned("series-946", REGISTRATION, CLINICIAN, d), "attendance-staff");
        }
        CeHistory.certificateCode(port, REGISTRATION, head()); // every view has the history
    }

    @Test
    void everyReadByRegistrationOrClinicianIdAnswersTheIdInUpperCaseAsInLowerCase() {
        RestClient compliance = CeHistory.client(port, "tester");
        List<String> paths = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getName().startsWith("com.polaris") || !info.getMethodsCondition().getMethods().stream()
                    .allMatch(m -> m.name().equals("GET"))) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                if (pattern.contains("{registrationId}") || pattern.contains("{clinicianId}")) {
                    paths.add(pattern.replace("{registrationId}", "%1$s").replace("{clinicianId}", "%2$s"));
                }
                for (MethodParameter p : handler.getMethodParameters()) {
                    p.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
                    if (p.hasParameterAnnotation(RequestParam.class) && IDS.contains(p.getParameterName()) && !pattern.contains("{")) {
                        paths.add(pattern + "?" + p.getParameterName() + "=" + (p.getParameterName().equals("registrationId") ? "%1$s" : "%2$s"));
                    }
                }
            }
        });
        int found = 0;
        for (String path : paths) {
            ResponseEntity<byte[]> lower = compliance.get().uri(String.format(path, REGISTRATION, CLINICIAN)).retrieve().toEntity(byte[].class);
            String upperPath = String.format(path, REGISTRATION.toUpperCase(Locale.ROOT), CLINICIAN.toUpperCase(Locale.ROOT));
            ResponseEntity<byte[]> upper = compliance.get().uri(upperPath).retrieve().toEntity(byte[].class);
            assertThat(upper.getStatusCode()).as(upperPath).isEqualTo(lower.getStatusCode());
            assertThat(upper.getHeaders().getContentType()).as(upperPath).isEqualTo(lower.getHeaders().getContentType());
            if (!path.contains(".pdf")) { // a PDF carries the instant it was made
                String lowerPath = String.format(path, REGISTRATION, CLINICIAN);
                // a problem's instance is the path as sent (RFC 9457); everything else is the same answer
                assertThat(new String(upper.getBody(), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("\"instance\":\"" + upperPath.split("\\?")[0] + "\"", "\"instance\":\"" + lowerPath.split("\\?")[0] + "\""))
                        .as(upperPath).isEqualTo(new String(lower.getBody(), java.nio.charset.StandardCharsets.UTF_8));
            }
            if (lower.getStatusCode() == HttpStatus.OK) {
                found++;
            }
        }
        // the registration, its audit trail, attendance and certificate (JSON and PDF); the clinician's audit trail, transcript
        // (JSON, CSV, PDF, history CSV, certificates PDF) and credit; the ledger and clinician search filtered by id
        assertThat(paths).hasSizeGreaterThanOrEqualTo(14);
        assertThat(found).as("reads that found the registration or clinician").isGreaterThanOrEqualTo(12);
    }

    @Test
    void aValueThatIsNotAnIdIsPassedOnAsSent() {
        assertThat(com.polaris.kat.web.HexIdentifiers.canonical("Series-20")).isEqualTo("Series-20");
        assertThat(com.polaris.kat.web.HexIdentifiers.canonical("5E0A7C1D-9B2F-4C3E-8D4A-1F2E3D4C5B6AX")).isEqualTo("5E0A7C1D-9B2F-4C3E-8D4A-1F2E3D4C5B6AX");
        assertThat(com.polaris.kat.web.HexIdentifiers.canonical("5E0A7C1D-9B2F-4C3E-8D4A-1F2E3D4C5B6A")).isEqualTo(REGISTRATION);
        assertThat(com.polaris.kat.web.HexIdentifiers.canonical("AB".repeat(32))).isEqualTo("ab".repeat(32));
        assertThat(com.polaris.kat.web.HexIdentifiers.canonical("AG".repeat(32))).isEqualTo("AG".repeat(32));
    }
}
