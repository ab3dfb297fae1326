package com.polaris.kat.projection.audit;

import com.polaris.kat.eventstore.position.EventPosition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.polaris.kat.eventstore.RequestMetadata;
import com.polaris.kat.events.json.EventJson;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.UnknownSerializedType;
import com.polaris.kat.projection.streaming.UnreadableEvents;
import com.polaris.kat.projection.streaming.StorableText;
import com.polaris.kat.projection.streaming.ProjectionWriter;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * Every event, in order, with its time, actor, correlation id and full content (a decision's inputs
 * and rule included), findable by the registration and the clinician it concerns.
 */
@Component
@ProcessingGroup("audit")
public class AuditTrailProjection {

    private final ProjectionWriter writer;
    private final UnreadableEvents unreadableEvents;
    private final ObjectMapper json = EventJson.newObjectMapper();

    public AuditTrailProjection(ProjectionWriter writer, UnreadableEvents unreadableEvents) {
        this.writer = writer;
        this.unreadableEvents = unreadableEvents;
    }

    /**
     * Records the event under its own global index ({@link EventPosition}). An event of a type this
     * build does not know is recorded too, with its stored type name and its JSON as stored, and
     * reported ({@link UnreadableEvents}): the trail shows that something happened there.
     */
    @EventHandler
    void on(Object payload, EventMessage<?> m, TrackingToken token) throws Exception {
        String eventType = m.getPayloadType().getSimpleName();
        JsonNode tree;
        if (payload instanceof UnknownSerializedType unknown) {
            unreadableEvents.met("audit", unknown, m);
            String stored = unknown.serializedType().getName();
            eventType = stored.substring(Math.max(stored.lastIndexOf('.'), stored.lastIndexOf('$')) + 1);
            eventType = eventType.length() > 100 ? eventType.substring(0, 100) : eventType;
            tree = unknown.supportsFormat(JsonNode.class) ? unknown.readData(JsonNode.class)
                    : json.createObjectNode().put("unreadable", eventType);
        } else {
            tree = json.valueToTree(payload);
        }
        tree = StorableText.of(tree);
        String registrationId = text(tree, "registrationId", "sourceRegistrationId");
        String clinicianId = text(tree, "clinicianId");
        String aggregateId = m instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : null;
        Long sequence = m instanceof DomainEventMessage<?> d ? d.getSequenceNumber() : null;
        Object actor = m.getMetaData().get(RequestMetadata.ACTOR);
        Object correlation = m.getMetaData().get(RequestMetadata.CORRELATION_ID);
        writer.update("""
                INSERT INTO projection.audit_event (position, event_id, aggregate_id, sequence_number, event_type, occurred_at, actor,
                    correlation_id, registration_id, clinician_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (position) DO NOTHING""",
                EventPosition.of(token), m.getIdentifier(), aggregateId, sequence, eventType,
                Timestamp.from(m.getTimestamp()), actor == null ? null : actor.toString(), correlation == null ? null : correlation.toString(),
                registrationId, clinicianId, json.writeValueAsString(tree));
    }

    private static String text(JsonNode tree, String... fields) {
        for (String f : fields) {
            JsonNode n = tree.get(f);
            if (n != null && n.isTextual()) {
                return n.asText();
            }
        }
        return null;
    }

    @ResetHandler
    void reset() {
        writer.update("DELETE FROM projection.audit_event"); // not TRUNCATE: readers keep the old rows until the reset commits
    }
}
