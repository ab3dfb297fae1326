package com.polaris.kat.events.privacy;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A clinician's erasure request and what it erased, on the stream {@link PrivacyStreams#of} (not the
 * credit account's, whose id is the clinician id). Who asked is the event's {@code actor} metadata.
 * Product rules, "Personal data": contact details go at once, the CE identity when its retention ends.
 */
public final class PrivacyEvents {
    private PrivacyEvents() {
    }

    /**
     * @param reason             why, as the requester gave it (at most 500 characters)
     * @param lastCeEventAt      the clinician's last CE event when asked (UTC); null: they have no CE record (only ever on a
     *                           waitlist), so their CE identity serves nothing and is shredded with the request
     * @param identityRetainedUntil six years after it: when the CE identity is to be shredded (null with {@code lastCeEventAt})
     */
    @Revision("1")
    public record ClinicianErasureRequested(String clinicianId, String reason, Instant requestedAt, Instant lastCeEventAt,
                                            Instant identityRetainedUntil) {
    }

    /** The data keys of the contact details (e-mail, profession) were destroyed: they read as erased from now on. */
    @Revision("1")
    public record ClinicianContactDetailsShredded(String clinicianId, int keysShredded, Instant shreddedAt) {
    }

    /**
     * Retention ended: the data keys of the CE identity (name, license number and state) were destroyed, by the retention
     * job or by an erasure request made after the end ({@code lastCeEventAt} and {@code retainedUntil} null: no CE record).
     */
    @Revision("1")
    public record ClinicianCeIdentityShredded(String clinicianId, Instant lastCeEventAt, Instant retainedUntil, int keysShredded,
                                              Instant shreddedAt) {
    }
}
