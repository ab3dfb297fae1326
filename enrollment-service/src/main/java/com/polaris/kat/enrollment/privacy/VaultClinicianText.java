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
        return text == null || text.isBlank() || contactKeyId == null ? null : vault.sealText(clinicianId, contactKeyId, text);
    }
}
