package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.enrollment.rules.ReadableStreamAggregate;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.privacy.PrivacyCommands.RequestErasure;
import com.polaris.kat.events.privacy.PrivacyCommands.ShredCeIdentity;
import com.polaris.kat.events.privacy.PrivacyEvents.ClinicianCeIdentityShredded;
import com.polaris.kat.events.privacy.PrivacyEvents.ClinicianContactDetailsShredded;
import com.polaris.kat.events.privacy.PrivacyEvents.ClinicianErasureRequested;
import com.polaris.kat.events.privacy.PrivacyStreams;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A clinician's erasure request and what it has erased (stream {@code privacy-<clinicianId>}).
 * Product rules, "Personal data": the contact details are shredded at once, in the request's own
 * transaction; the CE identity when its retention ends ({@link CeRetention}), by the retention job, or in the
 * request's transaction too when it has already ended (no CE record, or the last CE event is six years old).
 * Money and CE facts are never touched: they stay attached to the pseudonymous clinician id.
 */
@Aggregate
public class ClinicianPrivacy extends ReadableStreamAggregate {

    @AggregateIdentifier
    private String streamId;
    private String clinicianId;
    private Instant requestedAt;
    private boolean identityShredded;

    protected ClinicianPrivacy() {
    }

    /**
     * What an erasure request did; kept with the request's Idempotency-Key, so a repeat under it answers the same (it holds
     * no personal data: instants and a flag).
     *
     * @param lastCeEventAt         the clinician's last CE event the request found (UTC); null when they have no CE record
     * @param identityRetainedUntil when the CE identity's retention ends (UTC); null when the clinician has no CE record
     * @param identityShredded      whether the CE identity was shredded by this request (its retention was already over)
     */
    public record Erasure(Instant lastCeEventAt, Instant identityRetainedUntil, boolean identityShredded)
            implements com.polaris.kat.enrollment.web.KeptOutcome {
    }

    /**
     * Records the request (actor and reason in the event and its metadata) and shreds the contact keys; the CE identity
     * keys too when their retention is already over ({@link CeRetention#isOver}).
     *
     * @return when the CE identity's retention ends and whether it was shredded now
     * @throws Refusal erasure-already-requested (409) when requested before and no contact details were recorded since
     *                 (a registration after an erasure makes new ones, which a new request erases); invalid-erasure-request (422)
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Erasure handle(RequestErasure cmd, Clock clock, Shredding shredding) {
        if (com.polaris.kat.security.strict.InvisibleCharacters.blank(cmd.reason())) {
            throw Refusal.invalidField("invalid-erasure-request", "reason", "An erasure request needs a reason (e.g. the request's reference).");
        }
        Instant now = clock.instant();
        // A clinician who registered again after an erasure has new contact keys: a new request erases those too, and
        // moves the request's instant, so the CE identity keys of the new registration are shredded when retention ends.
        int shredded = shredding.contactDetails(cmd.clinicianId(), now);
        // read after the shredding, which waited for a registration sealing with these keys: that registration counts
        Instant last = shredding.lastCeEventAt(cmd.clinicianId()).orElse(null);
        Instant until = CeRetention.retainedUntil(last);
        if (requestedAt != null && shredded == 0) {
            // what follows depends on the CE identity: already gone (no CE record, or its retention was over), or kept until
            // its retention ends (a fresh reviewer read "follows" for a waitlist-only clinician whose identity had gone)
            throw Refusal.conflict("erasure-already-requested", "An erasure of this clinician's personal data was already requested at "
                    + requestedAt + " and no contact details were recorded since; " + (identityShredded
                    ? "their CE identity (name and license) is already erased too."
                    : "their CE identity (name and license) is erased when its retention ends" + (until == null ? "." : ", " + until + ".")));
        }
        apply(new ClinicianErasureRequested(cmd.clinicianId(), cmd.reason(), now, last, until));
        apply(new ClinicianContactDetailsShredded(cmd.clinicianId(), shredded, now));
        if (CeRetention.isOver(last, now)) {
            shredCeIdentity(last, now, shredding);
            return new Erasure(last, until, true);
        }
        return new Erasure(last, until, false);
    }

    /**
     * Shreds the CE identity keys made up to the request, once its retention has ended: six years after the later of
     * the last CE event the job found ({@code lastCeEventAt}) and the one read in this command's transaction (product
     * rules, "Personal data"). A CE event committed while this transaction runs is not ordered against it
     * (docs/decisions.md).
     *
     * @return false when it was shredded already (nothing appended)
     * @throws Refusal retention-not-over (409) before {@link CeRetention#retainedUntil}
     */
    @CommandHandler
    public boolean handle(ShredCeIdentity cmd, Clock clock, Shredding shredding) {
        if (identityShredded) {
            return false;
        }
        Instant now = clock.instant();
        // read again in this transaction: a CE event recorded since the job read it (the job's pass over every request can
        // take a while) moves the end of retention, and the later of the two decides
        Instant last = later(cmd.lastCeEventAt(), shredding.lastCeEventAt(clinicianId).orElse(null));
        Instant until = CeRetention.retainedUntil(last);
        if (!CeRetention.isOver(last, now)) {
            throw Refusal.conflict("retention-not-over", "The CE record is kept until " + until + " (six years after its last event).");
        }
        shredCeIdentity(last, now, shredding);
        return true;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private void shredCeIdentity(Instant lastCeEventAt, Instant now, Shredding shredding) {
        int shredded = shredding.ceIdentity(clinicianId, requestedAt, now);
        apply(new ClinicianCeIdentityShredded(clinicianId, lastCeEventAt, CeRetention.retainedUntil(lastCeEventAt), shredded, now));
    }

    @EventSourcingHandler
    void on(ClinicianErasureRequested e) {
        streamId = PrivacyStreams.of(e.clinicianId());
        clinicianId = e.clinicianId();
        requestedAt = e.requestedAt();
        identityShredded = false; // a later request covers the identity keys of registrations made since the last shredding
    }

    @EventSourcingHandler
    void on(ClinicianCeIdentityShredded e) {
        identityShredded = true;
    }
}
