package com.polaris.kat.enrollment.support;

import com.polaris.kat.enrollment.catalog.ModuleCatalog;
import com.polaris.kat.enrollment.catalog.ModuleCatalog.ModuleDefinition;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** Shared test values: the program's six modules and clocks fixed at a given instant. */
public final class Fixtures {

    public static final BigDecimal EIGHT = new BigDecimal("8");

    public static final Map<String, ModuleDefinition> MODULES = Map.of(
            "M1", new ModuleDefinition("M1", "Introduction to Ketamine Assisted Psychotherapy", EIGHT),
            "M2", new ModuleDefinition("M2", "Intermediate Workshop I on Ketamine-Assisted Psychotherapy", EIGHT),
            "M3", new ModuleDefinition("M3", "Intermediate Workshop II on Ketamine-Assisted Psychotherapy", EIGHT),
            "M4", new ModuleDefinition("M4", "Intermediate Workshop III on Ketamine-Assisted Psychotherapy", EIGHT),
            "M5", new ModuleDefinition("M5", "Intermediate Workshop IV on Ketamine-Assisted Psychotherapy", EIGHT),
            "PRACTICE", new ModuleDefinition("PRACTICE", "Training and Practice of Ketamine-Assisted Psychotherapy", EIGHT));

    /** A live session's size as the service has it by default (1,000 participants). */
    public static final com.polaris.kat.enrollment.rules.LiveSessionSize SESSIONS =
            new com.polaris.kat.enrollment.rules.LiveSessionSize(com.polaris.kat.enrollment.rules.LiveSessionSize.DEFAULT_MAX_PARTICIPANTS);

    /** The program's modules as the module aggregates define them. */
    public static final ModuleCatalog MODULE_CATALOG = code -> Optional.ofNullable(MODULES.get(code));

    private Fixtures() {
    }

    public static Clock clockAt(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    /**
     * The clinician's text as the fixtures seal it: under the key named, the words marked as sealed for the clinician (the
     * vault's AES-GCM is tested in PersonalDataVaultTest); nothing for no text.
     */
    public static final com.polaris.kat.enrollment.privacy.ClinicianText SEALING = (clinicianId, keyId, text) ->
            text == null || text.isBlank() ? null : sealedText(clinicianId, keyId, text);

    /** What {@link #SEALING} makes of {@code text}. */
    public static com.polaris.kat.events.enrollment.SealedText sealedText(String clinicianId, String keyId, String text) {
        return new com.polaris.kat.events.enrollment.SealedText(keyId, "sealed for " + clinicianId + ": " + text);
    }
}
