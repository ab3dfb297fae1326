package com.polaris.kat.eventstore.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.List;

/**
 * The upcaster of a revision that only added fields: the event of type {@code type} at revision {@code from} is read as
 * revision {@code to} with each added field present and null ("not recorded": the event was written before the field
 * existed). Nothing else of the payload changes. The named subclasses say which revision of which event added what.
 */
public abstract class FieldsAddedAsNull extends SingleEventUpcaster {

    private final String type;
    private final String from;
    private final String to;
    private final List<String> fields;

    /**
     * @param type   the event's stored type name (the payload class's binary name, e.g. {@code …AttendanceEvents$ModuleCeCreditRevoked})
     * @param from   the revision read
     * @param to     the revision it is read as
     * @param fields the fields revision {@code to} added
     */
    protected FieldsAddedAsNull(String type, String from, String to, String... fields) {
        this.type = type;
        this.from = from;
        this.to = to;
        this.fields = List.of(fields);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation r) {
        return from.equals(r.getType().getRevision()) && type.equals(r.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation r) {
        return r.upcastPayload(new SimpleSerializedType(type, to), JsonNode.class, json -> {
            for (String field : fields) {
                ((ObjectNode) json).putNull(field);
            }
            return json;
        });
    }
}
