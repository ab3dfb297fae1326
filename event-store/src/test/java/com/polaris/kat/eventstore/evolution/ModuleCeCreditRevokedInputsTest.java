package com.polaris.kat.eventstore.evolution;

import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditRevoked;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ModuleCeCreditRevoked} revisions 1 and 2 (the pinned samples as stored before withdrawals carried their inputs,
 * then their shortfalls) are read as the current revision through {@link ModuleCeCreditRevokedInputs} and
 * {@link ModuleCeCreditRevokedShortfalls}: what they did not carry is null ("not recorded"), the rest unchanged.
 */
class ModuleCeCreditRevokedInputsTest {

    @Test
    void aRevisionOneWithdrawalIsReadWithItsInputsNotRecorded() throws Exception {
        ModuleCeCreditRevoked revoked = readSample("1");
        assertThat(revoked.reason()).isEqualTo("reason-1");
        assertThat(revoked.ceHours()).isEqualByComparingTo(new BigDecimal("8"));
        assertThat(revoked.segments()).isNull();
        assertThat(revoked.minutesAway()).isNull();
        assertThat(revoked.graceMinutes()).isNull();
        assertThat(revoked.rule()).isNull();
        assertThat(revoked.dayStartsAt()).isNull();
        assertThat(revoked.shortfalls()).isNull();
    }

    /** Revision 2 (inputs, no words) is read as revision 3 through {@link ModuleCeCreditRevokedShortfalls}: shortfalls not recorded. */
    @Test
    void aRevisionTwoWithdrawalIsReadWithItsInputsAndItsShortfallsNotRecorded() throws Exception {
        ModuleCeCreditRevoked revoked = readSample("2");
        assertThat(revoked.reason()).isEqualTo("reason-1");
        assertThat(revoked.graceMinutes()).isEqualTo(3);
        assertThat(revoked.segments()).hasSize(1);
        assertThat(revoked.shortfalls()).isNull();
    }

    /** The pinned sample of that revision, as stored, read through the upcaster chain as the current revision. */
    private static ModuleCeCreditRevoked readSample(String revision) throws Exception {
        return PinnedSamples.read(ModuleCeCreditRevoked.class, revision);
    }
}
