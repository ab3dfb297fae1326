package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Text no projection could store faithfully is refused with a problem, and nothing is stored (issue 11). */
class StorableTextHttpTest extends EnrollmentServiceTestBase {

    private ResponseEntity<Map> defineModule(String rawJsonTitle) {
        return http.post().uri("/api/catalog/modules").contentType(MediaType.APPLICATION_JSON)
                .body("{\"code\":\"TX\",\"title\":" + rawJsonTitle + ",\"ceHours\":8}").retrieve().toEntity(Map.class);
    }

    @Test
    void aNulCharacterOrAnUnpairedSurrogateInAnyTextFieldIsAProblemAndStoresNothing() {
        long before = eventCount();
        for (String title : new String[]{"\"Nul\\u0000Title\"", "\"Lone\\ud800Surrogate\"", "\"Bell\\u0007\"", "\"Low\\udc00First\""}) {
            ResponseEntity<Map> r = defineModule(title);
            assertThat(r.getStatusCode()).as(title).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:malformed-request");
            assertThat((String) r.getBody().get("detail")).contains("title");
        }
        assertThat(eventCount()).isEqualTo(before);
        // tab, line breaks and a properly paired surrogate (an emoji) are text like any other
        assertThat(defineModule("\"Tab\\tand line\\nand \\ud83d\\ude00\"").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }
}
