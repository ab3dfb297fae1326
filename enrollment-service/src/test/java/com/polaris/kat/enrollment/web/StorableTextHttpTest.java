package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text no projection could store faithfully (issue 11), or that would reorder what a printed record shows (bidirectional
 * controls), is refused with a problem, and nothing is stored.
 */
class StorableTextHttpTest extends EnrollmentServiceTestBase {

    private ResponseEntity<Map> defineModule(String rawJsonTitle) {
        return defineModule("TX", rawJsonTitle);
    }

    private ResponseEntity<Map> defineModule(String code, String rawJsonTitle) {
        return http.post().uri("/api/catalog/modules").contentType(MediaType.APPLICATION_JSON)
                .body("{\"code\":\"" + code + "\",\"title\":" + rawJsonTitle + ",\"ceHours\":8}").retrieve().toEntity(Map.class);
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

    @Test
    void aBidirectionalOverrideOrIsolateInAnyTextFieldIsAProblemAndStoresNothing() {
        long before = eventCount();
        // each embedding, override and isolate control; U+202E had reversed the rest of a reason's line in the transcript PDF
        for (String control : new String[]{"202A", "202B", "202C", "202D", "202E", "2066", "2067", "2068", "2069"}) {
            ResponseEntity<Map> r = defineModule("\"Reversed \\u" + control + "evil\"");
            assertThat(r.getStatusCode()).as(control).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:malformed-request");
            assertThat((String) r.getBody().get("detail")).as(control).contains("title").contains("U+" + control)
                    .contains("bidirectional control character");
        }
        assertThat(eventCount()).isEqualTo(before);
        // a refusal that repeats the value it refused writes the control as its code: an unknown field's name with U+202E
        ResponseEntity<String> unknown = http.post().uri("/api/catalog/modules").contentType(MediaType.APPLICATION_JSON)
                .body("{\"code\":\"TZ\",\"title\":\"T\",\"ceHours\":8,\"extra\\u202Ey\":1}").retrieve().toEntity(String.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody()).contains("extraU+202Ey").doesNotContain("\u202E");
        assertThat(eventCount()).isEqualTo(before);
        // the directional marks (U+200E, U+200F) reorder nothing and stay allowed
        assertThat(defineModule("TY", "\"Marked \\u200Fname\\u200E\"").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }
}
