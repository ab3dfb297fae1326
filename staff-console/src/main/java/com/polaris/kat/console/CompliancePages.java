package com.polaris.kat.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compliance: find a clinician by name, e-mail or license number; their CE transcript with
 * corrections and certificates; the audit trail of a registration or a clinician, each event with its
 * actor, time (Pacific), correlation id and its content (decision inputs) as readable fields.
 */
@Controller
public class CompliancePages {

    private static final java.util.regex.Pattern INSTANT = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");
    private static final Pacific PACIFIC = new Pacific();
    private static final Dollars DOLLARS = new Dollars();

    private final ApiRelay api;

    /** Reads through the relay, as the signed-in person. */
    public CompliancePages(ApiRelay api) {
        this.api = api;
    }

    /** The search form and, when asked, a page of matches. */
    @GetMapping("/clinicians")
    public String search(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        if (q != null && !q.isBlank()) {
            try {
                model.addAttribute("matches", api.read("/api/clinicians", Map.of("q", q.strip(), "page", page, "size", 20)));
            } catch (ServiceProblem p) {
                if (p.status() == 403 || p.status() == 401) {
                    throw p;
                }
                FieldErrors.show(model, p, Map.of("query", "q"));
            }
        }
        return "console/clinicians";
    }

    /** A clinician's CE transcript: modules completed, hours, certificates due, corrections. */
    @GetMapping("/transcripts/{clinicianId}")
    public String transcript(@PathVariable String clinicianId, Model model) {
        return record(model, "CE transcript", "Clinician " + clinicianId, api.read("/api/transcripts/{id}", clinicianId),
                "/audit/clinicians/" + clinicianId, "Audit trail of this clinician");
    }

    /** A registration's series certificate (participant, license, modules, hours, verification code), once it is due. */
    @GetMapping("/certificates/{registrationId}")
    public String certificate(@PathVariable String registrationId, Model model) {
        return record(model, "Series certificate", "Registration " + registrationId, api.read("/api/certificates/{id}", registrationId),
                "/audit/registrations/" + registrationId, "Audit trail of this registration");
    }

    /** The audit trail of a registration (kind "registrations") or a clinician (kind "clinicians"), a page at a time. */
    @GetMapping("/audit/{kind}/{id}")
    public String audit(@PathVariable String kind, @PathVariable String id, @RequestParam(defaultValue = "0") int page, Model model) {
        if (!kind.equals("registrations") && !kind.equals("clinicians")) {
            throw new ServiceProblem(404, "not-found", "Not found", "There is no audit trail of " + kind + ".", null);
        }
        Map<String, Object> trail = api.read("/api/audit/" + kind + "/" + id, Map.of("page", page, "size", 50));
        List<Map<String, Object>> events = new ArrayList<>();
        for (Object o : (List<?>) trail.getOrDefault("items", List.of())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> e = new LinkedHashMap<>((Map<String, Object>) o);
            e.put("fields", flatten("", e.get("content"), new ArrayList<>()));
            events.add(e);
        }
        model.addAttribute("kind", kind);
        model.addAttribute("id", id);
        model.addAttribute("trail", trail);
        model.addAttribute("events", events);
        return "console/audit";
    }

    /** One record read from the projection service, shown as labelled lines (template console/record). */
    private String record(Model model, String title, String subject, Map<String, Object> content, String auditHref, String auditLabel) {
        model.addAttribute("title", title);
        model.addAttribute("subject", subject);
        model.addAttribute("fields", flatten("", content, new ArrayList<>()));
        model.addAttribute("auditHref", auditHref);
        model.addAttribute("auditLabel", auditLabel);
        return "console/record";
    }

    /** An event's content as "label: value" lines (nested fields joined with " › "), in the order stored. */
    static List<Map<String, String>> flatten(String prefix, Object value, List<Map<String, String>> out) {
        if (value instanceof Map<?, ?> money && money.size() == 1 && money.get("cents") instanceof Number cents) {
            out.add(Map.of("label", prefix, "value", DOLLARS.usd(java.math.BigDecimal.valueOf(cents.longValue(), 2))));
        } else if (value instanceof String text && INSTANT.matcher(text).matches()) {
            out.add(Map.of("label", prefix, "value", PACIFIC.dateTime(text) + " (" + text + ")"));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? words(String.valueOf(k)) : prefix + " › " + words(String.valueOf(k)), v, out));
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.add(Map.of("label", prefix, "value", "(none)"));
            }
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + " " + (i + 1), list.get(i), out);
            }
        } else {
            out.add(Map.of("label", prefix, "value", value == null ? "—" : String.valueOf(value)));
        }
        return out;
    }

    /** "refundAmount" → "refund amount". */
    static String words(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase();
    }
}
