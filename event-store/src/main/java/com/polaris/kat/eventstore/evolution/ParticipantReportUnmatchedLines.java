package com.polaris.kat.eventstore.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code ParticipantReportImported} from revision 1 to 2: revision 2 records the line numbers of the
 * rows the import left unmatched (the only rows staff may set aside); revision 1 kept only their
 * count, so the upcast event gains {@code unmatchedLines: null} ("not recorded"), and the class day
 * then takes any line for that report, as it did when the event was written. Nothing else changes.
 */
public final class ParticipantReportUnmatchedLines extends SingleEventUpcaster {

    static final String IMPORTED = "com.polaris.kat.events.attendance.AttendanceEvents$ParticipantReportImported";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation r) {
        return "1".equals(r.getType().getRevision()) && IMPORTED.equals(r.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation r) {
        return r.upcastPayload(new SimpleSerializedType(IMPORTED, "2"), JsonNode.class, json -> {
            ((ObjectNode) json).putNull("unmatchedLines");
            return json;
        });
    }
}
