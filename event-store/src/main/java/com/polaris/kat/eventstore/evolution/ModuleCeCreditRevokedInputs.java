package com.polaris.kat.eventstore.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code ModuleCeCreditRevoked} from revision 1 to 2: revision 2 carries the withdrawal's inputs (the class day's times,
 * the attendance then recorded, the minutes away, the grace, the allowed absence and the rule); revision 1 kept only the
 * reason, so the upcast event has them null ("not recorded"). Nothing else changes.
 */
public final class ModuleCeCreditRevokedInputs extends SingleEventUpcaster {

    static final String REVOKED = "com.polaris.kat.events.attendance.AttendanceEvents$ModuleCeCreditRevoked";
    private static final String[] INPUTS = {"dayStartsAt", "dayEndsAt", "joinedAt", "leftAt", "segments", "minutesPresent", "minutesAway",
            "graceMinutes", "allowedAbsenceMinutes", "rule"};

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation r) {
        return "1".equals(r.getType().getRevision()) && REVOKED.equals(r.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation r) {
        return r.upcastPayload(new SimpleSerializedType(REVOKED, "2"), JsonNode.class, json -> {
            for (String input : INPUTS) {
                ((ObjectNode) json).putNull(input);
            }
            return json;
        });
    }
}
