package com.polaris.kat.events.enrollment;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * A clinician is identified by a name-based UUID of their e-mail address (trimmed, lower-case), so
 * the same person gets the same id on every registration without personal data in ids or URLs.
 */
public final class ClinicianIds {
    private ClinicianIds() {
    }

    public static String fromEmail(String email) {
        String normal = email.strip().toLowerCase(Locale.ROOT);
        return UUID.nameUUIDFromBytes(("clinician:" + normal).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
