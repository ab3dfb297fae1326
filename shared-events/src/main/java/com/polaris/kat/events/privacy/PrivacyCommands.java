package com.polaris.kat.events.privacy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Commands of the erasure of a clinician's personal data (administrators, compliance; the retention job). */
public final class PrivacyCommands {
    private PrivacyCommands() {
    }

    /**
     * Records an erasure request; the contact details are shredded in the same transaction, and the clinician's last CE
     * event is read in it after that (so a registration committed just before counts: a fresh reviewer's erasure 15 ms
     * after a registration had found no CE record and erased the new registrant's name and license at once).
     */
    public record RequestErasure(String clinicianId, String reason) {
        @TargetAggregateIdentifier
        public String streamId() {
            return PrivacyStreams.of(clinicianId);
        }
    }

    /** Shreds the CE identity once its retention ended ({@code lastCeEventAt} as the job found it). */
    public record ShredCeIdentity(String clinicianId, Instant lastCeEventAt) {
        @TargetAggregateIdentifier
        public String streamId() {
            return PrivacyStreams.of(clinicianId);
        }
    }
}
