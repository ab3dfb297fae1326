package com.polaris.kat.events.enrollment;

/**
 * Free text a clinician gave (a cancellation's reason) as events carry it: encrypted (AES-256-GCM) under the data key of the
 * clinician's contact details that their registration was sealed with ({@link SealedClinician#contactKeyId()}), so an erasure
 * request, which shreds that key, erases the text with the e-mail address (product rules, "Personal data": contact details
 * go at once). The text may say anything about the person (their health, their name, their address), so it is never kept in
 * plain text in the immutable store.
 *
 * @param keyId  the data key (a random UUID, not personal)
 * @param sealed base64 of IV (12 bytes) and ciphertext of the text's UTF-8; null when text was given after that key was
 *               shredded (an erasure came first): not kept, it reads as erased
 */
public record SealedText(String keyId, String sealed) {
}
