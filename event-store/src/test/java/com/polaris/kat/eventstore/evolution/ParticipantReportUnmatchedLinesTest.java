package com.polaris.kat.eventstore.evolution;

import com.polaris.kat.eventstore.MessagingAutoConfiguration;
import com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportImported;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ParticipantReportImported} revision 1 (the pinned sample as stored before its unmatched
 * lines were recorded) is read as revision 2 through {@link ParticipantReportUnmatchedLines}: the
 * lines are null ("not recorded"), the counts unchanged.
 */
class ParticipantReportUnmatchedLinesTest {

    @Test
    void aRevisionOneImportIsReadWithItsUnmatchedLinesNotRecorded() throws Exception {
        byte[] stored = Files.readAllBytes(Path.of("src/test/resources/event-samples/"
                + "com.polaris.kat.events.attendance.AttendanceEvents$ParticipantReportImported@1.json"));
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("ClassDay", "classDayId-1", 3, "e-1",
                "2023-12-18T20:00:00Z", ParticipantReportImported.class.getName(), "1", stored, "{}".getBytes(StandardCharsets.UTF_8));
        ParticipantReportImported imported = (ParticipantReportImported) EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry),
                MessagingAutoConfiguration.eventJsonSerializer(), EventUpcasters.chain()).next().getPayload();
        assertThat(imported.unmatchedLines()).isNull();
        assertThat(imported.rowsUnmatched()).isEqualTo(3);
        assertThat(imported.sourceFileSha256()).isEqualTo("sourceFileSha256-1");
        assertThat(imported.attendeesRecorded()).isEqualTo(3);
    }
}
