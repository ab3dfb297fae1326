package com.polaris.kat.projection.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.polaris.kat.projection.web.Freshness;
import com.polaris.kat.projection.web.NotFound;
import com.polaris.kat.projection.web.PageParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.polaris.kat.eventstore.personal.PersonalDataVault;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.SealedClinician;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compliance: the audit trail of a registration or of a clinician, every event in order. */
@RestController
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

    @GetMapping("/api/audit/registrations/{registrationId}")
    public Map<String, Object> registration(@PathVariable String registrationId, @RequestParam(required = false) String page,
                                            @RequestParam(required = false) String size, @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        return freshness.read("audit", minPosition, () -> trail("registration_id", registrationId, p));
    }

    @GetMapping("/api/audit/clinicians/{clinicianId}")
    public Map<String, Object> clinician(@PathVariable String clinicianId, @RequestParam(required = false) String page,
                                         @RequestParam(required = false) String size, @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        return freshness.read("audit", minPosition, () -> trail("clinician_id", clinicianId, p));
    }

    /**
     * The event's content with a sealed clinician shown decrypted, or with "[erased]" in every field
     * whose key is gone; the trail's table keeps only what the event store holds (ciphertext).
     */
    private JsonNode opened(JsonNode content, String clinicianId) throws java.io.IOException {
        JsonNode sealed = content.get("clinician");
        if (clinicianId == null || !(content instanceof ObjectNode o) || sealed == null || !sealed.isObject() || !sealed.has("contactKeyId")) {
            return content;
        }
        Clinician c = vault.open(clinicianId, json.treeToValue(sealed, SealedClinician.class));
        o.set("clinician", json.valueToTree(c));
        return o;
    }

    private Map<String, Object> trail(String column, String id, PageParams p) {
        List<Map<String, Object>> events = jdbc.query("SELECT position, event_type, occurred_at, actor, correlation_id, aggregate_id, sequence_number, payload::text, clinician_id"
                + " FROM projection.audit_event WHERE " + column + " = ? ORDER BY position LIMIT ? OFFSET ?", (rs, i) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("position", rs.getLong(1));
            m.put("event", rs.getString(2));
            m.put("recordedAt", rs.getTimestamp(3).toInstant());
            m.put("actor", rs.getString(4));
            m.put("correlationId", rs.getString(5));
            m.put("stream", rs.getString(6));
            m.put("sequence", rs.getObject(7));
            try {
                m.put("content", opened(json.readTree(rs.getString(8)), rs.getString(9)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return m;
        }, id, p.size(), p.offset());
        Long total = jdbc.queryForObject("SELECT count(*) FROM projection.audit_event WHERE " + column + " = ?", Long.class, id);
        if (total == null || total == 0) {
            throw new NotFound("No events concern " + id + ".");
        }
        return p.result(Map.of("id", id), events, total);
    }
}
