package com.polaris.kat.eventstore.evolution;

import com.polaris.kat.eventstore.MessagingAutoConfiguration;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesCapacityChanged;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code SeriesCapacityChanged} revision 1 (the pinned sample as stored before the seats held by offers were recorded) is read
 * as revision 2 through {@link SeriesCapacityChangedHeldSeats}: {@code seatsHeldByOffers} null ("not recorded"), everything
 * else as stored; revision 2 reads what it recorded.
 */
class SeriesCapacityChangedHeldSeatsTest {

    @Test
    void aRevisionOneChangeIsReadWithTheHeldSeatsNotRecordedAndRevisionTwoWithThem() throws Exception {
        var one = EventUpcasters.chain().upcast(Stream.of(new org.axonframework.serialization.upcasting.event.InitialEventRepresentation(entry("1"),
                MessagingAutoConfiguration.eventJsonSerializer()))).findFirst().orElseThrow();
        assertThat(one.getType().getRevision()).isEqualTo("2");
        SeriesCapacityChanged old = read("1");
        assertThat(old.seatsHeldByOffers()).isNull();
        assertThat(old.seatsTaken()).isEqualTo(3);
        assertThat(old.reason()).isEqualTo("reason-1");
        assertThat(read("2").seatsHeldByOffers()).isEqualTo(3);
    }

    private static SeriesCapacityChanged read(String revision) throws Exception {
        return (SeriesCapacityChanged) EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry(revision)),
                MessagingAutoConfiguration.eventJsonSerializer(), EventUpcasters.chain()).next().getPayload();
    }

    /** The pinned sample of {@code revision} as the store holds it. */
    private static GenericDomainEventEntry<byte[]> entry(String revision) throws Exception {
        byte[] stored = Files.readAllBytes(Path.of("src/test/resources/event-samples/"
                + "com.polaris.kat.events.catalog.CatalogEvents$SeriesCapacityChanged@" + revision + ".json"));
        return new GenericDomainEventEntry<>("Series", "series-20", 3, "e-1",
                "2023-08-20T20:00:00Z", SeriesCapacityChanged.class.getName(), revision, stored, "{}".getBytes(StandardCharsets.UTF_8));
    }
}
