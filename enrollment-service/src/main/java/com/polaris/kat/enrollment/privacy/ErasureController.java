package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.web.CommandSender;
import com.polaris.kat.eventstore.personal.PersonalDataVault;
import com.polaris.kat.events.privacy.PrivacyCommands.RequestErasure;
import com.polaris.kat.events.privacy.PrivacyStreams;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Administrators and compliance record a clinician's erasure request:
 * {@code POST /api/clinicians/{clinicianId}/erasure-requests {"reason"}} -> 201
 * {@code {"clinicianId","contactDetails":"ERASED","ceIdentity":"RETAINED","ceIdentityRetainedUntil"}}.
 * Problems: 404 clinician-not-found (no personal data of that id is held), 409 erasure-already-requested,
 * 422 invalid-erasure-request / validation (a reason of 1-500 characters).
 */
@RestController
public class ErasureController {

    private final CommandSender sender;
    private final PersonalDataVault vault;
    private final CeRecords records;
    private final Clock clock;

    public ErasureController(CommandSender sender, PersonalDataVault vault, CeRecords records, Clock clock) {
        this.sender = sender;
        this.vault = vault;
        this.records = records;
        this.clock = clock;
    }

    public record ErasureRequest(@Schema(example = "GDPR art. 17 request of 2026-11-30, ticket PRIV-112") @NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/api/clinicians/{clinicianId}/erasure-requests")
    public ResponseEntity<Map<String, Object>> request(@PathVariable String clinicianId, @Valid @RequestBody ErasureRequest r) {
        if (!vault.knows(clinicianId)) {
            throw Refusal.notFound("clinician-not-found", "No personal data is held for clinician " + clinicianId + ".");
        }
        Instant last = records.lastCeEventAt(clinicianId).orElse(clock.instant());
        Instant until = sender.sendWritingTo(new RequestErasure(clinicianId, r.reason().strip(), last), r.reason(),
                PrivacyStreams.of(clinicianId));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clinicianId", clinicianId);
        body.put("contactDetails", "ERASED");
        body.put("ceIdentity", "RETAINED");
        body.put("lastCeEventAt", last);
        body.put("ceIdentityRetainedUntil", until);
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }
}
