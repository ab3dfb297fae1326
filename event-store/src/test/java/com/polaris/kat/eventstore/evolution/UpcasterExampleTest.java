package com.polaris.kat.eventstore.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.polaris.kat.events.catalog.CatalogEvents.ModuleDefined;
import com.polaris.kat.eventstore.MessagingAutoConfiguration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a change of an event's shape is made (the pattern {@link EventUpcasters} expects): the old
 * JSON, as stored, is read through an upcaster to the current record. Shown on an invented older
 * shape of {@code ModuleDefined} ("hours" instead of "ceHours", revision 0); no such revision was
 * ever stored, so this upcaster lives in the test only.
 */
class UpcasterExampleTest {

    private static final String TYPE = ModuleDefined.class.getName();

    /** Revision 0 of ModuleDefined called its hours "hours": rename the field, revision 0 -> 1. */
    static final class ModuleDefinedHoursRenamed extends SingleEventUpcaster {
        @Override
        protected boolean canUpcast(IntermediateEventRepresentation r) {
            return r.getType().equals(new SimpleSerializedType(TYPE, "0"));
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation r) {
            return r.upcastPayload(new SimpleSerializedType(TYPE, "1"), JsonNode.class, json -> {
                ObjectNode o = (ObjectNode) json;
                o.set("ceHours", o.remove("hours"));
                return o;
            });
        }
    }

    @Test
    void anEventStoredInAnOlderShapeIsReadAsTheCurrentRecordThroughItsUpcaster() throws Exception {
        byte[] stored = "{\"moduleCode\":\"M1\",\"title\":\"Introduction\",\"hours\":8}".getBytes(StandardCharsets.UTF_8);
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("CourseModule", "M1", 0, "e-1", "2023-01-01T00:00:00Z",
                TYPE, "0", stored, "{}".getBytes(StandardCharsets.UTF_8));
        Object payload = EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry), MessagingAutoConfiguration.eventJsonSerializer(),
                new EventUpcasterChain(new ModuleDefinedHoursRenamed())).next().getPayload();
        assertThat(payload).isEqualTo(new ModuleDefined("M1", "Introduction", new BigDecimal("8")));
        assertThat(new ObjectMapper().readTree(stored).has("ceHours")).isFalse();
    }
}
