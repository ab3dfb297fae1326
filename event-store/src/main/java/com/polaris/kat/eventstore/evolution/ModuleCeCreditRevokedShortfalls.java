package com.polaris.kat.eventstore.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code ModuleCeCreditRevoked} from revision 2 to 3: revision 3 names what fell short in words ({@code shortfalls}, as a
 * not-earned decision does); revision 2 did not, so the upcast event has it null ("not recorded"; its inputs still let a
 * reader recompute them). Runs after {@link ModuleCeCreditRevokedInputs}, so revision 1 reaches 3 too. Nothing else changes.
 */
public final class ModuleCeCreditRevokedShortfalls extends SingleEventUpcaster {

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation r) {
        return "2".equals(r.getType().getRevision()) && ModuleCeCreditRevokedInputs.REVOKED.equals(r.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation r) {
        return r.upcastPayload(new SimpleSerializedType(ModuleCeCreditRevokedInputs.REVOKED, "3"), JsonNode.class, json -> {
            ((ObjectNode) json).putNull("shortfalls");
            return json;
        });
    }
}
