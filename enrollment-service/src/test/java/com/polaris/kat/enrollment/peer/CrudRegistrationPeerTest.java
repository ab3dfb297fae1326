package com.polaris.kat.enrollment.peer;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's state-stored peer does the same work as the event-sourced registration: it
 * validates the same body, keeps capacity, one seat per clinician, the price, and idempotency keys.
 */
@ActiveProfiles({"test", "crud-peer"})
class CrudRegistrationPeerTest extends EnrollmentServiceTestBase {

    private static Map<String, Object> body(String email, long paid) {
        return Map.of("clinician", Map.of("fullName", "Peer Person", "email", email, "profession", "Psychologist",
                        "licenseNumber", "LIC-1", "licenseState", "CA"), "ceOption", false,
                "payment", Map.of("amountPaidCents", paid, "chargeReference", "ch_peer", "processingFeeCents", 100));
    }

    private ResponseEntity<Map> register(String series, String key, Map<String, Object> body) {
        return http.post().uri("/api/crud-peer/series/" + series + "/registrations").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key).body(body).retrieve().toEntity(Map.class);
    }

    @Test
    void thePeerKeepsCapacityOneSeatPerClinicianThePriceAndIdempotency() {
        assertThat(put("/api/crud-peer/series/peer-1", Map.of("capacity", 2, "priceCents", 210000)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(register("peer-1", "k1", body("a@example.org", 210000)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<Map> repeat = register("peer-1", "k1", body("a@example.org", 210000));
        assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(repeat.getBody()).containsEntry("replayed", true);
        assertThat(register("peer-1", "k1", body("other@example.org", 210000)).getBody()).containsEntry("type", "urn:kat:problem:idempotency-key-reused");
        assertThat(register("peer-1", "k2", body("a@example.org", 210000)).getBody()).containsEntry("type", "urn:kat:problem:already-registered");
        assertThat(register("peer-1", "k3", body("b@example.org", 1)).getBody()).containsEntry("type", "urn:kat:problem:payment-mismatch");
        assertThat(register("peer-1", "k4", body("b@example.org", 210000)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(register("peer-1", "k5", body("c@example.org", 210000)).getBody()).containsEntry("type", "urn:kat:problem:sold-out");
        assertThat(register("peer-1", "k6", body("not-an-email", 210000)).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrollment.crud_peer_registration WHERE series_id = 'peer-1'", Integer.class)).isEqualTo(2);
    }
}
