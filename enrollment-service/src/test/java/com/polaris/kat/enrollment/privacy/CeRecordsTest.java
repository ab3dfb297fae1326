package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import com.polaris.kat.eventstore.personal.PersonalDataVault;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.ClinicianIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clinician's CE record is only their own registrations' streams: an id noted for them that names another
 * clinician's registration (their waitlist place id, chosen by a front end as another person's registration id)
 * does not count. A fresh reviewer (2026-12-01) saw an erasure answer a retention date computed from another
 * person's registration.
 */
class CeRecordsTest extends EnrollmentServiceTestBase {

    @Autowired
    CeRecords records;
    @Autowired
    PersonalDataVault vault;
    @Autowired
    ClinicianIds ids;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void anotherCliniciansRegistrationUnderAnIdNotedForThisClinicianIsNotTheirRecord() {
        clock.set("2032-01-05T00:00:00Z");
        defineProgramModules();
        assertThat(post("/api/catalog/series", Map.of("seriesNumber", 7405, "capacity", 5, "priceCents", 210000, "ceOptionPriceCents", 7500,
                "classDays", List.of(Map.of("module", "M5", "date", "2032-03-14")))).getStatusCode().value()).isEqualTo(201);
        String tia = ids.fromEmail("tia.placeholder@example.org");
        String sharedId = UUID.randomUUID().toString();
        // Tia's data was sealed for a waitlist place with this id (what joining a waitlist notes)
        new TransactionTemplate(transactions).executeWithoutResult(s -> vault.seal(tia, sharedId,
                new Clinician("Tia Placeholder", "tia.placeholder@example.org", "Psychologist", "PSY-1", "CA"), Instant.parse("2032-01-05T00:00:00Z")));
        assertThat(records.lastCeEventAt(tia)).isEmpty();

        // Xena registers under that id as her client-chosen registration id
        var xena = post("/api/series/series-7405/registrations", Map.of("registrationId", sharedId,
                "clinician", Map.of("fullName", "Xena Chosenid", "email", "xena.chosenid@example.org", "profession", "Psychiatrist",
                        "licenseNumber", "MD-7405", "licenseState", "OR"), "ceOption", true,
                "payment", Map.of("amountPaidCents", 217500, "chargeReference", "ch_7405", "processingFeeCents", 6338)));
        assertThat(xena.getStatusCode().value()).isEqualTo(201);
        String xenaId = (String) xena.getBody().get("clinicianId");
        Instant placedAt = Instant.parse(jdbc.queryForObject(
                "SELECT time_stamp FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0", String.class, sharedId));

        assertThat(vault.registrationsOf(tia)).contains(sharedId);
        assertThat(records.lastCeEventAt(tia)).as("Xena's registration is not Tia's CE record").isEmpty();
        assertThat(records.lastCeEventAt(xenaId)).contains(placedAt);
    }

    private static org.axonframework.eventhandling.DomainEventMessage<?> event(long sequence, Object payload, String at) {
        return new org.axonframework.eventhandling.GenericDomainEventMessage<>("Registration", "r-ce", sequence, payload,
                org.axonframework.messaging.MetaData.emptyInstance(), UUID.randomUUID().toString(), Instant.parse(at));
    }

    /**
     * What of a registration's stream is its CE record: with the CE option only; attendance, evaluations and decisions
     * always, the registration itself and its make-ups while it is not cancelled (a make-up freed by the cancellation had
     * kept the identity six years: a fresh reviewer, 2026-12-06).
     */
    @Test
    void aCancelledRegistrationWhoseOnlyCeEventsWereMakeUpsHoldsNoCeRecord() {
        var placed = new com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced("series-20", "r-ce", "clin-ce", null, true,
                com.polaris.kat.events.money.Money.dollars(2100), com.polaris.kat.events.money.Money.dollars(75),
                com.polaris.kat.events.money.Money.dollars(2175), com.polaris.kat.events.enrollment.Payment.NONE,
                com.polaris.kat.events.money.Money.ZERO, "v1", Instant.parse("2023-08-01T00:00:00Z"), 1, 30, "fp", null);
        var booked = new com.polaris.kat.events.attendance.AttendanceEvents.MakeUpBooked("series-20", "r-ce", "clin-ce", "M1", "M1-2023-10-17",
                java.time.LocalDate.parse("2023-10-17"), Instant.parse("2023-10-17T16:00:00Z"), Instant.parse("2023-10-18T00:00:00Z"));
        var cancelled = new com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled("series-20", "r-ce", "clin-ce", null, "x", 0);
        org.axonframework.eventhandling.DomainEventMessage<?> p = event(0, placed, "2023-08-01T00:00:00Z");
        org.axonframework.eventhandling.DomainEventMessage<?> b = event(1, booked, "2023-08-02T00:00:00Z");
        org.axonframework.eventhandling.DomainEventMessage<?> c = event(2, cancelled, "2023-08-03T00:00:00Z");

        assertThat(CeRecords.lastCeEventOf("clin-ce", org.axonframework.eventsourcing.eventstore.DomainEventStream.of(p, b)))
                .as("active: its make-up counts").isEqualTo(Instant.parse("2023-08-02T00:00:00Z"));
        assertThat(CeRecords.lastCeEventOf("clin-ce", org.axonframework.eventsourcing.eventstore.DomainEventStream.of(p, b, c)))
                .as("cancelled with only a make-up booked").isNull();
        assertThat(CeRecords.lastCeEventOf("other", org.axonframework.eventsourcing.eventstore.DomainEventStream.of(p, b)))
                .as("another clinician's registration").isNull();
    }
}
