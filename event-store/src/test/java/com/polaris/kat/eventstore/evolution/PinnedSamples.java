package com.polaris.kat.eventstore.evolution;

import com.polaris.kat.eventstore.MessagingAutoConfiguration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The pinned samples of {@code src/test/resources/event-samples}, read as the store's readers read them. */
final class PinnedSamples {

    private PinnedSamples() {
    }

    /**
     * The pinned sample {@code <type>@<revision>.json}, as stored, read through the upcaster chain as the current revision.
     *
     * @throws IOException the sample cannot be read
     */
    static <T> T read(Class<T> type, String revision) throws IOException {
        byte[] stored = Files.readAllBytes(Path.of("src/test/resources/event-samples/" + type.getName() + "@" + revision + ".json"));
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Registration", "registrationId-1", 0, "e-1",
                "2023-10-10T16:04:00Z", type.getName(), revision, stored, "{}".getBytes(StandardCharsets.UTF_8));
        return type.cast(EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry), MessagingAutoConfiguration.eventJsonSerializer(),
                EventUpcasters.chain()).next().getPayload());
    }
}
