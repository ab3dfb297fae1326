package com.polaris.kat.projection.streaming;

import com.polaris.kat.eventstore.personal.PersonalDataVault;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.SealedClinician;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The clinician an event seals, opened once per processor batch however many projections of the processor read it: the
 * registrations processor's registration view and clinician search both open each {@code RegistrationPlaced}'s clinician,
 * and each opening read the clinician's keys from the database (one round trip) and decrypted them (AES key unwrap and
 * GCM). Projections of one processor receive the same event payload, so an opening is kept, for the batch's unit of work
 * only, under that payload's identity: what a later event of the batch changes (a shredded key) is that later event's
 * handlers' to apply, as without this. Outside a unit of work it opens each time.
 */
@Component
public class OpenedClinicians {

    private static final String OPENED = OpenedClinicians.class.getName() + ".opened";

    private final PersonalDataVault vault;

    public OpenedClinicians(PersonalDataVault vault) {
        this.vault = vault;
    }

    /**
     * {@link PersonalDataVault#open}: the clinician with each part decrypted, or {@link Clinician#ERASED} in every field of a
     * part whose key was shredded (product rules, "Personal data").
     */
    public Clinician open(String clinicianId, SealedClinician sealed) {
        if (!CurrentUnitOfWork.isStarted() || sealed == null) {
            return vault.open(clinicianId, sealed);
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<SealedClinician, Clinician> opened = root.getOrComputeResource(OPENED, key -> new IdentityHashMap<>());
        return opened.computeIfAbsent(sealed, s -> vault.open(clinicianId, s));
    }
}
