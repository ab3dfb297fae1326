package com.polaris.kat.eventstore.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code RegistrationPlaced} revision 1 -> 2 (issue 13). Revision 1 held the clinician in plain text;
 * revision 2 holds it sealed ({@code SealedClinician}). An upcaster has no keys and the store is
 * immutable, so the old plain text cannot be encrypted here: it is carried as
 * {@code clinician.unsealed} (key ids and ciphertexts null), and {@code PersonalDataVault.open}
 * reads it as erased once a key of that part of the clinician was shredded (docs/decisions.md).
 */
public final class RegistrationPlacedSealed extends SingleEventUpcaster {

    private static final String TYPE = RegistrationPlaced.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation r) {
        return r.getType().equals(new SimpleSerializedType(TYPE, "1"));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation r) {
        return r.upcastPayload(new SimpleSerializedType(TYPE, "2"), JsonNode.class, json -> {
            ObjectNode o = (ObjectNode) json;
            ObjectNode sealed = JsonNodeFactory.instance.objectNode();
            sealed.putNull("contactKeyId");
            sealed.putNull("contact");
            sealed.putNull("identityKeyId");
            sealed.putNull("identity");
            sealed.set("unsealed", o.get("clinician"));
            o.set("clinician", sealed);
            return o;
        });
    }
}
