package com.polaris.kat.eventstore.evolution;

import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code RegistrationPlaced} revision 1 (clinician in plain text, the pinned sample as stored before
 * issue 13) is read as the current revision through {@link RegistrationPlacedSealed} and {@link RegistrationPlacedFirstClassDay}:
 * no keys, no ciphertext, the old plain text carried as {@code clinician.unsealed}, no first class day at sale, and
 * everything else unchanged; revision 2 likewise without its first class day at sale.
 */
class RegistrationPlacedSealedTest {

    @Test
    void aRevisionOneRegistrationIsReadWithItsPlainTextClinicianAsUnsealed() throws Exception {
        RegistrationPlaced placed = readSample("1");
        assertThat(placed.clinician().unsealed())
                .isEqualTo(new Clinician("fullName-1", "email-1", "profession-1", "licenseNumber-1", "licenseState-1"));
        assertThat(placed.clinician().contactKeyId()).isNull();
        assertThat(placed.clinician().contact()).isNull();
        assertThat(placed.clinician().identityKeyId()).isNull();
        assertThat(placed.clinician().identity()).isNull();
        assertThat(placed.clinicianId()).isEqualTo("clinicianId-1");
        assertThat(placed.priceDue().cents()).isEqualTo(12_345);
        assertThat(placed.requestFingerprint()).isEqualTo("requestFingerprint-1");
        assertThat(placed.firstClassDayAtSale()).as("not recorded before revision 3").isNull();
    }

    /**
     * Revision 2 (sealed, no first class day at sale) is read as revision 3 through {@link RegistrationPlacedFirstClassDay}:
     * the first class day at sale not recorded (its cancellation's cutoff counts from the series as it stands), the rest
     * unchanged.
     */
    @Test
    void aRevisionTwoRegistrationIsReadWithItsFirstClassDayAtSaleNotRecorded() throws Exception {
        RegistrationPlaced placed = readSample("2");
        assertThat(placed.firstClassDayAtSale()).isNull();
        assertThat(placed.clinician().contactKeyId()).isEqualTo("contactKeyId-1");
        assertThat(placed.registeredAt()).isEqualTo(java.time.Instant.parse("2023-10-10T16:04:00Z"));
        assertThat(placed.requestFingerprint()).isEqualTo("requestFingerprint-1");
    }

    /** The pinned sample of that revision, as stored, read through the upcaster chain as the current revision. */
    private static RegistrationPlaced readSample(String revision) throws Exception {
        return PinnedSamples.read(RegistrationPlaced.class, revision);
    }
}
