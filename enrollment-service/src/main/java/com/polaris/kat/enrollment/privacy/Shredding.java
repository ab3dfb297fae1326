package com.polaris.kat.enrollment.privacy;

import java.time.Instant;

/**
 * What {@link ClinicianPrivacy} destroys, in its command's transaction: production
 * {@link VaultShredding} (the data keys in {@code personal_data.data_key} and the retention job's
 * work list); aggregate tests pass a recorder.
 */
public interface Shredding {

    /** Destroys the clinician's contact keys (e-mail, profession) and notes the request. @return keys shredded */
    int contactDetails(String clinicianId, Instant now);

    /** Destroys the clinician's CE identity keys made up to {@code requestedAt}. @return keys shredded */
    int ceIdentity(String clinicianId, Instant requestedAt, Instant now);

    /**
     * The clinician's last CE event (UTC; empty when they have no CE record), read in the caller's transaction: by an
     * erasure request after {@link #contactDetails}, which waited for any registration sealing with the clinician's keys
     * to end, so a registration committed before the erasure is counted; by the retention job's shredding before it
     * decides (production: {@link CeRecords}).
     */
    java.util.Optional<Instant> lastCeEventAt(String clinicianId);
}
