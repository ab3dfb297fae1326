package com.polaris.kat.eventstore.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.polaris.kat.eventstore.MessagingAutoConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event evolution (issue 12): every event type carries a revision; a JSON sample of each, exactly as
 * the store holds it, is pinned in {@code src/test/resources/event-samples/<type>@<revision>.json};
 * every pinned sample, old revisions included, is read back by the current code through the
 * upcasters of {@link EventUpcasters}. A change of an event's shape without a new revision fails here
 * (the current sample no longer matches what the code writes); a new revision without an upcaster
 * from the old one fails here too (the old sample no longer reads). Events must stay readable for
 * the six years CE records are kept.
 */
class EventSamplesTest {

    private static final Path SAMPLES = Path.of("src/test/resources/event-samples");
    private static final Path NEW_SAMPLES = Path.of("target/event-samples-new");

    private final Serializer serializer = MessagingAutoConfiguration.eventJsonSerializer();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void everyEventTypeCarriesARevision() {
        List<Class<?>> types = SampleEvents.eventTypes();
        assertThat(types).as("event types found").hasSizeGreaterThan(20);
        assertThat(types).allSatisfy(t -> assertThat(t.getAnnotation(Revision.class)).as(t.getName() + " @Revision").isNotNull());
    }

    @Test
    void everyEventTypeHasAPinnedSampleOfItsCurrentRevisionThatTheCodeStillWritesAndReads() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : SampleEvents.eventTypes()) {
            Revision revision = type.getAnnotation(Revision.class);
            String file = type.getName() + "@" + (revision == null ? "none" : revision.value()) + ".json";
            SerializedObject<byte[]> written = serializer.serialize(SampleEvents.instance(type), byte[].class);
            if (!Files.exists(SAMPLES.resolve(file))) {
                Files.createDirectories(NEW_SAMPLES);
                Files.write(NEW_SAMPLES.resolve(file), json.writeValueAsBytes(json.readTree(written.getData())));
                missing.add(file);
                continue;
            }
            JsonNode pinned = json.readTree(Files.readAllBytes(SAMPLES.resolve(file)));
            assertThat(json.readTree(written.getData())).as("what the code writes for " + file + " (a change of shape needs a new revision)")
                    .isEqualTo(pinned);
            assertThat(read(type.getName(), revision.value(), pinned)).isInstanceOf(type);
        }
        assertThat(missing).as("event types without a pinned sample; new samples were written to " + NEW_SAMPLES.toAbsolutePath()
                + ": review and copy them to " + SAMPLES).isEmpty();
    }

    @Test
    void everyPinnedSampleOfEveryRevisionIsReadByTheCurrentCode() throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.list(SAMPLES)) {
            samples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(samples).isNotEmpty();
        for (Path sample : samples) {
            String name = sample.getFileName().toString().replaceFirst("\\.json$", "");
            String type = name.substring(0, name.lastIndexOf('@'));
            String revision = name.substring(name.lastIndexOf('@') + 1);
            Object payload = read(type, revision, json.readTree(Files.readAllBytes(sample)));
            assertThat(payload).as(sample + " read by the current code").isNotInstanceOf(UnknownSerializedType.class);
        }
    }

    /** Reads stored JSON as the event store does: upcasters first, then the current classes. */
    private Object read(String type, String revision, JsonNode stored) throws IOException {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Sample", "sample-1", 0, "event-1",
                "2023-10-10T16:04:00Z", type, revision, json.writeValueAsBytes(stored), "{}".getBytes(StandardCharsets.UTF_8));
        DomainEventStream stream = org.axonframework.eventsourcing.EventStreamUtils.upcastAndDeserializeDomainEvents(
                Stream.of(entry), serializer, EventUpcasters.chain());
        DomainEventMessage<?> message = stream.next();
        return message.getPayload();
    }
}
