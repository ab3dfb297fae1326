package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.web.CommandSender;
import com.polaris.kat.enrollment.web.ReadLocations;
import com.polaris.kat.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.polaris.kat.security.CorrelationFilter;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.EnrollmentCommands.CancelRegistration;
import com.polaris.kat.events.enrollment.EnrollmentCommands.PayoutOutcome;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RecordRefundPayout;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RegisterForSeries;
import com.polaris.kat.events.enrollment.EnrollmentCommands.TransferCreditToSeries;
import com.polaris.kat.events.enrollment.LateCancellationChoice;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.enrollment.RefundDecision;
import com.polaris.kat.events.enrollment.RegistrationResult;
import com.polaris.kat.events.money.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The registration front end: register, cancel, transfer credit. Finance: record payouts
 * (shared/product-rules "Registration", "Cancellation, refunds and credit", "Credit and transfers").
 * Every answer is a typed record; refusals are problems (docs/problems.md), and every command may
 * answer 503 write-conflict or stream-unreadable.
 */
@RestController
@Tag(name = "registrations", description = "Front end: register, cancel, transfer credit; finance: payout outcomes")
@ApiProblem(status = 503, types = {"write-conflict", "stream-unreadable"})
public class RegistrationController {

    private final CommandSender sender;
    private final com.polaris.kat.enrollment.web.RequestFingerprint fingerprints;

    private final com.polaris.kat.enrollment.series.SoldOutSeries soldOut;
    private final java.time.Clock clock;
    private final com.polaris.kat.enrollment.privacy.ClinicianIdResolver ids;

    private final ReadLocations locations;
    private final com.polaris.kat.enrollment.web.IdempotencyKeys idempotencyKeys;

    public RegistrationController(CommandSender sender, com.polaris.kat.enrollment.web.RequestFingerprint fingerprints, com.polaris.kat.enrollment.series.SoldOutSeries soldOut,
                                  java.time.Clock clock, com.polaris.kat.enrollment.privacy.ClinicianIdResolver ids, ReadLocations locations,
                                  com.polaris.kat.enrollment.web.IdempotencyKeys idempotencyKeys) {
        this.idempotencyKeys = idempotencyKeys;
        this.ids = ids;
        this.locations = locations;
        this.soldOut = soldOut;
        this.clock = clock;
        this.sender = sender;
        this.fingerprints = fingerprints;
    }

    public record ClinicianRequest(@Schema(example = "Dana Rivera") @NotBlank @Size(max = 200) @com.polaris.kat.enrollment.web.PrintedText String fullName,
                                   @Schema(example = "dana.rivera@example.org") @NotBlank @com.polaris.kat.enrollment.web.EmailAddress @Size(max = 254) String email,
                                   @Schema(example = "Licensed Clinical Social Worker") @NotBlank @Size(max = 100) @com.polaris.kat.enrollment.web.PrintedText String profession,
                                   @Schema(example = "LCSW-88123") @NotBlank @Size(max = 50) @com.polaris.kat.enrollment.web.PrintedText String licenseNumber,
                                   @Schema(example = "CA") @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter state code in capitals, e.g. CA") String licenseState) {
        /**
         * The clinician as the command carries it (name, e-mail, profession and license number stripped).
         *
         * @throws com.polaris.kat.enrollment.rules.Refusal invalid-license-state (422, field clinician.licenseState;
         *         rules/LicenseStates): call it before anything else is decided
         */
        public Clinician toClinician() {
            com.polaris.kat.enrollment.rules.LicenseStates.check(licenseState, "clinician.licenseState");
            return new Clinician(com.polaris.kat.security.strict.InvisibleCharacters.stripped(fullName), com.polaris.kat.security.strict.InvisibleCharacters.stripped(email),
                    com.polaris.kat.security.strict.InvisibleCharacters.stripped(profession), com.polaris.kat.security.strict.InvisibleCharacters.stripped(licenseNumber), licenseState);
        }
    }

    public record PaymentRequest(@Schema(example = "217500", description = "what the processor charged, in cents") @NotNull @PositiveOrZero @jakarta.validation.constraints.Max(Money.MAX_REQUEST_CENTS) Long amountPaidCents,
                                 @Schema(example = "ch_3PqRivera", description = "the payment processor's charge reference: required when amountPaidCents is more than 0, left out when it is 0 (no charge)") @Size(max = 100) @com.polaris.kat.enrollment.web.PrintedText @com.polaris.kat.enrollment.web.ProcessorReference String chargeReference,
                                 @Schema(example = "6338", description = "the fee the processor actually took, in cents") @NotNull @PositiveOrZero @jakarta.validation.constraints.Max(Money.MAX_REQUEST_CENTS) Long processingFeeCents) {
        /** The payment as recorded; a blank charge reference is none (a fresh reviewer's "   " was stored as sent for 0 cents). */
        public Payment toPayment() {
            return new Payment(Money.ofCents(amountPaidCents), com.polaris.kat.security.strict.InvisibleCharacters.blank(chargeReference) ? null
                    : chargeReference, Money.ofCents(processingFeeCents));
        }
    }

    public record RegisterRequest(@Schema(description = "optional client-chosen id (UUID); else derived from Idempotency-Key", format = "uuid")
                                  @com.polaris.kat.enrollment.web.Uuid String registrationId,
                                  @NotNull @Valid ClinicianRequest clinician, @Schema(example = "true") @NotNull Boolean ceOption,
                                  @NotNull @Valid PaymentRequest payment) {
    }

    public record TransferRequest(@NotBlank @Size(max = 40) String seriesId,
                                  @Schema(description = "optional client-chosen id (UUID); else derived from Idempotency-Key", format = "uuid")
                                  @com.polaris.kat.enrollment.web.Uuid String registrationId,
                                  @NotNull @Valid ClinicianRequest clinician, @NotNull Boolean ceOption,
                                  @Valid PaymentRequest payment) {
    }

    public record CancelRequest(@Schema(example = "CREDIT", description = "required after the cutoff: CREDIT or REFUND") LateCancellationChoice choice,
                                @Schema(example = "cannot attend December", description = "optional, the clinician's own words: sealed under their contact "
                                        + "key, shown only in the audit trail, erased with their contact details") @Size(max = 500) String reason) {
    }

    /**
     * A payout's outcome. The processor's references are identifiers matched against its records: printed text
     * ({@link com.polaris.kat.enrollment.web.PrintedText}: no tab or line break either, which free text such as the
     * failure reason may hold; a fresh reviewer's pasted tab had been recorded and exported).
     */
    public record PayoutRequest(@NotNull PayoutOutcome outcome, @Size(max = 100) @com.polaris.kat.enrollment.web.PrintedText String processorRefundReference,
                                @Size(max = 500) String failureReason,
                                @Schema(description = "optional: the number of payout outcomes (settled, failed, reversed) recorded for this"
                                        + " refund when the sender chose this one (the ledger's payoutsRecorded); when there are more by now, 409"
                                        + " payout-changed and nothing is recorded (two screens do not record one failure twice); more than were"
                                        + " ever recorded is 422 invalid-payout",
                                        minimum = "0", example = "1")
                                @jakarta.validation.constraints.PositiveOrZero Integer payoutsSeen) {
    }

    /** The outcome of a registration or a credit transfer, as the series decided it (also when repeated). */
    @Schema(description = "A registration: the first outcome, also for a repeat with the same Idempotency-Key (replayed: true). "
            + "status is the registration's status now (ACTIVE, or CANCELLED once cancelled).",
            example = "{\"seriesId\":\"series-21\",\"registrationId\":\"aa96f034-b0e1-34af-8a84-4570261d948e\","
                    + "\"clinicianId\":\"9fea013d-2454-327d-a870-e468fb542361\",\"status\":\"ACTIVE\",\"replayed\":false}")
    public record RegistrationResponse(@Schema(example = "series-21") String seriesId,
                                       @Schema(example = "aa96f034-b0e1-34af-8a84-4570261d948e") String registrationId,
                                       @Schema(description = "the clinician's pseudonymous id (an HMAC of the e-mail address)", example = "9fea013d-2454-327d-a870-e468fb542361") String clinicianId,
                                       @Schema(allowableValues = {"ACTIVE", "CANCELLED"}, example = "ACTIVE") String status,
                                       @Schema(description = "true when this answers a repeat of an earlier request", example = "false") boolean replayed) {
        public static RegistrationResponse of(RegistrationResult r) {
            return new RegistrationResponse(r.seriesId(), r.registrationId(), r.clinicianId(), r.status(), r.replayed());
        }
    }

    /**
     * A cancellation's refund decision (policy version 1, shared/product-rules "Cancellation, refunds and credit"):
     * amounts as plain dollars "0.00" and the refund and credit also in integer cents; instants in UTC.
     */
    @Schema(description = "The cancellation's decision, recomputable from this record alone. Amounts are USD as \"0.00\"; "
            + "refundAmountCents and creditIssuedCents are integer cents; instants are UTC.",
            example = "{\"seriesId\":\"series-22\",\"registrationId\":\"9c522cfa-5c60-30fb-98d8-4f887b3245fb\",\"status\":\"CANCELLED\","
                    + "\"policyVersion\":\"v1\",\"rule\":\"LATE_CREDIT\",\"requestedAt\":\"2026-11-26T15:19:15.187899024Z\","
                    + "\"cutoff\":\"2026-11-22T17:00:00Z\",\"onTime\":false,\"choice\":\"CREDIT\",\"cashPaid\":\"2100.00\","
                    + "\"creditPaid\":\"0.00\",\"refundBase\":\"0.00\",\"adminFee\":\"0.00\",\"processingFee\":\"0.00\","
                    + "\"adminFeeKept\":\"0.00\",\"processingFeeKept\":\"0.00\","
                    + "\"refundAmount\":\"0.00\",\"creditIssued\":\"2100.00\",\"refundAmountCents\":0,\"creditIssuedCents\":210000}")
    public record CancellationResponse(String seriesId, String registrationId,
                                       @Schema(allowableValues = "CANCELLED") String status,
                                       @Schema(example = "v1") String policyVersion,
                                       @Schema(description = "the policy's rule that decided", example = "ON_TIME_REFUND") String rule,
                                       Instant requestedAt,
                                       @Schema(description = "09:00 Pacific, 14 calendar days before the first class day") Instant cutoff,
                                       boolean onTime,
                                       @Schema(description = "the late choice; null when on time", types = {"string", "null"}, allowableValues = {"CREDIT", "REFUND"}) LateCancellationChoice choice,
                                       String cashPaid, String creditPaid, String refundBase,
                                       @Schema(description = "the policy's admin fee, which comes off refundBase") String adminFee,
                                       @Schema(description = "the payment's processing fee, which comes off refundBase after the admin fee") String processingFee,
                                       @Schema(description = "what was kept of the admin fee: no more than refundBase (nothing when the"
                                               + " registration was paid wholly with credit); the ledger's adminFeeKept") String adminFeeKept,
                                       @Schema(description = "what was kept of the processing fee: no more than what the admin fee left of"
                                               + " refundBase; the ledger's processingFeeKept") String processingFeeKept,
                                       String refundAmount, String creditIssued,
                                       @Schema(example = "208662") long refundAmountCents, @Schema(example = "0") long creditIssuedCents) {

        /** The decision with amounts both in cents and as plain "0.00". */
        static CancellationResponse of(String seriesId, String registrationId, RefundDecision d) {
            return new CancellationResponse(seriesId, registrationId, "CANCELLED", d.policyVersion(), d.rule(), d.requestedAt(), d.cutoff(),
                    d.onTime(), d.choice(), d.cashPaid().toPlainString(), d.creditPaid().toPlainString(), d.refundBase().toPlainString(),
                    d.adminFee().toPlainString(), d.processingFee().toPlainString(), d.adminFeeKept().toPlainString(),
                    d.processingFeeKept().toPlainString(), d.refundAmount().toPlainString(),
                    d.creditIssued().toPlainString(), d.refundAmount().cents(), d.creditIssued().cents());
        }
    }

    /** A payout outcome finance recorded. */
    @Schema(description = "The payout outcome that was recorded.",
            example = "{\"seriesId\":\"series-21\",\"registrationId\":\"aa96f034-b0e1-34af-8a84-4570261d948e\",\"outcome\":\"SETTLED\"}")
    public record PayoutResponse(String seriesId, String registrationId, PayoutOutcome outcome) {
    }

    /**
     * Registers a clinician in a series: 201 {@link RegistrationResponse} with {@code Location} (the
     * registration's read URL), or 200 with the first outcome for a repeat with the same key.
     * Problems: 404 series-not-found; 409 sold-out, already-registered, registration-closed, class-day-already-held, date-already-held;
     * 422 payment-mismatch, invalid-payment, idempotency-key-reused, invalid-idempotency-key.
     */
    @PostMapping("/api/series/{seriesId}/registrations")
    @Operation(summary = "Register a clinician in a series, with the payment the processor reported")
    @ApiResponse(responseCode = "201", description = "Registered; Location is where the registration can be read")
    @ApiResponse(responseCode = "200", description = "A repeat (same Idempotency-Key or registration id): the first outcome, no second seat")
    @ApiProblem(status = 404, types = "series-not-found")
    @ApiProblem(status = 409, types = {"sold-out", "already-registered", "registration-closed", "class-day-already-held", "date-already-held"})
    @ApiProblem(status = 422, types = {"invalid-license-state", "payment-mismatch", "invalid-payment", "idempotency-key-reused"})
    public ResponseEntity<RegistrationResponse> register(@PathVariable String seriesId, @Valid @RequestBody RegisterRequest r,
                                                         @RequestHeader(name = CorrelationFilter.IDEMPOTENCY_HEADER, required = false) String key) {
        Clinician clinician = r.clinician().toClinician();
        String fingerprint = fingerprint(seriesId, r.clinician(), r.ceOption(), r.payment());
        String registrationId = registrationId(r.registrationId(), key);
        String clinicianId = ids.idOf(r.clinician().email());
        CommandSender.Claim claim = claim(key, r.registrationId(), fingerprint, seriesId, registrationId, "register");
        try {
            soldOut.refuseIfStillSoldOut(seriesId, registrationId, clinicianId, clock.instant());
        } catch (com.polaris.kat.enrollment.rules.Refusal stillSoldOut) {
            if (claim == null || !idempotencyKeys.claimed(claim.key())) {
                throw stillSoldOut;
            }
            // a used key goes the full way and is answered as any other use of it (the first outcome, or 422
            // idempotency-key-reused), not 409 sold-out only while the shortcut holds (a fresh reviewer's finding)
        }
        RegistrationResult result = sender.sendClaimed(new RegisterForSeries(seriesId, registrationId,
                clinicianId, clinician, r.ceOption(),
                r.payment().toPayment(), Money.ZERO, fingerprint), claim);
        return outcome(result);
    }

    /**
     * Applies a clinician's credit to a registration in a future series (the rest paid as {@code payment}):
     * 201 {@link RegistrationResponse} with {@code Location}, or 200 for a repeat. Problems: 404 series-not-found;
     * 409 no-credit, insufficient-credit, sold-out, already-registered, registration-closed;
     * 422 payment-mismatch, invalid-payment, idempotency-key-reused, invalid-idempotency-key.
     */
    @PostMapping("/api/credit/transfers")
    @Operation(summary = "Transfer a clinician's credit to a registration in a future series")
    @ApiResponse(responseCode = "201", description = "Registered with the credit; Location is where the registration can be read")
    @ApiResponse(responseCode = "200", description = "A repeat (same Idempotency-Key or registration id): the first outcome")
    @ApiProblem(status = 404, types = "series-not-found")
    @ApiProblem(status = 409, types = {"no-credit", "nothing-to-pay", "insufficient-credit", "sold-out", "already-registered", "registration-closed", "class-day-already-held", "date-already-held"})
    @ApiProblem(status = 422, types = {"invalid-license-state", "payment-mismatch", "invalid-payment", "idempotency-key-reused"})
    public ResponseEntity<RegistrationResponse> transfer(@Valid @RequestBody TransferRequest r,
                                                         @RequestHeader(name = CorrelationFilter.IDEMPOTENCY_HEADER, required = false) String key) {
        Clinician clinician = r.clinician().toClinician();
        PaymentRequest payment = r.payment() == null ? new PaymentRequest(0L, null, 0L) : r.payment();
        String fingerprint = fingerprint(r.seriesId(), r.clinician(), r.ceOption(), payment);
        String registrationId = registrationId(r.registrationId(), key);
        String clinicianId = ids.idOf(r.clinician().email());
        RegistrationResult result = sender.sendClaimed(new TransferCreditToSeries(r.seriesId(), registrationId,
                clinicianId, clinician, r.ceOption(), payment.toPayment(), fingerprint),
                claim(key, r.registrationId(), fingerprint, r.seriesId(), registrationId, "transfer"));
        return outcome(result);
    }

    /** 201 with Location for a new registration, 200 for a repeat. */
    private ResponseEntity<RegistrationResponse> outcome(RegistrationResult result) {
        RegistrationResponse body = RegistrationResponse.of(result);
        return result.replayed() ? ResponseEntity.ok(body)
                : ResponseEntity.created(locations.registration(result.registrationId())).body(body);
    }

    /**
     * Cancels a registration and decides its refund or credit (policy v1). With an Idempotency-Key, a
     * repeat of the same request answers the first decision (200) instead of already-cancelled; the key
     * is kept only when the cancellation succeeded and is scoped to this endpoint. Problems: 404
     * registration-not-found; 409 already-cancelled, series-ended; 422 late-choice-required,
     * idempotency-key-reused; 400 invalid-idempotency-key.
     */
    @PostMapping("/api/series/{seriesId}/registrations/{registrationId}/cancel")
    @Operation(summary = "Cancel a registration; the answer is the refund or credit decision")
    @ApiResponse(responseCode = "200", description = "Cancelled, or a repeat under the same Idempotency-Key: the first decision, nothing changed")
    @ApiProblem(status = 404, types = "registration-not-found")
    @ApiProblem(status = 409, types = {"already-cancelled", "series-ended"})
    @ApiProblem(status = 422, types = {"late-choice-required", "choice-not-offered", "idempotency-key-reused"})
    public CancellationResponse cancel(@PathVariable String seriesId, @PathVariable String registrationId,
                                       @Valid @RequestBody CancelRequest r,
                                       @RequestHeader(name = CorrelationFilter.IDEMPOTENCY_HEADER, required = false) String key) {
        // the id arrives lower-cased (web.HexIdentifiers), as the registration's stream names it
        CommandSender.Claim claim = key == null ? null
                : new CommandSender.Claim("key:" + key, fingerprint(seriesId, registrationId, r.choice(), r.reason()), seriesId, registrationId, "cancel");
        // the reason is the clinician's own text: sealed in the event (Registration), never in the events' metadata in plain text
        RefundDecision d = sender.sendClaimedWithReason(new CancelRegistration(seriesId, registrationId, r.choice(), r.reason()),
                null, claim);
        return CancellationResponse.of(seriesId, registrationId, d);
    }

    /**
     * Records what the payment processor did with a refund's payout (finance). Problems: 404 registration-not-found;
     * 409 no-refund-due, refund-already-settled, nothing-to-reverse, payout-changed ({@code payoutsSeen} behind); 422
     * invalid-payout (also {@code payoutsSeen} above every outcome ever recorded).
     */
    @PostMapping("/api/series/{seriesId}/registrations/{registrationId}/refund-payouts")
    @Operation(summary = "Record a refund payout's outcome: settled, failed or reversed")
    @ApiProblem(status = 404, types = "registration-not-found")
    @ApiProblem(status = 409, types = {"no-refund-due", "refund-already-settled", "nothing-to-reverse", "payout-changed"})
    @ApiProblem(status = 422, types = "invalid-payout")
    public PayoutResponse payout(@PathVariable String seriesId, @PathVariable String registrationId,
                                 @Valid @RequestBody PayoutRequest r) {
        sender.sendOnce(new RecordRefundPayout(seriesId, registrationId, r.outcome(), r.processorRefundReference(), r.failureReason(),
                r.payoutsSeen()), null);
        return new PayoutResponse(seriesId, registrationId, r.outcome());
    }

    /** The client's registration id; else one derived from its Idempotency-Key; else a new one. */
    public static String registrationId(String given, String key) {
        if (given != null) {
            return com.polaris.kat.web.HexIdentifiers.canonical(given); // a UUID (@Uuid), kept lower-cased as every id in a path is
        }
        if (key != null && !key.isBlank()) {
            return UUID.nameUUIDFromBytes(("registration:" + key).getBytes(StandardCharsets.UTF_8)).toString();
        }
        return UUID.randomUUID().toString();
    }

    /**
     * The idempotency claim the command's transaction takes (null when the request names neither key
     * nor id), scoped to {@code endpoint}. The key's form (1–190 printable ASCII characters) was
     * checked before the endpoint ran ({@link com.polaris.kat.security.strict.RequestShape}: 400 invalid-idempotency-key).
     */
    private static CommandSender.Claim claim(String key, String givenId, String fingerprint, String seriesId, String registrationId,
                                             String endpoint) {
        String k = key != null && !key.isBlank() ? "key:" + key : givenId != null ? "registration:" + registrationId : null;
        return k == null ? null : new CommandSender.Claim(k, fingerprint, seriesId, registrationId, endpoint);
    }

    private String fingerprint(String seriesId, Object... content) {
        return fingerprints.of(seriesId, content);
    }
}
