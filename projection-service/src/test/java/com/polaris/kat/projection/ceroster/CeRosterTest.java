package com.polaris.kat.projection.ceroster;

import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.projection.certificates.CeHistory;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static com.polaris.kat.projection.certificates.CeHistory.day;
import static com.polaris.kat.projection.certificates.CeHistory.earned;
import static com.polaris.kat.projection.certificates.CeHistory.revoked;
import static org.assertj.core.api.Assertions.assertThat;

/** The CE roster CSV: one row per completed module per clinician, RFC 4180, formula-safe, compliance only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CeRosterTest extends ProjectionServiceTestBase {

    static final SeriesClassDay M1 = day("M1", "2025-03-03");
    static final SeriesClassDay M2 = day("M2", "2025-03-10");
    static final Clinician FORMULA = new Clinician("=HYPERLINK(\"http://evil.example\",\"click\")", "f@example.org", "Psychologist; Counselor",
            "+LIC-1", "WA");
    static final Clinician ANN = new Clinician("Ann \"Annie\" O'Neil, PhD", "ann@example.org", "-Nurse practitioner", "RN-7", "OR");
    static final Clinician NO_CE = new Clinician("Noel Nocredit", "noel@example.org", "Psychologist", "PSY-9", "CA");

    String code;

    @BeforeAll
    void history() {
        append("series-43", CeHistory.series(43, List.of(M1, M2)), "registrar");
        append("r43a", CeHistory.placed("series-43", "r43a", "formula", FORMULA, true), "front-end");
        append("r43b", CeHistory.placed("series-43", "r43b", "ann", ANN, true), "front-end");
        append("r43c", CeHistory.placed("series-43", "r43c", "noel", NO_CE, false), "front-end");
        append("r43a", earned("series-43", "r43a", "formula", M1), "attendance-staff");
        append("r43a", earned("series-43", "r43a", "formula", M2), "attendance-staff");
        append("r43b", earned("series-43", "r43b", "ann", M1), "attendance-staff");
        append("r43b", earned("series-43", "r43b", "ann", M2), "attendance-staff");
        append("r43b", revoked("series-43", "r43b", "ann", M2, "left at noon"), "attendance-staff");
        code = CeHistory.certificateCode(port, "r43a", head());
    }

    RestClient as(String user) {
        return RestClient.builder().baseUrl("http://localhost:" + port).defaultHeaders(h -> h.setBasicAuth(user, user + "-password-only-in-tests"))
                .defaultStatusHandler(s -> true, (q, r) -> { }).build();
    }

    List<CSVRecord> parse(String csv) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
    }

    @Test
    void aSeriesRosterHasOneRowPerCompletedModulePerClinicianWithFormulaLikeCellsGuardedAndEveryCellQuoted() throws Exception {
        ResponseEntity<String> r = as("compliance").get().uri("/api/ce-roster.csv?seriesId=series-43").retrieve().toEntity(String.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        String csv = r.getBody();
        assertThat(csv).startsWith("\"series\",\"name\",\"profession\",\"license_number\",\"license_state\",\"module_code\",\"module_title\","
                + "\"date\",\"ce_hours\",\"certificate_code\"\r\n");
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",\"Psychologist; Counselor\",\"'+LIC-1\",\"WA\"")
                .contains("\"Ann \"\"Annie\"\" O'Neil, PhD\",\"'-Nurse practitioner\"").doesNotContain("Noel").endsWith("\r\n");
        List<CSVRecord> rows = parse(csv);
        assertThat(rows).extracting(x -> x.get("name") + "|" + x.get("module_code") + "|" + x.get("date") + "|" + x.get("ce_hours") + "|"
                        + x.get("certificate_code"))
                .containsExactly(
                        "'=HYPERLINK(\"http://evil.example\",\"click\")|M1|2025-03-03|8|" + code,
                        "'=HYPERLINK(\"http://evil.example\",\"click\")|M2|2025-03-10|8|" + code,
                        "Ann \"Annie\" O'Neil, PhD|M1|2025-03-03|8|");
        assertThat(rows.get(0).get("profession")).isEqualTo("Psychologist; Counselor");
        assertThat(rows.get(0).get("module_title")).isEqualTo("Introduction to Ketamine Assisted Psychotherapy");
        assertThat(rows.get(0).get("series")).isEqualTo("Series 43");
    }

    @Test
    void aPeriodRosterTakesTheClassDatesFromIncludedToExcluded() throws Exception {
        String csv = as("compliance").get().uri("/api/ce-roster.csv?from=2025-03-04&to=2025-03-11").retrieve().body(String.class);
        assertThat(parse(csv)).extracting(x -> x.get("module_code") + " " + x.get("date") + " " + x.get("license_number"))
                .containsExactly("M2 2025-03-10 '+LIC-1");
        String both = as("compliance").get().uri("/api/ce-roster.csv?seriesId=series-43&from=2025-03-03&to=2025-03-04").retrieve().body(String.class);
        assertThat(parse(both)).hasSize(2);
    }

    @Test
    void badFiltersAreProblemsAndOnlyComplianceExportsTheRoster() {
        for (String q : List.of("", "?from=2025-03-01", "?from=2025-03-10&to=2025-03-01", "?from=March&to=April")) {
            ResponseEntity<Map> r = as("compliance").get().uri("/api/ce-roster.csv" + q).retrieve().toEntity(Map.class);
            assertThat(r.getStatusCode()).as(q).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody()).as(q).containsEntry("type", "urn:kat:problem:invalid-query");
        }
        for (String user : List.of("frontend", "attendance", "finance", "admin")) {
            assertThat(as(user).get().uri("/api/ce-roster.csv?seriesId=series-43").retrieve().toBodilessEntity().getStatusCode()).as(user)
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
    }
}
