package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Numbers and JSON that could be read two ways are refused, and nothing is stored (issue 14's kinds). */
class StrictJsonHttpTest extends EnrollmentServiceTestBase {

    private ResponseEntity<Map> schedule(String rawJson) {
        return http.post().uri("/api/catalog/series").contentType(MediaType.APPLICATION_JSON).body(rawJson).retrieve().toEntity(Map.class);
    }

    private static String series(int number, String capacity, String price) {
        return "{\"seriesNumber\":" + number + ",\"capacity\":" + capacity + ",\"priceCents\":" + price
                + ",\"ceOptionPriceCents\":0,\"classDays\":[{\"module\":\"M1\",\"date\":\"2031-03-03\"}]}";
    }

    @Test
    void fractionsAmountsBeyondTheBoundDuplicateKeysAndNumericEnumsAreProblemsAndStoreNothing() {
        defineProgramModules();
        long before = eventCount();
        assertThat(schedule(series(880, "10.5", "210000")).getStatusCode()).as("a fractional capacity").isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(schedule(series(881, "10", "210000.9")).getStatusCode()).as("fractional cents").isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<Map> huge = schedule(series(882, "10", "9223372036854775807"));
        assertThat(huge.getStatusCode()).as("a price beyond $1,000,000").isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(huge.getBody()).containsEntry("type", "urn:kat:problem:invalid-request");
        assertThat(schedule("{\"seriesNumber\":883,\"seriesNumber\":884,\"capacity\":10,\"priceCents\":210000,\"ceOptionPriceCents\":0,"
                + "\"classDays\":[{\"module\":\"M1\",\"date\":\"2031-03-03\"}]}").getStatusCode()).as("a duplicate key").isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<Map> cancel = http.post().uri("/api/series/series-1/registrations/00000000-0000-0000-0000-000000000000/cancel")
                .contentType(MediaType.APPLICATION_JSON).body("{\"choice\":1}").retrieve().toEntity(Map.class);
        assertThat(cancel.getStatusCode()).as("an enum given as a number").isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) cancel.getBody().get("detail")).as("the allowed values").contains("[CREDIT, REFUND]");
        ResponseEntity<Map> unknown = http.post().uri("/api/series/series-1/registrations/00000000-0000-0000-0000-000000000000/cancel")
                .contentType(MediaType.APPLICATION_JSON).body("{\"choice\":\"MAYBE\"}").retrieve().toEntity(Map.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) unknown.getBody().get("detail")).contains("'choice'").contains("[CREDIT, REFUND]");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(schedule(series(885, "10", "100000000")).getStatusCode()).as("exactly $1,000,000").isEqualTo(HttpStatus.CREATED);
    }
}
