package com.polaris.kat.enrollment.peer;

import com.polaris.kat.enrollment.registration.RegistrationController;
import com.polaris.kat.enrollment.registration.RegistrationController.RegisterRequest;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.web.IdempotencyKeys;
import com.polaris.kat.enrollment.web.RequestFingerprint;
import com.polaris.kat.events.enrollment.ClinicianIds;
import com.polaris.kat.events.enrollment.RegistrationResult;
import com.polaris.kat.security.CorrelationFilter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The benchmark's peer (issue 12): what a team would otherwise build, a state-stored registration
 * behind the same HTTP stack, security, validation and idempotency as the event-sourced one, so the
 * benchmark can report the event-sourced rate as a ratio to it in the same run. One transaction
 * locks the series row, counts its active registrations, checks the clinician and the payment,
 * inserts. Active only with the {@code crud-peer} profile, which the benchmark alone sets; no
 * production profile has these endpoints or tables.
 * <p>
 * {@code PUT /api/crud-peer/series/{seriesId}} {@code {"capacity":30,"priceCents":210000}} (admin);
 * {@code POST /api/crud-peer/series/{seriesId}/registrations}, the body and {@code Idempotency-Key} of
 * {@code POST /api/series/{seriesId}/registrations} (front end): 201 (200 on a repeat), or the same
 * problems ({@code 409 sold-out}, {@code 409 already-registered}, {@code 422 payment-mismatch},
 * {@code 422 idempotency-key-reused}, {@code 404 series-not-found}). Not in the OpenAPI description
 * ({@code @Hidden}): it is a measuring instrument, not part of the product's API.
 */
@RestController
@Profile("crud-peer")
@io.swagger.v3.oas.annotations.Hidden
public class CrudRegistrationPeer {

    /** The peer series that was set up: its id and seat capacity. */
    public record PeerSeriesRef(String seriesId, int capacity) {
    }

    /** A peer series: capacity in seats, price in cents (the CE option is priced at 0 here). */
    public record PeerSeries(@NotNull @Min(1) Integer capacity, @NotNull @PositiveOrZero Long priceCents) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final IdempotencyKeys idempotencyKeys;
    private final com.polaris.kat.enrollment.web.RequestFingerprint fingerprints;
    private final ClinicianIds ids;

    public CrudRegistrationPeer(JdbcTemplate jdbc, TransactionTemplate tx, IdempotencyKeys idempotencyKeys, com.polaris.kat.enrollment.web.RequestFingerprint fingerprints, ClinicianIds ids) {
        this.ids = ids;
        this.jdbc = jdbc;
        this.tx = tx;
        this.idempotencyKeys = idempotencyKeys;
        this.fingerprints = fingerprints;
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS enrollment.crud_peer_series (series_id VARCHAR(40) PRIMARY KEY, capacity INT NOT NULL,
                    price_cents BIGINT NOT NULL)""");
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS enrollment.crud_peer_registration (registration_id VARCHAR(36) PRIMARY KEY,
                    series_id VARCHAR(40) NOT NULL, clinician_id VARCHAR(36) NOT NULL, full_name VARCHAR(200) NOT NULL,
                    email VARCHAR(254) NOT NULL, profession VARCHAR(100) NOT NULL, license_number VARCHAR(50) NOT NULL,
                    license_state VARCHAR(2) NOT NULL, ce_option BOOLEAN NOT NULL, amount_paid_cents BIGINT NOT NULL,
                    charge_reference VARCHAR(100), processing_fee_cents BIGINT NOT NULL, fingerprint VARCHAR(64) NOT NULL,
                    status VARCHAR(10) NOT NULL, registered_at TIMESTAMPTZ NOT NULL DEFAULT now())""");
        jdbc.execute("CREATE INDEX IF NOT EXISTS crud_peer_registration_by_series ON enrollment.crud_peer_registration (series_id, status)");
    }

    @PutMapping("/api/crud-peer/series/{seriesId}")
    public PeerSeriesRef schedule(@PathVariable String seriesId, @Valid @RequestBody PeerSeries s) {
        jdbc.update("INSERT INTO enrollment.crud_peer_series VALUES (?, ?, ?) ON CONFLICT (series_id) DO UPDATE SET capacity = EXCLUDED.capacity",
                seriesId, s.capacity(), s.priceCents());
        return new PeerSeriesRef(seriesId, s.capacity());
    }

    @PostMapping("/api/crud-peer/series/{seriesId}/registrations")
    public ResponseEntity<RegistrationResult> register(@PathVariable String seriesId, @Valid @RequestBody RegisterRequest r,
                                                       @RequestHeader(name = CorrelationFilter.IDEMPOTENCY_HEADER, required = false) String key) {
        r.clinician().toClinician(); // the same request checks as the event-sourced registration (license state)
        String fingerprint = fingerprints.of(seriesId, r.clinician(), r.ceOption(), r.payment());
        String registrationId = RegistrationController.registrationId(r.registrationId(), key);
        String clinicianId = ids.fromEmail(r.clinician().email());
        RegistrationResult result = tx.execute(status -> {
            if (key != null) {
                idempotencyKeys.claim("peer:" + key, fingerprint, seriesId, registrationId, "crud-peer-register");
            }
            List<Integer> capacity = jdbc.queryForList("SELECT capacity FROM enrollment.crud_peer_series WHERE series_id = ? FOR UPDATE",
                    Integer.class, seriesId);
            if (capacity.isEmpty()) {
                throw Refusal.notFound("series-not-found", "There is no " + com.polaris.kat.events.catalog.SeriesIds.named(seriesId) + ".");
            }
            List<String> earlier = jdbc.queryForList("SELECT fingerprint FROM enrollment.crud_peer_registration WHERE registration_id = ?",
                    String.class, registrationId);
            if (!earlier.isEmpty()) {
                if (!earlier.get(0).equals(fingerprint)) {
                    throw Refusal.invalid("idempotency-key-reused", "This registration id was first used for a different request.");
                }
                return new RegistrationResult(seriesId, registrationId, clinicianId, "ACTIVE", true);
            }
            Integer taken = jdbc.queryForObject("SELECT count(*) FROM enrollment.crud_peer_registration WHERE series_id = ? AND status = 'ACTIVE'",
                    Integer.class, seriesId);
            if (taken != null && taken >= capacity.get(0)) {
                throw Refusal.conflict("sold-out", com.polaris.kat.events.catalog.SeriesIds.named(seriesId) + " is sold out.");
            }
            Integer same = jdbc.queryForObject("""
                    SELECT count(*) FROM enrollment.crud_peer_registration WHERE series_id = ? AND clinician_id = ? AND status = 'ACTIVE'""",
                    Integer.class, seriesId, clinicianId);
            if (same != null && same > 0) {
                throw Refusal.conflict("already-registered", "This clinician already holds a seat in " + com.polaris.kat.events.catalog.SeriesIds.named(seriesId) + ".");
            }
            Long price = jdbc.queryForObject("SELECT price_cents FROM enrollment.crud_peer_series WHERE series_id = ?", Long.class, seriesId);
            if (!r.payment().amountPaidCents().equals(price)) {
                throw Refusal.invalidField("payment-mismatch", "payment.amountPaidCents", "The price due is " + price + " cents; the payment does not match it.");
            }
            jdbc.update("""
                    INSERT INTO enrollment.crud_peer_registration (registration_id, series_id, clinician_id, full_name, email, profession,
                        license_number, license_state, ce_option, amount_paid_cents, charge_reference, processing_fee_cents, fingerprint, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE')""",
                    registrationId, seriesId, clinicianId, r.clinician().fullName(), r.clinician().email(), r.clinician().profession(),
                    r.clinician().licenseNumber(), r.clinician().licenseState(), r.ceOption(), r.payment().amountPaidCents(),
                    r.payment().chargeReference(), r.payment().processingFeeCents(), fingerprint);
            return new RegistrationResult(seriesId, registrationId, clinicianId, "ACTIVE", false);
        });
        return ResponseEntity.status(result.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
    }
}
