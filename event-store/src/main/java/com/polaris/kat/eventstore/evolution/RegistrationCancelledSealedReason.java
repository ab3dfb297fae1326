package com.polaris.kat.eventstore.evolution;

/**
 * {@code RegistrationCancelled} from revision 1 to 2: revision 2 seals the clinician's reason ({@code sealedReason}, under the
 * contact-details key, so an erasure erases it); revision 1 stored it in plain text in {@code reason}, which the upcast event
 * keeps as stored, with {@code sealedReason} null. Nothing else changes.
 */
public final class RegistrationCancelledSealedReason extends FieldsAddedAsNull {

    public RegistrationCancelledSealedReason() {
        super("com.polaris.kat.events.enrollment.EnrollmentEvents$RegistrationCancelled", "1", "2", "sealedReason");
    }
}
