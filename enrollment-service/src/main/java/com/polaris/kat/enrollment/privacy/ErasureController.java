package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.web.CommandSender;
import com.polaris.kat.eventstore.personal.PersonalDataVault;
import com.polaris.kat.events.privacy.PrivacyCommands.RequestErasure;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * Administrators and compliance record a clinician's erasure request:
 * {@code POST /api/clinicians/{clinicianId}/erasure-requests {"reason"}} -> 201
 * {@code {"clinicianId","contactDetails":"ERASED","ceIdentity":"RETAINED","lastCeEventAt","ceIdentityRetainedUntil"}};
 * {@code "ceIdentity":"ERASED"} when its retention is already over: no CE record (a clinician only ever on a waitlist;
 * {@code lastCeEventAt} and {@code ceIdentityRetainedUntil} null) or a last CE event six years old (product rules,
 * "Personal data": the identity is kept for the CE record's retention, and only for it).
 * Problems: 404 clinician-not-found (no personal data of that id is held), 409 erasure-already-requested (a second
 * request, unless the clinician registered again since), 400 invalid-request (a reason of 1-500 characters, not blank).
 * A repeat under the first request's {@code Idempotency-Key} (e.g. after a 503 whose transaction had committed) answers
 * that request's outcome again, 201 as the first time, and records nothing more; the same key with another reason is
 * 422 idempotency-key-reused.
 */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "privacy", description = "Administrators and compliance: erasure requests")
public class ErasureController {

    private final CommandSender sender;
    private final PersonalDataVault vault;

    private final com.polaris.kat.enrollment.web.ReadLocations locations;

    public ErasureController(CommandSender sender, PersonalDataVault vault, com.polaris.kat.enrollment.web.ReadLocations locations) {
        this.locations = locations;
        this.sender = sender;
        this.vault = vault;
    }

    public record ErasureRequest(@Schema(example = "GDPR art. 17 request of 2026-11-30, ticket PRIV-112") @NotBlank @Size(min = 1, max = 500) String reason) {
    }

    /**
     * What an erasure request did: contact details erased now, the CE identity kept until its retention ends (UTC instants)
     * or erased now when it has ended (no CE record: both instants null).
     */
    @Schema(description = "What the erasure request did: contact details are erased now; the CE identity is kept until its retention ends "
            + "(six years after the last CE event), or erased now when that has passed or the clinician has no CE record "
            + "(lastCeEventAt and ceIdentityRetainedUntil are then null).",
            example = "{\"clinicianId\":\"9fea013d-2454-327d-a870-e468fb542361\",\"contactDetails\":\"ERASED\",\"ceIdentity\":\"RETAINED\","
                    + "\"lastCeEventAt\":\"2023-10-11T01:00:00Z\",\"ceIdentityRetainedUntil\":\"2029-10-11T01:00:00Z\"}")
    public record ErasureOutcome(String clinicianId, @Schema(allowableValues = "ERASED") String contactDetails,
                                 @Schema(allowableValues = {"RETAINED", "ERASED"}) String ceIdentity,
                                 @Schema(nullable = true) Instant lastCeEventAt, @Schema(nullable = true) Instant ceIdentityRetainedUntil) {
    }

    /** Records the request: 201 {@link ErasureOutcome}, {@code Location} the clinician's audit trail (compliance reads it there). */
    @PostMapping("/api/clinicians/{clinicianId}/erasure-requests")
    @io.swagger.v3.oas.annotations.Operation(summary = "Record a clinician's erasure request: contact details now, the CE identity after retention")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Recorded; Location is the clinician's audit trail")
    @com.polaris.kat.web.ApiProblem(status = 404, types = "clinician-not-found")
    @com.polaris.kat.web.ApiProblem(status = 409, types = "erasure-already-requested")
    @com.polaris.kat.web.ApiProblem(status = 503, types = {"write-conflict", "stream-unreadable"})
    public ResponseEntity<ErasureOutcome> request(@PathVariable String clinicianId, @Valid @RequestBody ErasureRequest r) {
        if (!vault.knows(clinicianId)) {
            throw Refusal.notFound("clinician-not-found", "No personal data is held for clinician " + clinicianId + ".");
        }
        ClinicianPrivacy.Erasure done = sender.sendOnce(new RequestErasure(clinicianId, com.polaris.kat.security.strict.InvisibleCharacters.stripped(r.reason())), r.reason(), r,
                ClinicianPrivacy.Erasure.class);
        return ResponseEntity.created(locations.of("/api/audit/clinicians/{clinicianId}", clinicianId))
                .body(new ErasureOutcome(clinicianId, "ERASED", done.identityShredded() ? "ERASED" : "RETAINED", done.lastCeEventAt(),
                        done.identityRetainedUntil()));
    }
}
