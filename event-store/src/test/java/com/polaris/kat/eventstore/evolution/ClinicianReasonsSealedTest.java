package com.polaris.kat.eventstore.evolution;

import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.enrollment.SealedText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cancellation stored before its reason was sealed (revision 1's pinned sample) reads through
 * {@link RegistrationCancelledSealedReason} with its plain reason as stored and no sealed one; the current revision's sample
 * reads its sealed reason back, with no plain one.
 */
class ClinicianReasonsSealedTest {

    @Test
    void aCancellationStoredBeforeSealingKeepsItsPlainReasonAndHasNoSealedOne() throws Exception {
        RegistrationCancelled old = PinnedSamples.read(RegistrationCancelled.class, "1");
        assertThat(old.reason()).isEqualTo("reason-1");
        assertThat(old.sealedReason()).isNull();
        assertThat(old.seatsTakenAfter()).isEqualTo(3);
        assertThat(old.decision().refundAmount().cents()).isEqualTo(12345);
    }

    @Test
    void theCurrentRevisionReadsItsSealedReasonBack() throws Exception {
        RegistrationCancelled current = PinnedSamples.read(RegistrationCancelled.class, "2");
        assertThat(current.sealedReason()).isEqualTo(new SealedText("keyId-1", "sealed-1"));
    }

    /** The waitlist's steps the clinician takes, the same way ({@link WaitlistReasonsSealed}). */
    @Test
    void waitlistStepsStoredBeforeSealingKeepTheirPlainReasonAndTheCurrentOnesReadTheSealedOneBack() throws Exception {
        var left = PinnedSamples.read(com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistLeft.class, "1");
        assertThat(left.reason()).isEqualTo("reason-1");
        assertThat(left.sealedReason()).isNull();
        var declined = PinnedSamples.read(com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferDeclined.class, "1");
        assertThat(declined.reason()).isEqualTo("reason-1");
        assertThat(declined.sealedReason()).isNull();
        assertThat(PinnedSamples.read(com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistLeft.class, "2").sealedReason())
                .isEqualTo(new SealedText("keyId-1", "sealed-1"));
        assertThat(PinnedSamples.read(com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferDeclined.class, "2").sealedReason())
                .isEqualTo(new SealedText("keyId-1", "sealed-1"));
    }
}
