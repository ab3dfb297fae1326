package com.polaris.kat.eventstore.evolution;

/**
 * {@code WaitlistLeft} and {@code WaitlistOfferDeclined} from revision 1 to 2: revision 2 seals the clinician's own words
 * ({@code sealedReason}, under the contact-details key, so an erasure erases them) and keeps only the service's words in
 * {@code reason}; revision 1 stored any reason in plain text in {@code reason}, which the upcast event keeps as stored, with
 * {@code sealedReason} null. Nothing else changes.
 */
public final class WaitlistReasonsSealed extends FieldsAddedAsNull {

    private WaitlistReasonsSealed(String type) {
        super(type, "1", "2", "sealedReason");
    }

    /** {@code WaitlistLeft} 1 → 2. */
    public static WaitlistReasonsSealed left() {
        return new WaitlistReasonsSealed("com.polaris.kat.events.waitlist.WaitlistEvents$WaitlistLeft");
    }

    /** {@code WaitlistOfferDeclined} 1 → 2. */
    public static WaitlistReasonsSealed declined() {
        return new WaitlistReasonsSealed("com.polaris.kat.events.waitlist.WaitlistEvents$WaitlistOfferDeclined");
    }
}
