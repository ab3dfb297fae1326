package com.polaris.kat.events.enrollment;

/**
 * Who registers: as the clinician gave it. Personal data: never logged, never stored in plain text
 * (events carry it as a {@link SealedClinician}). Contact details: {@code email}, {@code profession};
 * CE identity: {@code fullName}, {@code licenseNumber}, {@code licenseState} (product rules, "Personal data").
 */
public record Clinician(String fullName, String email, String profession, String licenseNumber, String licenseState) {

    /** What a field reads as once its key was shredded (erasure, or the end of the CE record's retention). */
    public static final String ERASED = "[erased]";

    /** This clinician with the contact details (e-mail, profession) read as {@link #ERASED}. */
    public Clinician withContactErased() {
        return new Clinician(fullName, ERASED, ERASED, licenseNumber, licenseState);
    }

    /** This clinician with the CE identity (name, license number, license state) read as {@link #ERASED}. */
    public Clinician withIdentityErased() {
        return new Clinician(ERASED, email, profession, ERASED, ERASED);
    }
}
