package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.eventstore.personal.PersonalDataVault;
import com.polaris.kat.events.enrollment.SealedText;
import org.springframework.stereotype.Component;

/** {@link ClinicianText} by the personal-data vault ({@link PersonalDataVault#sealText}: AES-256-GCM under the contact key). */
@Component
public class VaultClinicianText implements ClinicianText {

    private final PersonalDataVault vault;

    public VaultClinicianText(PersonalDataVault vault) {
        this.vault = vault;
    }

    @Override
    public SealedText seal(String clinicianId, String contactKeyId, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        SealedText sealed = contactKeyId == null ? null : vault.sealText(clinicianId, contactKeyId, text);
        // given, but the key is gone (the clinician's erasure came first): not kept, and marked so, to read "[erased]" rather
        // than "no reason given" (a fresh reviewer's)
        return sealed != null ? sealed : new SealedText(contactKeyId, null);
    }
}
