package com.polaris.kat.enrollment.waitlist;

import com.polaris.kat.enrollment.privacy.ClinicianIdResolver;
import com.polaris.kat.enrollment.registration.RegistrationController;
import com.polaris.kat.enrollment.registration.RegistrationController.ClinicianRequest;
import com.polaris.kat.enrollment.registration.RegistrationController.PaymentRequest;
import com.polaris.kat.enrollment.registration.RegistrationController.RegistrationResponse;
import com.polaris.kat.enrollment.web.CommandSender;
import com.polaris.kat.enrollment.web.ReadLocations;
import com.polaris.kat.enrollment.web.RequestFingerprint;
import com.polaris.kat.events.enrollment.RegistrationResult;
import com.polaris.kat.events.waitlist.WaitlistCommands.AcceptWaitlistOffer;
import com.polaris.kat.events.waitlist.WaitlistCommands.ChangeSeriesOfferWindow;
import com.polaris.kat.events.waitlist.WaitlistCommands.DeclineWaitlistOffer;
import com.polaris.kat.events.waitlist.WaitlistCommands.JoinWaitlist;
import com.polaris.kat.events.waitlist.WaitlistCommands.LeaveWaitlist;
import com.polaris.kat.events.waitlist.WaitlistResult;
import com.polaris.kat.security.CorrelationFilter;
import com.polaris.kat.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A series' waitlist (shared/product-rules "Waitlist"). The registration front end joins and leaves it,
 * accepts an offer (a registration with payment, or with credit) and declines one; the registrar sets the
 * series' offer window. Join and accept are idempotent like a registration (Idempotency-Key, or a
 * client-chosen id). Every answer is a typed record; refusals are problems (docs/problems.md).
 */
@RestController
@Tag(name = "waitlist", description = "Front end: join or leave a sold-out series' waitlist, accept or decline an offer; registrar: the offer window")
@ApiProblem(status = 503, types = {"write-conflict", "stream-unreadable"})
public class WaitlistController {

    private final CommandSender sender;
    private final com.polaris.kat.enrollment.web.RequestFingerprint fingerprints;
    private final ClinicianIdResolver ids;
    private final ReadLocations locations;

    public WaitlistController(CommandSender sender, com.polaris.kat.enrollment.web.RequestFingerprint fingerprints, ClinicianIdResolver ids, ReadLocations locations) {
        this.sender = sender;
        this.fingerprints = fingerprints;
        this.ids = ids;
        this.locations = locations;
    }

    /**
     * Joining: the clinician as for a registration. The place's id is derived from the Idempotency-Key (else new):
     * a client cannot choose it, so no two series' places share one (a chosen id had been taken in a second series
     * and mixed the two places in the views).
     */
    public record JoinRequest(@NotNull @Valid ClinicianRequest clinician) {
    }

    /** Leaving or declining: an optional reason. */
    public record ReasonRequest(@Schema(example = "found another date", description = "optional, the clinician's own words: sealed under "
            + "their contact key, shown only in the audit trail, erased with their contact details") @Size(max = 500) String reason) {
    }

    /** Accepting: a registration's request; with {@code useCredit} the clinician's credit pays first and {@code payment} the rest. */
    public record AcceptRequest(@Schema(description = "optional client-chosen registration id (UUID); else derived from Idempotency-Key", format = "uuid")
                                @com.polaris.kat.enrollment.web.Uuid String registrationId,
                                @NotNull @Valid ClinicianRequest clinician, @Schema(example = "false") @NotNull Boolean ceOption,
                                @Valid PaymentRequest payment,
                                @Schema(description = "apply the clinician's credit first (as a credit transfer); default false", example = "false") Boolean useCredit) {
    }

    /**
     * The registrar's offer window: minutes an offer holds its seat (1 to 43200; 2880 = 48 h, the default). The range is the
     * series' rule ({@code Series}), answered as 422 invalid-offer-window naming the field.
     */
    public record OfferWindowRequest(@Schema(example = "2880", minimum = "1", maximum = "43200") @NotNull Integer offerWindowMinutes,
                                     @NotBlank @Size(max = 500) String reason) {
    }

    /** A waitlist place as the command left it. */
    @Schema(description = "A waitlist place: its state now (WAITING, OFFERED, ACCEPTED, DECLINED, LAPSED, LEFT, CLOSED) and its offer, if one was made. "
            + "replayed: true when this answers a repeat of an earlier request.",
            example = "{\"seriesId\":\"series-21\",\"placeId\":\"5b0f4a52-6a53-3f55-9d1c-0e1f7c1c2a10\",\"clinicianId\":\"9fea013d-2454-327d-a870-e468fb542361\","
                    + "\"status\":\"WAITING\",\"offerId\":null,\"replayed\":false}")
    public record WaitlistPlaceResponse(@Schema(example = "series-21") String seriesId,
                                        @Schema(example = "5b0f4a52-6a53-3f55-9d1c-0e1f7c1c2a10") String placeId,
                                        @Schema(description = "the clinician's pseudonymous id (an HMAC of the e-mail address)", example = "9fea013d-2454-327d-a870-e468fb542361") String clinicianId,
                                        @Schema(allowableValues = {"WAITING", "OFFERED", "ACCEPTED", "DECLINED", "LAPSED", "LEFT", "CLOSED"}, example = "WAITING") String status,
                                        @Schema(description = "the place's open or last offer", types = {"string", "null"}, example = "null") String offerId,
                                        @Schema(example = "false") boolean replayed) {
        static WaitlistPlaceResponse of(WaitlistResult r) {
            return new WaitlistPlaceResponse(r.seriesId(), r.placeId(), r.clinicianId(), r.status(), r.offerId(), r.replayed());
        }
    }

    /** The offer window as set. */
    @Schema(description = "The series' offer window as set, in minutes.", example = "{\"seriesId\":\"series-21\",\"offerWindowMinutes\":2880}")
    public record OfferWindowResponse(@Schema(example = "series-21") String seriesId, @Schema(example = "2880") int offerWindowMinutes) {
    }

    /**
     * Joins a sold-out series' waitlist: 201 {@link WaitlistPlaceResponse} with {@code Location} (the place's read URL),
     * or 200 with the first outcome for a repeat. Problems: 404 series-not-found; 409 not-sold-out, already-registered,
     * already-on-waitlist, registration-closed; 422 idempotency-key-reused.
     */
    @PostMapping("/api/series/{seriesId}/waitlist")
    @Operation(summary = "Join a sold-out series' waitlist (first come, first served)")
    @ApiProblem(status = 404, types = "series-not-found")
    @ApiResponse(responseCode = "201", description = "On the waitlist; Location is where the place can be read")
    @ApiResponse(responseCode = "200", description = "A repeat (same Idempotency-Key or place id): the place as it is now")
    @ApiProblem(status = 409, types = {"not-sold-out", "already-registered", "already-on-waitlist", "registration-closed"})
    @ApiProblem(status = 422, types = {"invalid-license-state", "idempotency-key-reused"})
    public ResponseEntity<WaitlistPlaceResponse> join(@PathVariable String seriesId, @Valid @RequestBody JoinRequest r,
                                                      @RequestHeader(name = CorrelationFilter.IDEMPOTENCY_HEADER, required = false) String key) {
        var clinician = r.clinician().toClinician();
        String fingerprint = fingerprints.of(seriesId, "waitlist", r.clinician());
        String placeId = id("waitlist:", null, key);
        String clinicianId = ids.idOf(r.clinician().email());
        WaitlistResult result = sender.sendClaimed(new JoinWaitlist(seriesId, placeId, clinicianId, clinician, fingerprint),
                claim(key, null, "place:" + placeId, fingerprint, seriesId, placeId, "join-waitlist"));
        WaitlistPlaceResponse body = WaitlistPlaceResponse.of(result);
        return result.replayed() ? ResponseEntity.ok(body) : ResponseEntity.created(locations.of("/api/waitlist/places/{placeId}", placeId)).body(body);
    }

    /**
     * Leaves the waitlist (an open offer is declined with it). Its Idempotency-Key is claimed like every command's: a
     * repeat answers from the place as it stands, another request under the key is 422 idempotency-key-reused (the key
     * had been ignored here: a fresh reviewer left two places, and declined two offers, under one key).
     * Problems: 404 waitlist-place-not-found; 409 waitlist-place-ended; 400 invalid-idempotency-key; 422 idempotency-key-reused.
     */
    @PostMapping("/api/series/{seriesId}/waitlist/{placeId}/leave")
    @Operation(summary = "Leave a series' waitlist; an open offer passes to the next in line")
    @ApiProblem(status = 404, types = {"waitlist-place-not-found", "series-not-found"})
    @ApiProblem(status = 409, types = "waitlist-place-ended")
    @ApiProblem(status = 422, types = "idempotency-key-reused")
    public WaitlistPlaceResponse leave(@PathVariable String seriesId, @PathVariable String placeId, @Valid @RequestBody ReasonRequest r,
                                       @RequestHeader(name = CorrelationFilter.IDEMPOTENCY_HEADER, required = false) String key) {
        return claimedStep(new LeaveWaitlist(seriesId, placeId, null, r.reason()), seriesId, placeId, r.reason(), key, "leave-waitlist");
    }

    /**
     * Accepts an offer: a registration into the held seat, paid like a registration (or with credit first):
     * 201 {@link RegistrationResponse} with {@code Location}, or 200 for a repeat. Problems: 404 offer-not-found;
     * 409 offer-not-open, offer-expired, registration-closed, already-registered, no-credit; 422 offer-clinician-mismatch,
     * payment-mismatch, invalid-payment, idempotency-key-reused.
     */
    @PostMapping("/api/series/{seriesId}/waitlist-offers/{offerId}/accept")
    @Operation(summary = "Accept a waitlist offer: register into the held seat, with payment or credit")
    @ApiResponse(responseCode = "201", description = "Registered; Location is where the registration can be read")
    @ApiResponse(responseCode = "200", description = "A repeat (same Idempotency-Key or registration id): the first outcome")
    @ApiProblem(status = 404, types = {"offer-not-found", "series-not-found"})
    @ApiProblem(status = 409, types = {"offer-not-open", "offer-expired", "registration-closed", "already-registered", "no-credit", "nothing-to-pay", "class-day-already-held", "date-already-held"})
    @ApiProblem(status = 422, types = {"invalid-license-state", "offer-clinician-mismatch", "payment-mismatch", "invalid-payment", "idempotency-key-reused"})
    public ResponseEntity<RegistrationResponse> accept(@PathVariable String seriesId, @PathVariable String offerId, @Valid @RequestBody AcceptRequest r,
                                                       @RequestHeader(name = CorrelationFilter.IDEMPOTENCY_HEADER, required = false) String key) {
        var clinician = r.clinician().toClinician();
        PaymentRequest payment = r.payment() == null ? new PaymentRequest(0L, null, 0L) : r.payment();
        boolean useCredit = Boolean.TRUE.equals(r.useCredit());
        String fingerprint = fingerprints.of(seriesId, "accept", offerId, r.clinician(), r.ceOption(), payment, useCredit);
        String registrationId = RegistrationController.registrationId(r.registrationId(), key == null ? null : "offer:" + key);
        String clinicianId = ids.idOf(r.clinician().email());
        RegistrationResult result = sender.sendClaimed(new AcceptWaitlistOffer(seriesId, offerId, registrationId, clinicianId,
                        clinician, r.ceOption(), payment.toPayment(), useCredit, fingerprint),
                claim(key, r.registrationId(), "registration:" + registrationId, fingerprint, seriesId, registrationId, "accept-offer"));
        RegistrationResponse body = RegistrationResponse.of(result);
        return result.replayed() ? ResponseEntity.ok(body) : ResponseEntity.created(locations.registration(registrationId)).body(body);
    }

    /**
     * Declines an offer; the seat passes to the next in line. The Idempotency-Key is claimed as for {@code leave}.
     * Problems: 404 offer-not-found; 409 offer-not-open; 400 invalid-idempotency-key; 422 idempotency-key-reused.
     */
    @PostMapping("/api/series/{seriesId}/waitlist-offers/{offerId}/decline")
    @Operation(summary = "Decline a waitlist offer; the seat passes to the next in line")
    @ApiProblem(status = 404, types = {"offer-not-found", "series-not-found"})
    @ApiProblem(status = 409, types = "offer-not-open")
    @ApiProblem(status = 422, types = "idempotency-key-reused")
    public WaitlistPlaceResponse decline(@PathVariable String seriesId, @PathVariable String offerId, @Valid @RequestBody ReasonRequest r,
                                         @RequestHeader(name = CorrelationFilter.IDEMPOTENCY_HEADER, required = false) String key) {
        return claimedStep(new DeclineWaitlistOffer(seriesId, offerId, r.reason()), seriesId, offerId, r.reason(), key, "decline-offer");
    }

    /**
     * Sets how long an offer of this series holds its seat (the registrar), until registration closes.
     * Problems: 404 series-not-found; 409 registration-closed; 422 invalid-offer-window (field offerWindowMinutes).
     */
    @PutMapping("/api/catalog/series/{seriesId}/offer-window")
    @Operation(summary = "Set a series' waitlist offer window (minutes), with a reason")
    @ApiProblem(status = 404, types = "series-not-found")
    @ApiProblem(status = 409, types = "registration-closed")
    @ApiProblem(status = 422, types = "invalid-offer-window")
    public OfferWindowResponse offerWindow(@PathVariable String seriesId, @Valid @RequestBody OfferWindowRequest r) {
        sender.sendOnce(new ChangeSeriesOfferWindow(seriesId, r.offerWindowMinutes(), r.reason()), r.reason());
        return new OfferWindowResponse(seriesId, r.offerWindowMinutes());
    }

    /**
     * A step on a place or an offer (leave, decline), its Idempotency-Key claimed for the step's endpoint, place or offer
     * and reason: the step's answer is the place as it stands, also for a repeat.
     */
    private WaitlistPlaceResponse claimedStep(Object command, String seriesId, String id, String reason, String key, String endpoint) {
        // the reason is the clinician's own text: sealed in the event (Series), never in the events' metadata in plain text
        return WaitlistPlaceResponse.of(sender.sendClaimedWithReason(command, null,
                claim(key, null, null, fingerprints.of(seriesId, endpoint, id, reason), seriesId, id, endpoint)));
    }

    /** The client's id (lower-cased); else one derived from its Idempotency-Key under {@code prefix}; else a new one. */
    private static String id(String prefix, String given, String key) {
        if (given != null) {
            return given.toLowerCase();
        }
        if (key != null && !key.isBlank()) {
            return UUID.nameUUIDFromBytes((prefix + key).getBytes(StandardCharsets.UTF_8)).toString();
        }
        return UUID.randomUUID().toString();
    }

    /** The idempotency claim (null when the request names neither key nor id), scoped to {@code endpoint}. */
    private static CommandSender.Claim claim(String key, String givenId, String idKey, String fingerprint, String seriesId, String id,
                                             String endpoint) {
        String k = key != null && !key.isBlank() ? "key:" + key : givenId != null ? idKey : null;
        return k == null ? null : new CommandSender.Claim(k, fingerprint, seriesId, id, endpoint);
    }
}
