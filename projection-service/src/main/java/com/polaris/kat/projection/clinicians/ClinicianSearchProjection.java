package com.polaris.kat.projection.clinicians;

import com.polaris.kat.eventstore.position.EventPosition;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.projection.streaming.OpenedClinicians;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.privacy.PrivacyEvents.ClinicianCeIdentityShredded;
import com.polaris.kat.events.privacy.PrivacyEvents.ClinicianContactDetailsShredded;
import com.polaris.kat.projection.streaming.ProjectionWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * Compliance's clinician search (issue 16): who registered, by name, e-mail and license number, one
 * row per registration. Part of the registrations processing group (it reads the same events and is
 * rebuilt with it), but it owns its table. Personal data follows erasure as in the registrations view:
 * the e-mail is blanked when the contact details are shredded, name and license when retention ends.
 * Does not extend {@code Projection}: RegistrationProjection reports unreadable events for this
 * processing group (one report per group).
 */
@Component
@ProcessingGroup("registrations")
public class ClinicianSearchProjection {

    private final ProjectionWriter writer;
    private final OpenedClinicians vault;

    /** The writer batches statements into the processor's transaction; the vault opens sealed personal data (once per batch). */
    public ClinicianSearchProjection(ProjectionWriter writer, OpenedClinicians vault) {
        this.writer = writer;
        this.vault = vault;
    }

    /**
     * The clinician's address as their id compares it ({@code EmailAddresses.key}), for the search by address; null once
     * erased. The waitlist's places keep it too.
     */
    public static String emailKey(Clinician c) {
        return c.email() == null || Clinician.ERASED.equals(c.email()) ? null : com.polaris.kat.events.enrollment.EmailAddresses.key(c.email());
    }

    @EventHandler
    void on(RegistrationPlaced e, TrackingToken t) {
        Clinician c = vault.open(e.clinicianId(), e.clinician());
        writer.update("""
                INSERT INTO projection.clinician_search (registration_id, position, clinician_id, series_id, full_name, email, email_key,
                    license_number, license_state, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (registration_id) DO NOTHING""",
                e.registrationId(), EventPosition.of(t), e.clinicianId(), e.seriesId(), c.fullName(), c.email(), emailKey(c), c.licenseNumber(),
                c.licenseState(), Timestamp.from(e.registeredAt()));
    }

    @EventHandler
    void on(ClinicianContactDetailsShredded e) {
        writer.update("UPDATE projection.clinician_search SET email = ?, email_key = NULL WHERE clinician_id = ?", Clinician.ERASED, e.clinicianId());
    }

    @EventHandler
    void on(ClinicianCeIdentityShredded e) {
        writer.update("UPDATE projection.clinician_search SET full_name = ?, license_number = ?, license_state = ? WHERE clinician_id = ?",
                Clinician.ERASED, Clinician.ERASED, Clinician.ERASED, e.clinicianId());
    }

    @ResetHandler
    void reset() {
        writer.update("DELETE FROM projection.clinician_search"); // not TRUNCATE: readers keep the old rows until the reset commits
    }
}
