package com.polaris.kat.eventstore.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Attendance events from revision 1 to 2 (issue 17: attendance as join/leave segments). Revision 1
 * held one joined/left pair, or minutes present; revision 2 holds the list of segments. The pair
 * becomes the one segment (minutes only: no segment); an attendance event gains
 * {@code sourceFileSha256: null} (nothing was imported then); a CE decision gains
 * {@code minutesAway} (0 with one segment, null with minutes only) and
 * {@code allowedAbsenceMinutes: null} (the rule of the time allowed no absence between segments:
 * there was only one). Nothing else changes.
 */
public final class AttendanceSegmentsUpcaster extends SingleEventUpcaster {

    static final String RECORDED = "com.polaris.kat.events.attendance.AttendanceEvents$AttendanceRecorded";
    static final String CORRECTED = "com.polaris.kat.events.attendance.AttendanceEvents$AttendanceCorrected";
    static final String EARNED = "com.polaris.kat.events.attendance.AttendanceEvents$ModuleCeCreditEarned";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation r) {
        String type = r.getType().getName();
        return "1".equals(r.getType().getRevision()) && (type.equals(RECORDED) || type.equals(CORRECTED) || type.equals(EARNED));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation r) {
        String type = r.getType().getName();
        return r.upcastPayload(new SimpleSerializedType(type, "2"), JsonNode.class, json -> {
            ObjectNode o = (ObjectNode) json;
            JsonNode joined = o.get("joinedAt");
            JsonNode left = o.get("leftAt");
            ArrayNode segments = JsonNodeFactory.instance.arrayNode();
            boolean pair = joined != null && !joined.isNull() && left != null && !left.isNull();
            if (pair) {
                segments.addObject().set("joinedAt", joined.deepCopy());
                ((ObjectNode) segments.get(0)).set("leftAt", left.deepCopy());
            }
            o.set("segments", segments);
            if (type.equals(EARNED)) {
                if (pair) {
                    o.put("minutesAway", 0);
                } else {
                    o.putNull("minutesAway");
                }
                o.putNull("allowedAbsenceMinutes");
            } else {
                o.putNull("sourceFileSha256");
            }
            return o;
        });
    }
}
