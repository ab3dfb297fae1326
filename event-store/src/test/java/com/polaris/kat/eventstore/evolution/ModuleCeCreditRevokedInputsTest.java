package com.polaris.kat.eventstore.evolution;

import com.polaris.kat.eventstore.MessagingAutoConfiguration;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditRevoked;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

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
        byte[] stored = Files.readAllBytes(Path.of("src/test/resources/event-samples/"
                + "com.polaris.kat.events.attendance.AttendanceEvents$ModuleCeCreditRevoked@" + revision + ".json"));
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Registration", "registrationId-1", 7, "e-1",
                "2023-12-18T20:00:00Z", ModuleCeCreditRevoked.class.getName(), revision, stored, "{}".getBytes(StandardCharsets.UTF_8));
        return (ModuleCeCreditRevoked) EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry),
                MessagingAutoConfiguration.eventJsonSerializer(), EventUpcasters.chain()).next().getPayload();
    }
}
