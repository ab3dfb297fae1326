package com.polaris.kat.enrollment.registration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.polaris.kat.enrollment.web.CommandSender;
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
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The registration front end: register, cancel, transfer credit. Finance: record payouts. */
@RestController
public class RegistrationController {

    private final CommandSender sender;
    private final ObjectMapper json;

    private final com.polaris.kat.enrollment.series.SoldOutSeries soldOut;
    private final java.time.Clock clock;
    private final com.polaris.kat.enrollment.privacy.ClinicianIdResolver ids;

    public RegistrationController(CommandSender sender, ObjectMapper json, com.polaris.kat.enrollment.series.SoldOutSeries soldOut,
                                  java.time.Clock clock, com.polaris.kat.enrollment.privacy.ClinicianIdResolver ids) {
        this.ids = ids;
        this.soldOut = soldOut;
        this.clock = clock;
        this.sender = sender;
        this.json = json;
    }

    public record ClinicianRequest(@Schema(example = "Dana Rivera") @NotBlank @Size(max = 200) String fullName,
                                   @Schema(example = "dana.rivera@example.org") @NotBlank @Email @Size(max = 254) String email,
                                   @Schema(example = "Licensed Clinical Social Worker") @NotBlank @Size(max = 100) String profession,
                                   @Schema(example = "LCSW-88123") @NotBlank @Size(max = 50) String licenseNumber,
                                   @Schema(example = "CA") @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter state code") String licenseState) {
        Clinician toClinician() {
            return new Clinician(fullName.strip(), email.strip(), profession.strip(), licenseNumber.strip(), licenseState);
        }
    }

    public record PaymentRequest(@Schema(example = "217500", description = "what the processor charged, in cents") @NotNull @PositiveOrZero @jakarta.validation.constraints.Max(Money.MAX_REQUEST_CENTS) Long amountPaidCents,
                                 @Schema(example = "ch_3PqRivera") @Size(max = 100) String chargeReference,
                                 @Schema(example = "6338", description = "the fee the processor actually took, in cents") @NotNull @PositiveOrZero @jakarta.validation.constraints.Max(Money.MAX_REQUEST_CENTS) Long processingFeeCents) {
        Payment toPayment() {
            return new Payment(Money.ofCents(amountPaidCents), chargeReference, Money.ofCents(processingFeeCents));
        }
    }

    public record RegisterRequest(@Schema(description = "optional client-chosen id (UUID); else derived from Idempotency-Key")
                                  @Pattern(regexp = "[0-9a-fA-F-]{36}", message = "must be a UUID") String registrationId,
                                  @NotNull @Valid ClinicianRequest clinician, @Schema(example = "true") @NotNull Boolean ceOption,
                                  @NotNull @Valid PaymentRequest payment) {
    }

    public record TransferRequest(@NotBlank @Size(max = 40) String seriesId,
                                  @Pattern(regexp = "[0-9a-fA-F-]{36}", message = "must be a UUID") String registrationId,
                                  @NotNull @Valid ClinicianRequest clinician, @NotNull Boolean ceOption,
                                  @Valid PaymentRequest payment) {
    }

    public record CancelRequest(@Schema(example = "CREDIT", description = "required after the cutoff: CREDIT or REFUND") LateCancellationChoice choice,
                                @Schema(example = "cannot attend December") @Size(max = 500) String reason) {
    }

    public record PayoutRequest(@NotNull PayoutOutcome outcome, @Size(max = 100) String processorRefundReference,
                                @Size(max = 500) String failureReason) {
    }

    @PostMapping("/api/series/{seriesId}/registrations")
    public ResponseEntity<RegistrationResult> register(@PathVariable String seriesId, @Valid @RequestBody RegisterRequest r,
                                                       @RequestHeader(name = CorrelationFilter.IDEMPOTENCY_HEADER, required = false) String key) {
        String fingerprint = fingerprint(seriesId, r.clinician(), r.ceOption(), r.payment());
        String registrationId = registrationId(r.registrationId(), key);
        String clinicianId = ids.idOf(r.clinician().email());
        soldOut.refuseIfStillSoldOut(seriesId, registrationId, clinicianId, clock.instant());
        RegistrationResult result = sender.sendClaimed(new RegisterForSeries(seriesId, registrationId,
                clinicianId, r.clinician().toClinician(), r.ceOption(),
                r.payment().toPayment(), Money.ZERO, fingerprint), claim(key, r.registrationId(), fingerprint, seriesId, registrationId, "register"),
                registrationId);
        return ResponseEntity.status(result.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
    }

    @PostMapping("/api/credit/transfers")
    public ResponseEntity<RegistrationResult> transfer(@Valid @RequestBody TransferRequest r,
                                                       @RequestHeader(name = CorrelationFilter.IDEMPOTENCY_HEADER, required = false) String key) {
        PaymentRequest payment = r.payment() == null ? new PaymentRequest(0L, null, 0L) : r.payment();
        String fingerprint = fingerprint(r.seriesId(), r.clinician(), r.ceOption(), payment);
        String registrationId = registrationId(r.registrationId(), key);
        String clinicianId = ids.idOf(r.clinician().email());
        RegistrationResult result = sender.sendClaimed(new TransferCreditToSeries(r.seriesId(), registrationId,
                clinicianId, r.clinician().toClinician(), r.ceOption(), payment.toPayment(), fingerprint),
                claim(key, r.registrationId(), fingerprint, r.seriesId(), registrationId, "transfer"), r.seriesId(), clinicianId, registrationId);
        return ResponseEntity.status(result.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
    }

    @PostMapping("/api/series/{seriesId}/registrations/{registrationId}/cancel")
    public Map<String, Object> cancel(@PathVariable String seriesId, @PathVariable String registrationId,
                                      @Valid @RequestBody CancelRequest r) {
        RefundDecision d = sender.sendWritingTo(new CancelRegistration(seriesId, registrationId, r.choice(), r.reason()), r.reason(), seriesId);
        return decisionView(seriesId, registrationId, d);
    }

    @PostMapping("/api/series/{seriesId}/registrations/{registrationId}/refund-payouts")
    public Map<String, String> payout(@PathVariable String seriesId, @PathVariable String registrationId,
                                      @Valid @RequestBody PayoutRequest r) {
        sender.send(new RecordRefundPayout(seriesId, registrationId, r.outcome(), r.processorRefundReference(), r.failureReason()));
        return Map.of("seriesId", seriesId, "registrationId", registrationId, "outcome", r.outcome().name());
    }

    /** The decision with amounts both in cents and as plain "0.00". */
    static Map<String, Object> decisionView(String seriesId, String registrationId, RefundDecision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seriesId", seriesId);
        m.put("registrationId", registrationId);
        m.put("status", "CANCELLED");
        m.put("policyVersion", d.policyVersion());
        m.put("rule", d.rule());
        m.put("requestedAt", d.requestedAt());
        m.put("cutoff", d.cutoff());
        m.put("onTime", d.onTime());
        m.put("choice", d.choice());
        m.put("cashPaid", d.cashPaid().toPlainString());
        m.put("creditPaid", d.creditPaid().toPlainString());
        m.put("refundBase", d.refundBase().toPlainString());
        m.put("adminFee", d.adminFee().toPlainString());
        m.put("processingFee", d.processingFee().toPlainString());
        m.put("refundAmount", d.refundAmount().toPlainString());
        m.put("creditIssued", d.creditIssued().toPlainString());
        m.put("refundAmountCents", d.refundAmount().cents());
        m.put("creditIssuedCents", d.creditIssued().cents());
        return m;
    }

    /** The client's registration id; else one derived from its Idempotency-Key; else a new one. */
    public static String registrationId(String given, String key) {
        if (given != null) {
            return given.toLowerCase();
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
        return com.polaris.kat.enrollment.web.RequestFingerprint.of(json, seriesId, content);
    }
}
