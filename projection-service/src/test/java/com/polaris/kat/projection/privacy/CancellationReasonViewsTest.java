package com.polaris.kat.projection.privacy;

import com.polaris.kat.eventstore.personal.PersonalDataVault;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.enrollment.RefundDecision;
import com.polaris.kat.events.enrollment.SealedClinician;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import com.polaris.kat.projection.support.TestEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cancellation's reason is the clinician's own text, sealed under their contact key (RegistrationCancelled revision 2): the
 * audit trail shows it to compliance while the key exists and "[erased]" once an erasure shredded it; the refund ledger,
 * finance's, never shows it (a fresh reviewer found a clinician's health in the ledger's note, also after an erasure).
 */
class CancellationReasonViewsTest extends ProjectionServiceTestBase {

    @Autowired
    PersonalDataVault vault;

    @Test
    @SuppressWarnings("unchecked")
    void theAuditTrailOpensTheReasonUntilTheErasureAndTheLedgerNeverShowsIt() {
        String clinician = "c-reason-991", registration = "r-reason-991";
        Money paid = Money.dollars(2100);
        append("series-991", new com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled("series-991", 991, 5, paid, Money.dollars(75),
                List.of(TestEvents.day("M1", "2031-10-10")), "v1"), "registrar");
        SealedClinician sealed = TestEvents.seal(clinician, registration, new Clinician("Wren Reason", "wren.991@example.org", "Psychologist",
                "PSY-991", "CA"));
        append(registration, new RegistrationPlaced("series-991", registration, clinician, sealed, false, paid, Money.dollars(75), paid,
                new Payment(paid, "ch_991", Money.ofCents(6_120)), Money.ZERO, "v1", Instant.parse("2031-08-15T17:00:00Z"), 1, 5, "fp-991", null),
                "frontend");
        String reason = "Wren starts chemotherapy in December";
        RefundDecision decision = new RefundDecision("v1", "ON_TIME_REFUND", Instant.parse("2031-09-01T18:00:00Z"),
                Instant.parse("2031-10-10T16:00:00Z"), Instant.parse("2031-09-26T16:00:00Z"), true, null, paid, Money.ZERO, paid,
                Money.dollars(25), Money.ofCents(6_120), Money.ofCents(201_380), Money.ZERO);
        append(registration, new RegistrationCancelled("series-991", registration, clinician, decision, null, 0,
                vault.sealText(clinician, sealed.contactKeyId(), reason)), "frontend");
        long head = head();

        List<Map<String, Object>> trail = (List<Map<String, Object>>) get("/api/audit/registrations/" + registration + "?minPosition=" + head)
                .get("items");
        assertThat((Map<String, Object>) trail.get(1).get("content")).containsEntry("sealedReason", reason).containsEntry("reason", null);
        List<Map<String, Object>> ledger = (List<Map<String, Object>>) get("/api/ledger/entries?registrationId=" + registration
                + "&minPosition=" + head).get("items");
        assertThat(ledger).extracting(e -> e.get("type")).contains("REFUND_DECIDED");
        assertThat(ledger).allSatisfy(e -> assertThat(e.get("note")).isNull());
        assertThat(http.get().uri("/api/ledger/entries.csv?minPosition=" + head).retrieve().body(String.class)).doesNotContain("chemotherapy");
        assertThat(com.polaris.kat.testsupport.DatabaseText.tablesContaining(jdbc, "chemotherapy")).isEmpty();

        // the erasure shreds the contact key: the reason goes with the e-mail address
        vault.shred(clinician, PersonalDataVault.Purpose.CONTACT, Instant.now(), Instant.now());
        trail = (List<Map<String, Object>>) get("/api/audit/clinicians/" + clinician).get("items");
        assertThat((Map<String, Object>) trail.get(1).get("content")).containsEntry("sealedReason", Clinician.ERASED);

        // a reason given after the erasure was not kept (sealed null): it reads as erased, not as none given
        String later = "r-reason-991b";
        append(later, new RegistrationPlaced("series-991", later, clinician, sealed, false, paid, Money.dollars(75), paid,
                new Payment(paid, "ch_991b", Money.ofCents(6_120)), Money.ZERO, "v1", Instant.parse("2031-08-16T17:00:00Z"), 2, 5, "fp-991b", null),
                "frontend");
        append(later, new RegistrationCancelled("series-991", later, clinician, decision, null, 1,
                new com.polaris.kat.events.enrollment.SealedText(sealed.contactKeyId(), null)), "frontend");
        List<Map<String, Object>> laterTrail = (List<Map<String, Object>>) get("/api/audit/registrations/" + later + "?minPosition=" + head())
                .get("items");
        assertThat((Map<String, Object>) laterTrail.get(1).get("content")).containsEntry("sealedReason", Clinician.ERASED);
    }
}
