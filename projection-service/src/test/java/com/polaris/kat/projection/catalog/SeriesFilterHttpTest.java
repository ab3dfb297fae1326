package com.polaris.kat.projection.catalog;

import com.polaris.kat.projection.certificates.CeHistory;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read whose {@code seriesId} filter names no series answers {@code 404 series-not-found} naming the
 * parameter (ledger entries, totals and CSV; the CE roster CSV), not zeros or an empty file; a series the
 * catalog knows answers 200 even with nothing in it; and a series scheduled just before is found when the
 * query passes the command's position ({@code minPosition}), since the check waits for the catalog view too.
 */
class SeriesFilterHttpTest extends ProjectionServiceTestBase {

    private static final List<String> FILTERED = List.of("/api/ledger/totals?seriesId=%s", "/api/ledger/entries?seriesId=%s",
            "/api/ledger/entries.csv?seriesId=%s", "/api/ce-roster.csv?seriesId=%s");

    private ResponseEntity<String> read(String path) {
        return http.get().uri(path).retrieve().toEntity(String.class);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(ResponseEntity<String> r) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.getBody(), Map.class);
    }

    @Test
    void aSeriesIdThatNamesNoSeriesIsA404NamingTheParameterEverywhere() throws Exception {
        for (String id : List.of("21", "series-9021", "SERIES-20x")) {
            for (String path : FILTERED) {
                ResponseEntity<String> r = read(String.format(path, id));
                assertThat(r.getStatusCode()).as(path + " " + id).isEqualTo(HttpStatus.NOT_FOUND);
                assertThat(r.getHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                Map<String, Object> problem = json(r);
                assertThat(problem).as(path).containsEntry("type", "urn:kat:problem:series-not-found").containsEntry("parameter", "seriesId");
                assertThat((String) problem.get("detail")).as(path).contains("There is no series '" + id + "'");
            }
        }
        assertThat((String) json(read("/api/ledger/totals?seriesId=21")).get("detail")).contains("written series-21");
    }

    @Test
    void aKnownSeriesWithNothingInItAnswersItsEmptyViews() throws Exception {
        append("series-9030", CeHistory.series(9030, List.of(CeHistory.day("M1", "2031-03-03"))), "registrar");
        String position = String.valueOf(head());
        ResponseEntity<String> totals = read("/api/ledger/totals?seriesId=series-9030&minPosition=" + position);
        assertThat(totals.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json(totals)).containsEntry("payments", "0.00");
        assertThat(read("/api/ledger/entries?seriesId=series-9030&minPosition=" + position).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> roster = read("/api/ce-roster.csv?seriesId=series-9030&minPosition=" + position);
        assertThat(roster.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(roster.getBody()).startsWith("\"series\",\"name\"");
    }

    @Test
    void aSeriesScheduledJustBeforeIsFoundWithTheCommandsPosition() {
        for (int n = 9040; n < 9060; n++) {
            append("series-" + n, CeHistory.series(n, List.of(CeHistory.day("M1", "2031-04-07"))), "registrar");
            String position = String.valueOf(head());
            for (String path : FILTERED) {
                ResponseEntity<String> r = read(String.format(path, "series-" + n) + "&minPosition=" + position);
                assertThat(r.getStatusCode()).as(path + " right after series " + n + " was scheduled").isEqualTo(HttpStatus.OK);
            }
        }
    }
}
