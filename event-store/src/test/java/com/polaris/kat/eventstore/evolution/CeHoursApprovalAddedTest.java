package com.polaris.kat.eventstore.evolution;

import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditEarned;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditNotEarned;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditRevoked;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditUpheld;
import com.polaris.kat.events.catalog.CeHoursApproval;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CE decisions stored before they named their hours' approval (the pinned samples of the revisions before
 * {@code ceHoursApproval}) are read through {@link CeHoursApprovalAdded} with it null ("not recorded") and everything else
 * as stored; the current revision's sample reads its approval back.
 */
class CeHoursApprovalAddedTest {

    @Test
    void decisionsStoredBeforeTheApprovalWasNamedReadItAsNotRecorded() throws Exception {
        ModuleCeCreditEarned earned = PinnedSamples.read(ModuleCeCreditEarned.class, "3");
        assertThat(earned.ceHoursApproval()).isNull();
        assertThat(earned.ceHours()).isEqualByComparingTo(new BigDecimal("8"));
        assertThat(earned.reason()).isEqualTo("reason-1");
        // revision 1 reaches the newest through every upcaster of the chain
        assertThat(PinnedSamples.read(ModuleCeCreditEarned.class, "1").ceHoursApproval()).isNull();
        ModuleCeCreditRevoked revoked = PinnedSamples.read(ModuleCeCreditRevoked.class, "3");
        assertThat(revoked.ceHoursApproval()).isNull();
        assertThat(revoked.shortfalls()).hasSize(1);
        assertThat(PinnedSamples.read(ModuleCeCreditRevoked.class, "1").ceHoursApproval()).isNull();
        ModuleCeCreditNotEarned notEarned = PinnedSamples.read(ModuleCeCreditNotEarned.class, "1");
        assertThat(notEarned.ceHoursApproval()).isNull();
        assertThat(notEarned.shortfalls()).hasSize(1);
        ModuleCeCreditUpheld upheld = PinnedSamples.read(ModuleCeCreditUpheld.class, "1");
        assertThat(upheld.ceHoursApproval()).isNull();
        assertThat(upheld.correctedClassDayId()).isEqualTo("correctedClassDayId-1");
    }

    @Test
    void theCurrentRevisionReadsItsApprovalBack() throws Exception {
        CeHoursApproval changed = CeHoursApproval.changedAt(Instant.parse("2023-10-10T16:04:00Z"));
        assertThat(PinnedSamples.read(ModuleCeCreditEarned.class, "4").ceHoursApproval()).isEqualTo(changed);
        assertThat(PinnedSamples.read(ModuleCeCreditRevoked.class, "4").ceHoursApproval()).isEqualTo(changed);
        assertThat(PinnedSamples.read(ModuleCeCreditNotEarned.class, "2").ceHoursApproval()).isEqualTo(changed);
        assertThat(PinnedSamples.read(ModuleCeCreditUpheld.class, "2").ceHoursApproval()).isEqualTo(changed);
    }
}
