package com.polaris.kat.enrollment.catalog;

import com.polaris.kat.events.catalog.CatalogEvents.ModuleCeHoursChanged;
import com.polaris.kat.events.catalog.CeHoursApproval;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hours a class day earns: {@link ModuleCeApprovals}, the rule of docs/decisions.md ("A class day earns the CE hours …"). */
class ModuleCeApprovalsTest {

    private static final Instant FIRST = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant SECOND = Instant.parse("2027-03-01T00:00:00Z");
    private static final BigDecimal EIGHT = new BigDecimal("8");

    private static ModuleCeHoursChanged change(String from, String to, Instant effectiveFrom) {
        return new ModuleCeHoursChanged("M1", new BigDecimal(from), new BigDecimal(to), "reason", effectiveFrom);
    }

    /**
     * A day earns the hours of the last change recorded before it started, each change reaching days that start after it;
     * a day starting at the very instant of a change had started (product rules: "now" counts as started); before any
     * change, the hours its series was scheduled with.
     */
    @Test
    void aDayEarnsTheHoursOfTheLastChangeBeforeItStarts() {
        ModuleCeApprovals approvals = ModuleCeApprovals.of(List.of(change("8", "7", FIRST), change("7", "6.5", SECOND)));
        assertThat(approvals.hoursFor(Instant.parse("2026-12-31T16:00:00Z"), EIGHT)).isEqualByComparingTo("8");
        assertThat(approvals.hoursFor(FIRST, EIGHT)).as("started at the change").isEqualByComparingTo("8");
        assertThat(approvals.hoursFor(FIRST.plusSeconds(1), EIGHT)).isEqualByComparingTo("7");
        assertThat(approvals.hoursFor(SECOND, EIGHT)).isEqualByComparingTo("7");
        assertThat(approvals.hoursFor(Instant.parse("2027-03-08T17:00:00Z"), EIGHT)).isEqualByComparingTo("6.5");
    }

    /**
     * A revision-1 change (no instant: it applied to series scheduled after it) reaches no day by itself: every day earns
     * the hours its series was scheduled with, 8 for a series scheduled before it, 7 for one after (a fresh reviewer's
     * finding: read as taking effect when stored, it had re-priced the days of series scheduled before it). A later change
     * with an instant reaches the days that start after it, in both.
     */
    @Test
    void aRevisionOneChangeReachesOnlySeriesScheduledAfterIt() {
        Instant taughtLater = Instant.parse("2027-05-03T16:00:00Z");
        ModuleCeApprovals revisionOneOnly = ModuleCeApprovals.of(List.of(change("8", "7", null)));
        assertThat(revisionOneOnly.hoursFor(taughtLater, EIGHT)).as("series scheduled before it").isEqualByComparingTo("8");
        assertThat(revisionOneOnly.hoursFor(taughtLater, new BigDecimal("7"))).as("series scheduled after it").isEqualByComparingTo("7");
        ModuleCeApprovals thenTimed = ModuleCeApprovals.of(List.of(change("8", "7", null), change("7", "6", SECOND)));
        assertThat(thenTimed.hoursFor(taughtLater, EIGHT)).isEqualByComparingTo("6");
        assertThat(thenTimed.hoursFor(SECOND, EIGHT)).isEqualByComparingTo("8");
    }

    /**
     * A decision names the approval its hours come from: the change applied, by its {@code effectiveFrom}, or the hours the
     * series was scheduled with (before any change, and for a revision-1 change, which has no instant).
     */
    @Test
    void theHoursComeWithTheApprovalTheyComeFrom() {
        ModuleCeApprovals approvals = ModuleCeApprovals.of(List.of(change("8", "7", null), change("8", "7", FIRST), change("7", "6.5", SECOND)));
        assertThat(approvals.approvedFor(FIRST, EIGHT)).isEqualTo(new ApprovedCeHours(EIGHT, CeHoursApproval.asScheduled()));
        assertThat(approvals.approvedFor(FIRST.plusSeconds(1), EIGHT)).isEqualTo(new ApprovedCeHours(new BigDecimal("7"), CeHoursApproval.changedAt(FIRST)));
        assertThat(approvals.approvedFor(SECOND.plusSeconds(1), EIGHT))
                .isEqualTo(new ApprovedCeHours(new BigDecimal("6.5"), CeHoursApproval.changedAt(SECOND)));
        assertThat(ModuleCeApprovals.of(List.of(change("8", "7", null))).approvedFor(SECOND, new BigDecimal("7")).approval())
                .isEqualTo(CeHoursApproval.asScheduled());
    }
}
