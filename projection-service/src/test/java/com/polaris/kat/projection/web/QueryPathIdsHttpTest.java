package com.polaris.kat.projection.web;

import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: every path variable of the read side longer than its column (or with characters no id
 * has) is 400 invalid-path naming it, on every endpoint the service maps.
 */
class QueryPathIdsHttpTest extends ProjectionServiceTestBase {

    private static final Map<String, Integer> COLUMN = Map.of("seriesId", 40, "classDayId", 40, "registrationId", 36, "clinicianId", 36,
            "number", 10, "name", 100);

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    @SuppressWarnings("rawtypes")
    void everyPathVariableLongerThanItsColumnIs400NamingIt() {
        int[] checked = {0};
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getName().startsWith("com.polaris")) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                for (var method : info.getMethodsCondition().getMethods()) {
                    Matcher m = Pattern.compile("\\{([^}]+)}").matcher(pattern);
                    while (m.find()) {
                        String name = m.group(1);
                        if (name.equals("verificationCode")) {
                            continue; // the public certificate check answers any code alike (VerificationTest)
                        }
                        String path = pattern.replace("{" + name + "}", "7".repeat(COLUMN.getOrDefault(name, 40) + 1))
                                .replaceAll("\\{[^}]+}", "x1");
                        ResponseEntity<Map> r = http.method(org.springframework.http.HttpMethod.valueOf(method.name())).uri(path)
                                .retrieve().toEntity(Map.class);
                        assertThat(r.getStatusCode()).as(method + " " + path).isEqualTo(HttpStatus.BAD_REQUEST);
                        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                        assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:invalid-path").containsEntry("parameter", name);
                        checked[0]++;
                    }
                }
            }
        });
        assertThat(checked[0]).isGreaterThanOrEqualTo(12);
        ResponseEntity<Map> odd = http.get().uri("/api/availability/series/{id}", "series 1").retrieve().toEntity(Map.class);
        assertThat(odd.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(odd.getBody()).containsEntry("parameter", "seriesId");
    }

    @Test
    @SuppressWarnings("rawtypes")
    void aWildcardOrMalformedContentTypeOnThePostsIs415AndABodyThatIsNotJsonToo() {
        for (String type : new String[]{"*/*", "application/*", "foo"}) {
            ResponseEntity<Map> r = http.post().uri("/api/admin/projections/catalog/parked/retry").header("Content-Type", type)
                    .retrieve().toEntity(Map.class);
            assertThat(r.getStatusCode()).as(type).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
            assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:unsupported-media-type");
        }
        ResponseEntity<Map> xml = http.post().uri("/api/admin/projections/catalog/parked/retry").contentType(MediaType.APPLICATION_XML)
                .body("<retry/>").retrieve().toEntity(Map.class);
        assertThat(xml.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(xml.getBody()).containsEntry("type", "urn:kat:problem:unsupported-media-type");
    }
}
