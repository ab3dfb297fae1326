package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.eventstore.personal.PersonalDataVault;
import com.polaris.kat.events.enrollment.ClinicianIds;
import org.springframework.stereotype.Component;

/**
 * The clinician id of a registering person: the id they already have, under the current pseudonym
 * key or a previous one (a clinician is known when data keys were ever made for them), else the
 * current key's id. So a rotation of the pseudonym key changes no one's id (one registration per
 * series, one credit balance), as long as the previous key stays configured (docs/decisions.md).
 */
@Component
public class ClinicianIdResolver {

    private final ClinicianIds ids;
    private final PersonalDataVault vault;

    public ClinicianIdResolver(ClinicianIds ids, PersonalDataVault vault) {
        this.ids = ids;
        this.vault = vault;
    }

    /**
     * @return the pseudonymous id (UUID text) of the person with this e-mail address: with one pseudonym key
     * configured, its id (no store read: the answer cannot depend on one); after a rotation, the first of the
     * candidate ids (current key first) the vault knows, read in one query, else the current key's.
     */
    public String idOf(String email) {
        java.util.List<String> candidates = ids.candidates(email);
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        java.util.Set<String> known = vault.known(candidates);
        return candidates.stream().filter(known::contains).findFirst().orElse(candidates.get(0));
    }
}
