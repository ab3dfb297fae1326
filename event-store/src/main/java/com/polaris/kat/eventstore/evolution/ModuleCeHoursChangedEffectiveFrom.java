package com.polaris.kat.eventstore.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.polaris.kat.events.catalog.CatalogEvents.ModuleCeHoursChanged;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code ModuleCeHoursChanged} from revision 1 to 2: revision 2 names the instant the new hours apply from
 * ({@code effectiveFrom}, class days starting after it earn them). Revision 1 did not; such a change took effect when it
 * was recorded, so the upcast event has the instant the event was stored (its timestamp, UTC, ISO-8601). Nothing else of
 * the payload changes.
 */
public final class ModuleCeHoursChangedEffectiveFrom extends SingleEventUpcaster {

    private static final String TYPE = ModuleCeHoursChanged.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation r) {
        return "1".equals(r.getType().getRevision()) && TYPE.equals(r.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation r) {
        String storedAt = r.getTimestamp().toString();
        return r.upcastPayload(new SimpleSerializedType(TYPE, "2"), JsonNode.class, json -> {
            ((ObjectNode) json).put("effectiveFrom", storedAt);
            return json;
        });
    }
}
