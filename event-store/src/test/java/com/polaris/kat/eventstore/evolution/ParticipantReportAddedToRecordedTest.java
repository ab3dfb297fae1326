package com.polaris.kat.eventstore.evolution;

import com.polaris.kat.eventstore.MessagingAutoConfiguration;
import com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportImported;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ParticipantReportImported} revisions 1 and 2 (the pinned samples as stored before the import's mode was recorded)
 * are read as revision 3 through {@link ParticipantReportAddedToRecorded}: {@code addedToRecorded} is present and null
 * ("not recorded"), everything else as stored. (Jackson alone would also leave the missing field null; the upcaster makes
 * the revision read say 3, as every other revision's does.)
 */
class ParticipantReportAddedToRecordedTest {

    @Test
    void aRevisionTwoImportIsReadWithWhetherItWasAddedNotRecorded() throws Exception {
        ParticipantReportImported imported = read("2");
        assertThat(imported.addedToRecorded()).isNull();
        assertThat(imported.unmatchedLines()).isEqualTo(List.of(12345L));
        assertThat(imported.attendeesCorrected()).isEqualTo(3);
        assertThat(imported.timeZone()).isEqualTo("timeZone-1");
    }

    @Test
    void theChainReadsEveryEarlierRevisionAsTheCurrentOneWithTheFieldsPresentAndNull() throws Exception {
        for (String revision : List.of("1", "2", "3", "4")) {
            org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation upcast = EventUpcasters.chain()
                    .upcast(Stream.of(new org.axonframework.serialization.upcasting.event.InitialEventRepresentation(entry(revision),
                            MessagingAutoConfiguration.eventJsonSerializer())))
                    .findFirst().orElseThrow();
            assertThat(upcast.getType().getRevision()).as("revision read from " + revision).isEqualTo("5");
            com.fasterxml.jackson.databind.JsonNode payload = upcast.getData(com.fasterxml.jackson.databind.JsonNode.class).getData();
            assertThat(payload.has("addedToRecorded")).isTrue();
            if (!revision.equals("3") && !revision.equals("4")) {
                assertThat(payload.get("addedToRecorded").isNull()).isTrue();
            }
            if (!revision.equals("4")) {
                assertThat(payload.get("attendeesNotAdded").isNull()).as("attendeesNotAdded read from " + revision).isTrue();
            }
            assertThat(payload.get("attendeesSuperseded").isNull()).as("attendeesSuperseded read from " + revision).isTrue();
            assertThat(payload.get("reinstated").isNull()).as("reinstated read from " + revision).isTrue();
        }
    }

    @Test
    void revisionFiveRecordsWhomTheReportLeftAsRecordedAndWhetherItWasAskedToStandAgain() throws Exception {
        ParticipantReportImported four = read("4");
        assertThat(four.attendeesSuperseded()).isNull();
        assertThat(four.reinstated()).isNull();
        assertThat(four.attendeesNotAdded()).isNotNull();
        ParticipantReportImported five = read("5");
        assertThat(five.attendeesSuperseded()).isNotNull();
        assertThat(five.reinstated()).isNotNull();
    }

    @Test
    void aRevisionOneImportIsReadThroughBothUpcasters() throws Exception {
        ParticipantReportImported imported = read("1");
        assertThat(imported.addedToRecorded()).isNull();
        assertThat(imported.unmatchedLines()).isNull();
        assertThat(imported.rowsUnmatched()).isEqualTo(3);
    }

    private static ParticipantReportImported read(String revision) throws Exception {
        return (ParticipantReportImported) EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry(revision)),
                MessagingAutoConfiguration.eventJsonSerializer(), EventUpcasters.chain()).next().getPayload();
    }

    /** The pinned sample of {@code revision} as the store holds it. */
    private static GenericDomainEventEntry<byte[]> entry(String revision) throws Exception {
        byte[] stored = Files.readAllBytes(Path.of("src/test/resources/event-samples/"
                + "com.polaris.kat.events.attendance.AttendanceEvents$ParticipantReportImported@" + revision + ".json"));
        return new GenericDomainEventEntry<>("ClassDay", "classDayId-1", 3, "e-1",
                "2023-12-18T20:00:00Z", ParticipantReportImported.class.getName(), revision, stored, "{}".getBytes(StandardCharsets.UTF_8));
    }
}
