package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.enrollment.EnrollmentCommands.PayoutOutcome;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RecordRefundPayout;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutFailed;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutReversed;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutSettled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.enrollment.RefundDecision;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The payouts of a cancelled registration's refund, a member of {@link Registration} (same stream):
 * finance records what the processor did. A refund is settled at most once; a failed payout may be
 * recorded again; a settled one that the processor returns is reversed (naming the settled payout)
 * and is then owed again, settled by a new payout (a reversed payout's reference settles nothing again). A processor's
 * refund reference settles one refund of the whole program ({@link RefundReference}). Amounts are the decision's refund
 * amount, in cents.
 */
public class RefundPayouts {

    private final String seriesId;
    private final String registrationId;
    private RefundDecision decision;
    private boolean settled;
    private String settledReference;
    private int attempts;
    /** The processor's references of the settled payouts that were reversed: none settles this refund again. */
    private final java.util.Set<String> reversedReferences = new java.util.HashSet<>();
    /** Payout outcomes recorded: settled, failed and reversed (what a sender's {@code payoutsSeen} is compared with). */
    private int outcomes;

    /** The processor's charge reference of the registration's payment (null: none), which no refund's payout can be. */
    private final String chargeReference;

    RefundPayouts(String seriesId, String registrationId, String chargeReference) {
        this.seriesId = seriesId;
        this.registrationId = registrationId;
        this.chargeReference = chargeReference;
    }

    /**
     * Records a payout outcome (recordedAt = the clock's instant, UTC). A settlement takes the processor's refund reference
     * ({@link RefundReferences}) in the same unit of work: a reference settles one refund of the whole program.
     *
     * @throws Refusal registration-not-found (404); no-refund-due, refund-already-settled, nothing-to-reverse, payout-changed
     *                 (409); invalid-payout (422; a settlement's reference already taken by a settled payout, or the
     *                 registration's own charge reference: field processorRefundReference; payoutsSeen above the outcomes ever
     *                 recorded: field payoutsSeen)
     */
    @CommandHandler
    public void handle(RecordRefundPayout cmd, Clock clock, RefundReferences references) {
        if (!seriesId.equals(cmd.seriesId())) {
            throw Refusal.notFound("registration-not-found", com.polaris.kat.events.catalog.SeriesIds.named(cmd.seriesId()) + " has no registration " + registrationId + ".");
        }
        if (decision == null || !decision.refundAmount().isPositive()) {
            throw Refusal.conflict("no-refund-due", "Registration " + registrationId + " has no refund to pay out.");
        }
        if (cmd.outcome() == null) {
            throw Refusal.invalidField("invalid-payout", "outcome", "Say whether the payout SETTLED, FAILED or was REVERSED.");
        }
        if (cmd.payoutsSeen() != null && cmd.payoutsSeen() > outcomes) {
            // more than were ever recorded (outcomes are never removed): not another screen's doing, the client's count is wrong
            throw Refusal.invalidField("invalid-payout", "payoutsSeen", "payoutsSeen is " + cmd.payoutsSeen() + ", more than the "
                    + outcomes + " payout outcome" + (outcomes == 1 ? "" : "s") + " ever recorded for the refund of registration "
                    + registrationId + " (outcomes are never removed). Send the ledger's payoutsRecorded for this refund.");
        }
        if (cmd.payoutsSeen() != null && cmd.payoutsSeen() != outcomes) {
            throw Refusal.conflict("payout-changed", "The refund of registration " + registrationId + " has " + outcomes
                    + " payout outcome" + (outcomes == 1 ? "" : "s") + " recorded now (" + (settled ? "settled" : outcomes == 0 ? "pending" : "not settled")
                    + "), not the " + cmd.payoutsSeen() + " this request saw: another screen or request recorded one meanwhile."
                    + " Read the ledger again and send this outcome again if it still applies.");
        }
        if (cmd.outcome() == PayoutOutcome.REVERSED) {
            if (!settled) {
                throw Refusal.conflict("nothing-to-reverse", "The refund of registration " + registrationId + " is not settled; there is nothing to reverse"
                        + (reversedReferences.isEmpty() ? "." : ": its payout was reversed already (record a new settlement when the processor pays it again)."));
            }
            if (com.polaris.kat.security.strict.InvisibleCharacters.blank(cmd.failureReason())) {
                throw Refusal.invalidField("invalid-payout", "failureReason", "A reversal needs the reason the processor gave (failureReason).");
            }
            refuseWhatTheOutcomeDoesNotRecord(cmd);
            apply(new RefundPayoutReversed(seriesId, registrationId, decision.refundAmount(), settledReference, attempts,
                    cmd.failureReason(), clock.instant()));
            return;
        }
        if (settled) {
            throw Refusal.conflict("refund-already-settled", "The refund of registration " + registrationId
                    + " is already settled (processor's refund reference " + settledReference + "); a refund is never paid twice. If the"
                    + " processor returned that payout, record it as REVERSED first.");
        }
        if (cmd.outcome() == PayoutOutcome.SETTLED) {
            if (com.polaris.kat.security.strict.InvisibleCharacters.blank(cmd.processorRefundReference())) {
                throw Refusal.invalidField("invalid-payout", "processorRefundReference", "A settled payout needs the processor's refund reference.");
            }
            refuseWhatNoProcessorPrints(cmd.processorRefundReference());
            if (chargeReference != null && referenceKey(cmd.processorRefundReference()).equals(referenceKey(chargeReference))) {
                // the charge's id pasted for the refund's (a fresh reviewer's was recorded as a payout the processor never made)
                throw Refusal.invalidField("invalid-payout", "processorRefundReference", "The processor's refund reference "
                        + cmd.processorRefundReference() + " is the charge reference of this registration's payment, not a refund's:"
                        + " copy the refund's own reference from the processor's record of the refund.");
            }
            if (reversedReferences.contains(referenceKey(cmd.processorRefundReference()))) {
                // the payout the processor returned, recorded again (a fresh reviewer's: settled, reversed, then settled with the
                // same reference: the ledger showed two settlements of one processor refund)
                throw Refusal.invalidField("invalid-payout", "processorRefundReference", "The processor's refund reference "
                        + cmd.processorRefundReference() + " is the payout of this refund that was reversed; a new payout has a new"
                        + " reference from the processor.");
            }
            refuseWhatTheOutcomeDoesNotRecord(cmd);
            references.take(cmd.processorRefundReference(), seriesId, registrationId, clock.instant());
            apply(new RefundPayoutSettled(seriesId, registrationId, decision.refundAmount(), cmd.processorRefundReference(), attempts + 1, clock.instant()));
        } else {
            if (com.polaris.kat.security.strict.InvisibleCharacters.blank(cmd.failureReason())) {
                throw Refusal.invalidField("invalid-payout", "failureReason", "A failed payout needs the reason the processor gave.");
            }
            refuseWhatTheOutcomeDoesNotRecord(cmd);
            apply(new RefundPayoutFailed(seriesId, registrationId, decision.refundAmount(), cmd.failureReason(), attempts + 1, clock.instant()));
        }
    }

    /**
     * A processor's refund reference as compared with another (a reversed one, another refund's): in Unicode NFKC (full-width
     * letters as plain ones), without any invisible character ({@code InvisibleCharacters}: a variation selector, a filler)
     * or punctuation anywhere in it: a space (a no-break space included), a hyphen or dash of any kind (U+2010 to U+2015,
     * U+2212), an underscore (any connector punctuation), any ASCII punctuation; in lower case: a reference is compared by
     * its letters and digits. Fresh reviewers (2026-12-07) settled a second refund with Stripe's "re_X3" retyped "RE-x3",
     * then "re x3", then "re.x3", "re/x3", "(re_x3)" and "re_x3." (copied from a sentence); before them, fresh reviewers'
     * "re_1 ", "RE_1", "re_1" + U+00A0, "re_1" + U+FE0F, "re_ 1"
     * and "re‐1" (U+2010, beside "re-1") settled again the payout "re_1" or "re-1"; no processor's reference holds a space,
     * the kind of hyphen a word processor put in, or a character that draws nothing. Case: Stripe's ids are case-sensitive
     * (base62), so two of its refunds could in principle differ in case alone; long ids drawn at random from 62 characters
     * make that practically impossible, while a clerk retyping a reference in other case is common. A refund
     * refused so names the registration whose refund the reference settled, for the clerk to check at the processor.
     */
    static String referenceKey(String reference) {
        String comparable = com.polaris.kat.security.strict.InvisibleCharacters.comparable(reference);
        return comparable == null ? null : NOT_COMPARED.matcher(comparable).replaceAll("").toLowerCase(java.util.Locale.ROOT);
    }

    /** What a reference is compared without: spaces, hyphens and dashes, connector and ASCII punctuation. */
    private static final java.util.regex.Pattern NOT_COMPARED = java.util.regex.Pattern.compile("[\\p{Punct}\\s\\p{Z}\\p{Pd}\\u2212\\p{Pc}]+");

    /**
     * A processor's refund reference is printed in ASCII (letters, digits, punctuation: Stripe's {@code re_…}, PayPal's and
     * Square's ids, an ACH trace number); once compared ({@link #referenceKey}: full-width forms as plain ones, every dash as
     * a hyphen, invisible characters and spaces out) one that still holds another character is refused.
     * Reason: a fresh reviewer settled one processor refund 13 times through a Braille blank, dashes outside U+2010–U+2015,
     * look-alike Cyrillic letters and the like, each taken for another reference; refusing what no processor prints ends
     * the kind, where listing look-alikes never would.
     *
     * @throws Refusal {@code 422 invalid-payout} (field {@code processorRefundReference}) naming the first such character
     */
    static void refuseWhatNoProcessorPrints(String reference) {
        String key = referenceKey(reference);
        if (key.codePoints().noneMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            throw Refusal.invalidField("invalid-payout", "processorRefundReference", "A processor's refund reference has letters or"
                    + " digits; this one has none: copy the reference from the processor's record.");
        }
        java.util.function.IntPredicate unprinted = c -> c <= 0x20 || c >= 0x7F;
        if (key.codePoints().anyMatch(unprinted)) {
            // named as typed: the first character whose own comparison form holds one (a fresh reviewer's "re_Ünïcode" was told
            // U+00FC, the lower-cased form, for the Ü typed)
            int typed = reference.codePoints().filter(c -> referenceKey(new String(Character.toChars(c))).codePoints().anyMatch(unprinted))
                    .findFirst().orElseGet(() -> key.codePoints().filter(unprinted).findFirst().getAsInt());
            throw Refusal.invalidField("invalid-payout", "processorRefundReference", "A processor's refund reference is printed in"
                    + " letters A-Z, digits and ASCII punctuation; this one holds U+" + String.format("%04X", typed)
                    + ", which no processor's reference has: copy the reference from the processor's record.");
        }
    }

    /**
     * A field the outcome's event would not keep is refused, not dropped (checked after the fields the outcome needs, so a
     * missing one is named first) (a fresh reviewer's settled payout "with" a
     * failure reason left no trace of it): a settlement has no failure reason, a failure no refund reference, and a
     * reversal names the settled payout's reference itself.
     *
     * @throws Refusal invalid-payout (422) naming the field
     */
    private void refuseWhatTheOutcomeDoesNotRecord(RecordRefundPayout cmd) {
        boolean reason = cmd.failureReason() != null && !cmd.failureReason().isBlank();
        boolean reference = cmd.processorRefundReference() != null && !cmd.processorRefundReference().isBlank();
        if (cmd.outcome() == PayoutOutcome.SETTLED && reason) {
            throw Refusal.invalidField("invalid-payout", "failureReason", "A settled payout has no failure reason; send failureReason only"
                    + " with FAILED or REVERSED.");
        }
        if (cmd.outcome() == PayoutOutcome.FAILED && reference) {
            throw Refusal.invalidField("invalid-payout", "processorRefundReference", "A failed payout records the processor's reason, not a"
                    + " refund reference; send processorRefundReference only with SETTLED.");
        }
        if (cmd.outcome() == PayoutOutcome.REVERSED && settled && reference
                && !referenceKey(cmd.processorRefundReference()).equals(referenceKey(settledReference))) { // compared as settlements compare
            throw Refusal.invalidField("invalid-payout", "processorRefundReference", "A reversal undoes the settled payout "
                    + settledReference + " and names it itself; send no processorRefundReference (or that one).");
        }
    }

    @EventSourcingHandler
    void on(RegistrationCancelled e) {
        decision = e.decision();
    }

    @EventSourcingHandler
    void on(RefundPayoutSettled e) {
        outcomes++;
        attempts++;
        settled = true;
        settledReference = e.processorRefundReference();
    }

    @EventSourcingHandler
    void on(RefundPayoutReversed e) {
        outcomes++;
        settled = false;
        reversedReferences.add(referenceKey(e.reversesProcessorRefundReference()));
    }

    @EventSourcingHandler
    void on(RefundPayoutFailed e) {
        outcomes++;
        attempts++;
    }
}
