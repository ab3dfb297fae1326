package com.polaris.kat.projection.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.polaris.kat.projection.web.Freshness;
import com.polaris.kat.projection.web.NotFound;
import com.polaris.kat.projection.web.PageParams;
import com.polaris.kat.projection.web.Paged;
import com.polaris.kat.web.ApiProblem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.polaris.kat.eventstore.personal.PersonalDataVault;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.SealedClinician;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * Compliance: the audit trail of a registration or of a clinician, every event in order
 * (shared/product-rules: "the audit trail of any decision"). Every query honours
 * {@code ?minPosition=} and may answer 503 projection-behind or projection-rebuilding.
 */
@RestController
@Tag(name = "audit", description = "Compliance: audit trails")
@ApiProblem(status = 503, types = {"projection-behind", "projection-rebuilding"})
public class AuditQueryController {

    private final JdbcTemplate jdbc;
    private final Freshness freshness;
    private final ObjectMapper json;

    private final PersonalDataVault vault;

    public AuditQueryController(JdbcTemplate jdbc, Freshness freshness, ObjectMapper json, PersonalDataVault vault) {
        this.vault = vault;
        this.jdbc = jdbc;
        this.freshness = freshness;
        this.json = json;
    }

    /** One event of an audit trail: when it was recorded (UTC), who asked, under which correlation id, its stream and full content. */
    @Schema(description = "One recorded event with its full content (the event's own fields, as stored).",
            example = "{\"position\":42,\"event\":\"RegistrationCancelled\",\"recordedAt\":\"2026-11-26T15:19:14.822Z\",\"actor\":\"frontend\","
                    + "\"correlationId\":\"4397fe12-8c55-4f0e-9d0a-3c1b0e2f6a11\",\"stream\":\"aa96f034-b0e1-34af-8a84-4570261d948e\","
                    + "\"sequence\":1,\"content\":{\"seriesId\":\"series-21\",\"registrationId\":\"aa96f034-b0e1-34af-8a84-4570261d948e\"}}")
    public record AuditEvent(@Schema(description = "the event's global index") long position,
                             @Schema(description = "the event type's simple name") String event, Instant recordedAt,
                             @Schema(types = {"string", "null"}) String actor, @Schema(types = {"string", "null"}) String correlationId,
                             @Schema(types = {"string", "null"}) String stream, @Schema(types = {"integer", "null"}, format = "int64") Long sequence,
                             @Schema(types = "object", description = "the event's content, its field names as stored; its fields depend on the event type. "
                                     + "Personal data the store holds sealed is shown opened in place: the registration's `clinician`, and each "
                                     + "text the clinician wrote (e.g. a cancellation's `sealedReason`) as their words; \"[erased]\" once an "
                                     + "erasure shredded its key")
                             JsonNode content) {
    }

    /** A page of an audit trail ({@link Paged}): the events that concern {@code id}, in order. */
    @Schema(description = "A page of the audit trail of a registration or a clinician, in the order the events were recorded.",
            example = "{\"id\":\"aa96f034-b0e1-34af-8a84-4570261d948e\",\"items\":[{\"position\":42,\"event\":\"RegistrationCancelled\","
                    + "\"recordedAt\":\"2026-11-26T15:19:14.822Z\",\"actor\":\"frontend\",\"correlationId\":\"4397fe12-8c55-4f0e-9d0a-3c1b0e2f6a11\","
                    + "\"stream\":\"aa96f034-b0e1-34af-8a84-4570261d948e\",\"sequence\":1,\"content\":{\"seriesId\":\"series-21\"}}],"
                    + "\"page\":0,\"size\":20,\"totalItems\":1}")
    public record AuditTrailPage(@Schema(description = "the registration or clinician id") String id, List<AuditEvent> items, int page, int size,
                                 long totalItems) implements Paged<AuditEvent> {
    }

    /** Every event that concerns a registration (a page). Problems: 404 not-found (no events). */
    @GetMapping("/api/audit/registrations/{registrationId}")
    @Operation(summary = "Read the audit trail of a registration: every event, its time, actor and content")
    public AuditTrailPage registration(@PathVariable String registrationId, @RequestParam(required = false) String page,
                                       @RequestParam(required = false) String size, @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        return freshness.read("audit", minPosition, () -> trail("registration_id = ?", registrationId, p, registrationId));
    }

    /**
     * The events of a clinician's trail: those naming the clinician, and every event of a registration of theirs, also those
     * that name only the registration (a refund payout settled, failed or reversed, the processor's refund reference, a
     * make-up's place on its day): a fresh reviewer's clinician trail ended at the cancellation while the registration's
     * showed its refund paid. Decided at reading, so the trail does not depend on the order the projection met the events in.
     */
    private static final String OF_CLINICIAN = "(clinician_id = ? OR registration_id IN (SELECT registration_id FROM projection.audit_event"
            + " WHERE clinician_id = ? AND registration_id IS NOT NULL))";

    /** Every event that concerns a clinician (a page). Problems: 404 not-found (no events). */
    @GetMapping("/api/audit/clinicians/{clinicianId}")
    @Operation(summary = "Read the audit trail of a clinician: every event, its time, actor and content")
    public AuditTrailPage clinician(@PathVariable String clinicianId, @RequestParam(required = false) String page,
                                    @RequestParam(required = false) String size, @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        return freshness.read("audit", minPosition, () -> trail(OF_CLINICIAN, clinicianId, p, clinicianId, clinicianId));
    }

    /**
     * The event's content with a sealed clinician shown decrypted, and each text the clinician gave ({@code SealedText}, e.g.
     * a cancellation's {@code sealedReason}) as its words, or "[erased]" in every field whose key is gone; the trail's table
     * keeps only what the event store holds (ciphertext).
     */
    private JsonNode opened(JsonNode content, String clinicianId) throws java.io.IOException {
        if (clinicianId == null || !(content instanceof ObjectNode o)) {
            return content;
        }
        java.util.List<String> fields = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            JsonNode value = o.get(field);
            if (value.isObject() && value.size() == 2 && value.has("keyId") && value.has("sealed")
                    && (value.get("sealed").isTextual() || value.get("sealed").isNull())) {
                o.put(field, vault.openText(clinicianId, json.treeToValue(value, com.polaris.kat.events.enrollment.SealedText.class)));
            }
        }
        JsonNode sealed = content.get("clinician");
        if (sealed == null || !sealed.isObject() || !sealed.has("contactKeyId")) {
            return o;
        }
        Clinician c = vault.open(clinicianId, json.treeToValue(sealed, SealedClinician.class));
        o.set("clinician", json.valueToTree(c));
        return o;
    }

    /** One page of the events {@code where} selects with {@code args} (its {@code ?}s), in order; 404 not-found, naming {@code id}, when none. */
    private AuditTrailPage trail(String where, String id, PageParams p, Object... args) {
        List<Object> pageArgs = new java.util.ArrayList<>(java.util.Arrays.asList(args));
        pageArgs.add(p.size());
        pageArgs.add(p.offset());
        List<AuditEvent> events = jdbc.query("SELECT position, event_type, occurred_at, actor, correlation_id, aggregate_id, sequence_number, payload::text, clinician_id"
                + " FROM projection.audit_event WHERE " + where + " ORDER BY position LIMIT ? OFFSET ?", (rs, i) -> {
            Object sequence = rs.getObject(7);
            try {
                return new AuditEvent(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5),
                        rs.getString(6), sequence == null ? null : ((Number) sequence).longValue(), opened(json.readTree(rs.getString(8)), rs.getString(9)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }, pageArgs.toArray());
        Long total = jdbc.queryForObject("SELECT count(*) FROM projection.audit_event WHERE " + where, Long.class, args);
        if (total == null || total == 0) {
            throw new NotFound("No events concern " + id + ".");
        }
        return new AuditTrailPage(id, events, p.page(), p.size(), total);
    }
}
