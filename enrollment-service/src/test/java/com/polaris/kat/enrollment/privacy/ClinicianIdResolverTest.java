package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import com.polaris.kat.eventstore.personal.PersonalDataVault;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.ClinicianIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A rotation of the pseudonym key changes no one's id: a known clinician keeps the id of the previous key. */
class ClinicianIdResolverTest extends EnrollmentServiceTestBase {

    static final byte[] OLD = "old-pseudonym-key-rotated-away-1".getBytes(StandardCharsets.UTF_8);
    static final byte[] NEW = "new-pseudonym-key-after-rotation".getBytes(StandardCharsets.UTF_8);

    @Autowired
    PersonalDataVault vault;

    @Test
    void aClinicianKnownUnderThePreviousKeyKeepsTheirIdAndANewOneGetsTheCurrentKeysId() {
        String known = "oliver.rotation@example.org";
        String oldId = new ClinicianIds(OLD).fromEmail(known);
        vault.seal(oldId, "reg-rotation-1", new Clinician("Oliver Rotation", known, "Psychologist", "PSY-1", "CA"),
                Instant.parse("2023-08-01T00:00:00Z"));

        ClinicianIdResolver afterRotation = new ClinicianIdResolver(new ClinicianIds(NEW, List.of(OLD)), vault);
        assertThat(afterRotation.idOf(known)).isEqualTo(oldId);
        assertThat(afterRotation.idOf(" Oliver.Rotation@example.org")).isEqualTo(oldId);
        String stranger = "new.person.after.rotation@example.org";
        assertThat(afterRotation.idOf(stranger)).isEqualTo(new ClinicianIds(NEW).fromEmail(stranger))
                .isNotEqualTo(new ClinicianIds(OLD).fromEmail(stranger));
        assertThat(new ClinicianIdResolver(new ClinicianIds(NEW), vault).idOf(known)).as("without the previous key: a new id")
                .isNotEqualTo(oldId);
    }
}
