package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.policy.RefundPolicyV1;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.enrollment.EnrollmentCommands.PayoutOutcome;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RecordRefundPayout;
import com.polaris.kat.events.enrollment.EnrollmentEvents.ProcessorRefundReferenceTaken;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutSettled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.enrollment.RefundDecision;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.enrollment.registration.RegistrationTestData.StubRefundReferences;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static com.polaris.kat.enrollment.registration.RegistrationTestData.fixtureAt;
import static com.polaris.kat.enrollment.series.SeriesTestData.*;
import static com.polaris.kat.enrollment.support.RefusalMatchers.refusal;
import static org.assertj.core.api.Assertions.assertThat;

/** A processor's refund reference settles one refund: its stream id, its refusal, and the settlement that takes it. */
class RefundReferenceTest {

    private static final Instant NOW = CUTOFF.plusSeconds(60);

    @Test
    void oneStreamPerReferenceWhateverItsCaseSpacingWidthOrInvisibleCharacters() {
        String id = RefundReference.streamIdOf("re_3N1x");
        assertThat(id).matches("refund-reference-[0-9a-f]{64}");
        for (String same : new String[]{"RE_3N1X", " re_3N1x\u00A0", "ｒｅ_3N1x", "re_3N1x\uFE0F", "re_3\u200BN1x", "re_ 3N1x", "re_3N\u00A01x"}) {
            assertThat(RefundReference.streamIdOf(same)).as(same).isEqualTo(id);
        }
        assertThat(RefundReference.streamIdOf("re_3N1y")).isNotEqualTo(id);
        // any hyphen or dash a word processor puts in is the keyboard's (the second reviewer's "re-ABC" and "re\u2010ABC")
        String hyphen = RefundReference.streamIdOf("re-ABC");
        for (String same : new String[]{"re\u2010ABC", "re\u2011abc", "re\u2013ABC", "re\u2212ABC", "re\uFE63ABC", "re\uFF0DABC"}) {
            assertThat(RefundReference.streamIdOf(same)).as(same).isEqualTo(hyphen);
        }
        for (String dash : new String[]{"re\u2E3AABC", "re\u2E40ABC", "re\u058AABC", "re\u1806ABC", "re\u301CABC"}) { // every Pd
            assertThat(RefundReference.streamIdOf(dash)).as(dash).isEqualTo(hyphen);
        }
        // every separator is left out, an underscore too: Stripe's "re_X3" retyped "RE-x3", then "re x3", each settled a
        // second refund (fresh reviewers' findings, 2026-12-07)
        for (String same : new String[]{"re_ABC", "RE_abc", "re\uFF3FABC", "re\u203FABC", "re ABC", "reABC", "r-e_ A-B-C", "re.ABC", "re/ABC",
                "re:ABC", "re~ABC", "re+ABC", "re'ABC", "re,ABC", "(re_ABC)", "re_ABC.", "[re-abc]"}) {
            assertThat(RefundReference.streamIdOf(same)).as(same).isEqualTo(hyphen);
        }
        assertThat(RefundReference.streamIdOf("re_ABD")).isNotEqualTo(hyphen);
    }

    @Test
    void aReferenceOfSeparatorsAloneIsRefused() {
        for (String none : new String[]{"-", "_ _", "\u2014\u2014", "(.)", "+++"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RefundPayouts.refuseWhatNoProcessorPrints(none)).as(none)
                    .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.getMessage()).contains("has letters or digits; this one has none"));
        }
        org.assertj.core.api.Assertions.assertThatCode(() -> RefundPayouts.refuseWhatNoProcessorPrints("0")).doesNotThrowAnyException();
    }

    /** The third reviewer's: a Braille blank, look-alike letters and signs settled one processor refund again each time. */
    @Test
    void aReferenceHoldingWhatNoProcessorPrintsIsRefusedNamingTheCharacter() {
        for (String odd : new String[]{"r\u0435_3PqRev-001", "re_3\u0420qRev-001", "re_3PqRev\u02D7001",
                "re_3PqRev\u2796001", "re_3PqRev\u30FC001", "re\u2017_3PqRev-001", "re_3PqRev\u2043001", "ré_1"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RefundPayouts.refuseWhatNoProcessorPrints(odd)).as(odd)
                    .isInstanceOfSatisfying(Refusal.class, r -> {
                        assertThat(r.type()).isEqualTo("invalid-payout");
                        assertThat(r.field()).isEqualTo("processorRefundReference");
                        assertThat(r.getMessage()).contains("this one holds U+").contains("copy the reference from the processor's record");
                    });
        }
        // the character is named as typed, not as compared (a fresh reviewer's Ü was named U+00FC, a combining accent U+00F3)
        for (String[] typed : new String[][]{{"re_\u00DCn\u00EFcode", "U+00DC"}, {"re_rev_o\u0301", "U+0301"}, {"r\u0435_1", "U+0435"}}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RefundPayouts.refuseWhatNoProcessorPrints(typed[0])).as(typed[0])
                    .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.getMessage()).contains("this one holds " + typed[1] + ","));
        }
        // the Braille blank draws nothing: left out, as InvisibleCharacters' others (so it names the plain reference)
        assertThat(RefundReference.streamIdOf("re_3PqRev-001\u2800")).isEqualTo(RefundReference.streamIdOf("re_3PqRev-001"));
        for (String fine : new String[]{"re_3PqRev-001", "ｒｅ＿３ＰｑＲｅｖ－００１", "re_3PqRev\u2013001", " RE_3PQREV-001\u00A0", "PAYID-M4X.7/2#1",
                "re_3PqRev-001\uFE0F"}) {
            RefundPayouts.refuseWhatNoProcessorPrints(fine);
        }
    }

    @Test
    void aTakenReferenceIsRefusedNamingTheRefundItSettled() {
        RefundReference taken = new RefundReference();
        taken.on(new ProcessorRefundReferenceTaken(RefundReference.streamIdOf("re_1"), "re_1", "series-20", "r1", NOW));
        Refusal other = taken.taken("r2");
        assertThat(other.type()).isEqualTo("invalid-payout");
        assertThat(other.getMessage()).contains("re_1 already settled the refund of registration r1 (Series 20)");
        assertThat(taken.taken("r1").getMessage()).contains("re_1 already settled this refund's payout that was reversed");
    }

    @Test
    void aSettlementTakesItsReferenceAndOneTakenBeforeIsRefusedWithNothingRecorded() {
        RefundDecision d = new RefundPolicyV1().decide(CUTOFF, LocalDate.parse("2023-10-10"), DUE_WITH_CE, FEE, Money.ZERO, null);
        StubRefundReferences references = new StubRefundReferences();
        fixtureAt(NOW.toString(), references)
                .given(placed("r1", 1, true, 1, 30), new RegistrationCancelled("series-20", "r1", "clin-1", d, null, 0))
                .when(new RecordRefundPayout("series-20", "r1", PayoutOutcome.SETTLED, "re_9", null))
                .expectEvents(new RefundPayoutSettled("series-20", "r1", d.refundAmount(), "re_9", 1, NOW));
        assertThat(references.taken).containsExactly("re_9 r1");
        fixtureAt(NOW.toString(), references)
                .given(placed("r2", 2, true, 2, 30), new RegistrationCancelled("series-20", "r2", "clin-2", d, null, 1))
                .when(new RecordRefundPayout("series-20", "r2", PayoutOutcome.SETTLED, " RE_9", null))
                .expectException(refusal("invalid-payout"))
                .expectNoEvents();
        assertThat(references.taken).containsExactly("re_9 r1");
    }
}
