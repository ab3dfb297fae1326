package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.enrollment.web.IdempotencyKeys;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RegisterForSeries;
import com.polaris.kat.events.enrollment.EnrollmentCommands.TransferCreditToSeries;
import com.polaris.kat.events.enrollment.SealedClinician;
import com.polaris.kat.events.waitlist.WaitlistCommands.AcceptWaitlistOffer;
import com.polaris.kat.events.waitlist.WaitlistCommands.JoinWaitlist;
import com.polaris.kat.eventstore.personal.PersonalDataVault;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

/**
 * A command that carries a clinician's personal data (a registration, a credit transfer, an offer's acceptance, a
 * waitlist place) and an idempotency claim takes both in one statement, before its aggregate decides (issue 12: the
 * claim's own round trip was about a twentieth of a registration's CPU in the profile of 2026-12-01). The claim is
 * checked first, as it is for every other command ({@link IdempotencyKeys}: 422 idempotency-key-reused before any
 * decision); the clinician is sealed under their current data keys ({@link PersonalDataVault}) and kept in the unit of
 * work, where the aggregate's seal ({@link #sealedAhead}) takes it instead of asking the database again. Everything
 * is in the command's transaction: a refused command rolls back the claim, the noted registration and any key made.
 */
@Component
public class ClaimedSealing {

    private static final String RESOURCE = ClaimedSealing.class.getName() + ".sealed";
    private static final String FIRST_KEYS = ClaimedSealing.class.getName() + ".firstKeys";

    /** Whose data a command seals and for which stream (the registration or waitlist place it starts). */
    record Target(String clinicianId, String streamId, Clinician clinician) {
    }

    /** What was sealed ahead in this unit of work: for whom, from which plain data, the result, and whether it was used. */
    private static final class Sealed {
        final Target target;
        final SealedClinician sealed;
        volatile boolean used;

        Sealed(Target target, SealedClinician sealed) {
            this.target = target;
            this.sealed = sealed;
        }
    }

    private final PersonalDataVault vault;
    private final IdempotencyKeys idempotencyKeys;
    private final Clock clock;

    public ClaimedSealing(PersonalDataVault vault, IdempotencyKeys idempotencyKeys, Clock clock) {
        this.vault = vault;
        this.idempotencyKeys = idempotencyKeys;
        this.clock = clock;
    }

    /** The clinician a command's handler seals, if it is one of the commands that do (else empty). */
    static Optional<Target> targetOf(Object payload) {
        if (payload instanceof RegisterForSeries c) {
            return target(c.clinicianId(), c.registrationId(), c.clinician());
        }
        if (payload instanceof TransferCreditToSeries c) {
            return target(c.clinicianId(), c.registrationId(), c.clinician());
        }
        if (payload instanceof AcceptWaitlistOffer c) {
            return target(c.clinicianId(), c.registrationId(), c.clinician());
        }
        if (payload instanceof JoinWaitlist c) {
            return target(c.clinicianId(), c.placeId(), c.clinician());
        }
        return Optional.empty();
    }

    private static Optional<Target> target(String clinicianId, String streamId, Clinician clinician) {
        return clinicianId == null || streamId == null || clinician == null ? Optional.empty()
                : Optional.of(new Target(clinicianId, streamId, clinician));
    }

    /**
     * Takes the idempotency claim (arguments as {@link IdempotencyKeys#claim(String, String, String, String, String)})
     * and seals the command's clinician in one statement, when the command seals one; the sealed clinician is kept in
     * {@code unitOfWork}'s root for {@link #sealedAhead}.
     *
     * @return false when the command seals nothing: the caller takes the claim on its own
     * @throws com.polaris.kat.enrollment.rules.Refusal idempotency-key-reused (422) when the key's first request differed
     */
    public boolean claimAndSeal(UnitOfWork<?> unitOfWork, Object payload, String key, String fingerprint, String seriesId,
                                String registrationId, String endpoint) {
        Optional<Target> target = targetOf(payload);
        if (target.isEmpty()) {
            return false;
        }
        Target t = target.get();
        PersonalDataVault.Sealing sealing = vault.seal(t.clinicianId(), t.streamId(), t.clinician(), clock.instant(),
                idempotencyKeys.claimInsert(key, fingerprint, seriesId, registrationId, endpoint));
        if (!sealing.leadingInserted()) {
            idempotencyKeys.checkFirstRequest(key, fingerprint, registrationId, endpoint);
        }
        Sealed sealed = new Sealed(t, sealing.sealed());
        unitOfWork.root().resources().put(RESOURCE, sealed);
        noteFirstKeys(unitOfWork, t.clinicianId(), sealing);
        if (!sealing.madeKeyIds().isEmpty()) {
            // a command that answers without sealing (a repeat of a registration whose clinician was erased since)
            // leaves no data key behind: keys are made for events, and a repeat writes none
            unitOfWork.root().onPrepareCommit(u -> {
                if (!sealed.used) {
                    vault.forgetUnused(sealing.madeKeyIds());
                }
            });
        }
        return true;
    }

    /**
     * Notes in {@code unitOfWork}'s root, for {@link #firstKeysMadeFor}, that {@code sealing} made the clinician's first
     * data keys ({@link PersonalDataVault.Sealing#firstKeys()}); nothing when it did not.
     */
    public static void noteFirstKeys(UnitOfWork<?> unitOfWork, String clinicianId, PersonalDataVault.Sealing sealing) {
        if (sealing.firstKeys()) {
            unitOfWork.root().resources().put(FIRST_KEYS, clinicianId);
        }
    }

    /**
     * True once per unit of work, for the clinician whose first data keys a seal made in it ({@link #noteFirstKeys},
     * {@link PersonalDataVault.Sealing#firstKeys()}): no transaction had committed a key of theirs, so none had sealed
     * them for a registration, a transfer, an offer's acceptance or a waitlist place, the only ways to a live-session
     * place (livesession/RepositoryLiveSessionHolds). Asked again in the same unit of work, false.
     */
    public static boolean firstKeysMadeFor(String clinicianId) {
        return CurrentUnitOfWork.isStarted() && clinicianId != null
                && CurrentUnitOfWork.get().root().resources().remove(FIRST_KEYS, clinicianId);
    }

    /**
     * The clinician as {@link #claimAndSeal} sealed them in the current unit of work, when it was for this clinician,
     * stream and plain data (else empty: the caller seals).
     */
    public static Optional<SealedClinician> sealedAhead(String clinicianId, String streamId, Clinician clinician) {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        Object sealed = CurrentUnitOfWork.get().root().resources().get(RESOURCE);
        if (sealed instanceof Sealed s && s.target.equals(new Target(clinicianId, streamId, clinician))) {
            s.used = true;
            return Optional.of(s.sealed);
        }
        return Optional.empty();
    }
}
