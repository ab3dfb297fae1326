package com.polaris.kat.projection.waitlist;

import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.privacy.PrivacyEvents.ClinicianCeIdentityShredded;
import com.polaris.kat.events.privacy.PrivacyEvents.ClinicianContactDetailsShredded;
import com.polaris.kat.events.waitlist.WaitlistEvents.SeriesOfferWindowChanged;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistClosed;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistJoined;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistLeft;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferAccepted;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferDeclined;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferLapsed;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferMade;
import com.polaris.kat.eventstore.personal.PersonalDataVault;
import com.polaris.kat.projection.streaming.OpenedClinicians;
import com.polaris.kat.projection.streaming.ProjectionWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Waitlist places (in the order they joined) and offers with their outcomes (shared/product-rules
 * "Waitlist"), tables {@code projection.waitlist_place} and {@code projection.waitlist_offer}, and each
 * series' offer window as last set ({@code projection.waitlist_offer_window}). Part of
 * the "registrations" processing group, like the seats it is read with (held seats count against
 * capacity in seat availability at one position). Every statement sets values, so an event delivered
 * twice leaves the rows as they were. Personal data: the person's name and e-mail (for the registrar),
 * opened from the event's sealed clinician with the {@link PersonalDataVault} as the registrations
 * projection does, "[erased]" once shredded ({@link Clinician#ERASED}). It does not
 * extend {@code Projection}: an event of an unknown type is reported once per processing group, by
 * {@code RegistrationProjection} (as {@code CertificateProjection} leaves it to the transcripts).
 */
@Component
@ProcessingGroup("registrations")
public class WaitlistProjection {

    private final ProjectionWriter writer;
    private final OpenedClinicians vault;

    /** The writer batches statements into the processor's transaction; the vault opens sealed personal data (once per batch). */
    public WaitlistProjection(ProjectionWriter writer, OpenedClinicians vault) {
        this.writer = writer;
        this.vault = vault;
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    /**
     * The place's position in line is its join event's sequence number on the series' stream; the person's
     * name, e-mail and license (number and state, for compliance's search) are the sealed clinician's, or "[erased]"
     * where their key is gone.
     */
    @EventHandler
    void on(WaitlistJoined e, @SequenceNumber Long sequence) {
        Clinician c = vault.open(e.clinicianId(), e.clinician());
        writer.update("""
                INSERT INTO projection.waitlist_place (place_id, series_id, clinician_id, full_name, email, email_key, license_number,
                    license_state, line_sequence, joined_at, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'WAITING') ON CONFLICT (place_id) DO NOTHING""",
                e.placeId(), e.seriesId(), e.clinicianId(), c.fullName(), c.email(),
                com.polaris.kat.projection.clinicians.ClinicianSearchProjection.emailKey(c), c.licenseNumber(), c.licenseState(), sequence,
                ts(e.joinedAt()));
    }

    /**
     * Erasure: the clinician's e-mail, name and license leave every place at once. The name and license are kept (sealed
     * under the CE identity key) only for the CE record until its retention ends (product rule, "Personal data"); a waitlist
     * place is no CE record, so the registrar's list keeps none of them (a fresh reviewer saw an erased clinician's name
     * there for the six years of retention). A rebuild replays this event after the clinician's places, so it leaves them
     * erased too.
     */
    @EventHandler
    void on(ClinicianContactDetailsShredded e) {
        writer.update("UPDATE projection.waitlist_place SET email = ?, email_key = NULL, full_name = ?, license_number = ?, license_state = ?"
                + " WHERE clinician_id = ?", Clinician.ERASED, Clinician.ERASED, Clinician.ERASED, Clinician.ERASED, e.clinicianId());
    }

    /** Retention ended: the name and the license leave every place of the clinician. */
    @EventHandler
    void on(ClinicianCeIdentityShredded e) {
        writer.update("UPDATE projection.waitlist_place SET full_name = ?, license_number = ?, license_state = ? WHERE clinician_id = ?",
                Clinician.ERASED, Clinician.ERASED, Clinician.ERASED, e.clinicianId());
    }

    /** The registrar set the series' offer window (minutes): when (the event's time, UTC), by whom and why. */
    @EventHandler
    void on(SeriesOfferWindowChanged e, @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue("actor") String actor) {
        writer.update("""
                INSERT INTO projection.waitlist_offer_window (series_id, offer_window_minutes, changed_at, changed_by, reason)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (series_id) DO UPDATE SET offer_window_minutes = EXCLUDED.offer_window_minutes,
                    changed_at = EXCLUDED.changed_at, changed_by = EXCLUDED.changed_by, reason = EXCLUDED.reason""",
                e.seriesId(), e.toMinutes(), ts(at), actor, e.reason());
    }

    @EventHandler
    void on(WaitlistLeft e) {
        writer.update("UPDATE projection.waitlist_place SET status = 'LEFT', ended_at = ?, end_reason = ? WHERE place_id = ?",
                ts(e.leftAt()), e.reason(), e.placeId());
    }

    @EventHandler
    void on(WaitlistOfferMade e) {
        writer.update("""
                INSERT INTO projection.waitlist_offer (offer_id, place_id, series_id, cause, offered_at, expires_at, status)
                VALUES (?, ?, ?, ?, ?, ?, 'OPEN') ON CONFLICT (offer_id) DO NOTHING""",
                e.offerId(), e.placeId(), e.seriesId(), e.cause(), ts(e.offeredAt()), ts(e.expiresAt()));
        writer.update("UPDATE projection.waitlist_place SET status = 'OFFERED', offer_id = ? WHERE place_id = ?", e.offerId(), e.placeId());
    }

    @EventHandler
    void on(com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferEndMoved e) {
        writer.update("UPDATE projection.waitlist_offer SET expires_at = ? WHERE offer_id = ?", ts(e.toExpiresAt()), e.offerId());
    }

    @EventHandler
    void on(WaitlistOfferAccepted e) {
        writer.update("UPDATE projection.waitlist_offer SET status = 'ACCEPTED', outcome_at = ?, registration_id = ? WHERE offer_id = ?",
                ts(e.acceptedAt()), e.registrationId(), e.offerId());
        writer.update("UPDATE projection.waitlist_place SET status = 'ACCEPTED', ended_at = ? WHERE place_id = ?", ts(e.acceptedAt()), e.placeId());
    }

    @EventHandler
    void on(WaitlistOfferDeclined e) {
        writer.update("UPDATE projection.waitlist_offer SET status = 'DECLINED', outcome_at = ?, outcome_reason = ? WHERE offer_id = ?",
                ts(e.declinedAt()), e.reason(), e.offerId());
        writer.update("UPDATE projection.waitlist_place SET status = 'DECLINED', ended_at = ?, end_reason = ? WHERE place_id = ?",
                ts(e.declinedAt()), e.reason(), e.placeId());
    }

    @EventHandler
    void on(WaitlistOfferLapsed e) {
        writer.update("UPDATE projection.waitlist_offer SET status = 'LAPSED', outcome_at = ?, outcome_reason = ? WHERE offer_id = ?",
                ts(e.lapsedAt()), e.cause(), e.offerId());
        writer.update("UPDATE projection.waitlist_place SET status = 'LAPSED', ended_at = ?, end_reason = ? WHERE place_id = ?",
                ts(e.lapsedAt()), e.cause(), e.placeId());
    }

    @EventHandler
    void on(WaitlistClosed e) {
        writer.update("""
                UPDATE projection.waitlist_place SET status = 'CLOSED', ended_at = ?, end_reason = 'REGISTRATION_CLOSED'
                WHERE series_id = ? AND status = 'WAITING'""", ts(e.closedAt()), e.seriesId());
    }

    @ResetHandler
    void reset() {
        // DELETE, not TRUNCATE (not MVCC-safe): readers keep the old rows until the reset commits
        writer.update("DELETE FROM projection.waitlist_offer");
        writer.update("DELETE FROM projection.waitlist_place");
        writer.update("DELETE FROM projection.waitlist_offer_window");
    }
}
