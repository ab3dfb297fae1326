package com.polaris.kat.events.enrollment;

/**
 * A {@link Clinician} as events carry it: two parts, each encrypted (AES-256-GCM) with its own data
 * key of the clinician, kept outside the event store ({@code personal_data.data_key}) so that
 * deleting the key erases the part (crypto-shredding).
 *
 * @param contactKeyId  the data key of the contact details (a random UUID, not personal)
 * @param contact       base64 of IV (12 bytes) and ciphertext of {@code {"email","profession"}}
 * @param identityKeyId the data key of the CE identity
 * @param identity      base64 of IV and ciphertext of {@code {"fullName","licenseNumber","licenseState"}}
 * @param unsealed      only on events stored before {@code RegistrationPlaced} revision 2 (read through
 *                      the upcaster): the plain text as it was stored then; null on every event written since
 */
public record SealedClinician(String contactKeyId, String contact, String identityKeyId, String identity, Clinician unsealed) {
}
