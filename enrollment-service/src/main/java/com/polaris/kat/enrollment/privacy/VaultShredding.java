package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.eventstore.personal.PersonalDataVault;
import com.polaris.kat.eventstore.personal.PersonalDataVault.Purpose;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** {@link Shredding} through the {@link PersonalDataVault}, the {@link ErasureRegister} and {@link CeRecords}, in the caller's transaction. */
@Component
public class VaultShredding implements Shredding {

    private final PersonalDataVault vault;
    private final ErasureRegister register;
    private final CeRecords records;

    public VaultShredding(PersonalDataVault vault, ErasureRegister register, CeRecords records) {
        this.vault = vault;
        this.register = register;
        this.records = records;
    }

    @Override
    public java.util.Optional<Instant> lastCeEventAt(String clinicianId) {
        return records.lastCeEventAt(clinicianId);
    }

    @Override
    public int contactDetails(String clinicianId, Instant now) {
        register.requested(clinicianId, now);
        return vault.shred(clinicianId, Purpose.CONTACT, now, now);
    }

    @Override
    public int ceIdentity(String clinicianId, Instant requestedAt, Instant now) {
        register.identityShredded(clinicianId, now);
        return vault.shred(clinicianId, Purpose.IDENTITY, requestedAt, now);
    }
}
