package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.events.enrollment.SealedText;

/**
 * Seals free text a clinician gave (a cancellation's reason) for an event: under the contact-details key their registration
 * was sealed with, so an erasure request erases it with the e-mail address (product rules, "Personal data"). A port, so that
 * aggregates decide without the vault (tests register a stub).
 */
public interface ClinicianText {

    /**
     * @param clinicianId  the clinician's pseudonymous id (bound into the ciphertext)
     * @param contactKeyId the data key of the registration's contact details ({@code SealedClinician.contactKeyId}); null for a
     *                     registration stored before sealing
     * @param text         the text as given; null or blank: nothing to seal
     * @return the sealed text; null when there is none; a {@link SealedText} whose {@code sealed} is null when text was given
     * but the key is shredded or unknown (an erased clinician's text is not kept; it reads as erased)
     */
    SealedText seal(String clinicianId, String contactKeyId, String text);
}
