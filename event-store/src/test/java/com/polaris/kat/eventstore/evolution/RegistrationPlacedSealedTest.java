package com.polaris.kat.eventstore.evolution;

import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.eventstore.MessagingAutoConfiguration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code RegistrationPlaced} revision 1 (clinician in plain text, the pinned sample as stored before
 * issue 13) is read as revision 2 through {@link RegistrationPlacedSealed}: no keys, no ciphertext,
 * the old plain text carried as {@code clinician.unsealed} and everything else unchanged.
 */
class RegistrationPlacedSealedTest {

    @Test
    void aRevisionOneRegistrationIsReadWithItsPlainTextClinicianAsUnsealed() throws Exception {
        byte[] stored = Files.readAllBytes(Path.of("src/test/resources/event-samples/"
                + "com.polaris.kat.events.enrollment.EnrollmentEvents$RegistrationPlaced@1.json"));
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Registration", "registrationId-1", 0, "e-1",
                "2023-10-10T16:04:00Z", RegistrationPlaced.class.getName(), "1", stored, "{}".getBytes(StandardCharsets.UTF_8));
        RegistrationPlaced placed = (RegistrationPlaced) EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry),
                MessagingAutoConfiguration.eventJsonSerializer(), EventUpcasters.chain()).next().getPayload();
        assertThat(placed.clinician().unsealed())
                .isEqualTo(new Clinician("fullName-1", "email-1", "profession-1", "licenseNumber-1", "licenseState-1"));
        assertThat(placed.clinician().contactKeyId()).isNull();
        assertThat(placed.clinician().contact()).isNull();
        assertThat(placed.clinician().identityKeyId()).isNull();
        assertThat(placed.clinician().identity()).isNull();
        assertThat(placed.clinicianId()).isEqualTo("clinicianId-1");
        assertThat(placed.priceDue().cents()).isEqualTo(12_345);
        assertThat(placed.requestFingerprint()).isEqualTo("requestFingerprint-1");
    }
}
