package com.polaris.kat.console;

import com.polaris.kat.security.strict.SearchTexts;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
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
 * corrections and certificates (pages, and the PDF and CSV documents relayed as downloads); the audit trail of a registration or a clinician, each event with its
 * actor, time (Pacific), correlation id and its content (decision inputs) as readable fields.
 */
@Controller
public class CompliancePages {

    private static final java.util.regex.Pattern INSTANT = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");
    private static final Pacific PACIFIC = new Pacific();
    private static final Dollars DOLLARS = new Dollars();

    /** The transcript's CE states (projection-service TranscriptQueries.ModuleRecord) in words. */
    static final Map<String, String> CE_WORDS = Map.of("EARNED", "earned", "WITHDRAWN", "withdrawn", "NOT_EARNED", "not earned",
            "PENDING", "not decided yet", "NO_CE_OPTION", "no CE option");

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
            // the search text's length in the form's words at its input, by the console or the service (a fresh reviewer's
            // was "q (the name, e-mail or license number to find) must be 2 to 200 characters.")
            // a tab or line break pasted with a name is a space (a fresh reviewer's pasted tab got the service's "U+0009, a
            // control character"); any other control character is refused at the input
            String text = q.replaceAll("[\\t\\r\\n]+", " ").strip();
            if (text.chars().anyMatch(Character::isISOControl)) {
                model.addAttribute("errors", Map.of("q", "The search text has a control character (pasted with it, say): type it again."));
                return "console/clinicians";
            }
            // counted as the service counts it: what was typed, without the characters that draw nothing pasted with it
            String typed = SearchTexts.typed(text);
            int length = typed.length();
            if (length > SearchTexts.MAX_LENGTH) {
                model.addAttribute("errors", Map.of("q", searchLength(length)));
                return "console/clinicians";
            }
            if (!SearchTexts.enough(typed)) {
                model.addAttribute("errors", Map.of("q", SEARCH_TOO_SHORT));
                return "console/clinicians";
            }
            try {
                model.addAttribute("matches", api.read("/api/clinicians", Map.of("q", text, "page", page, "size", 20)));
            } catch (ServiceProblem p) {
                if (p.status() == 403 || p.status() == 401) {
                    throw p;
                }
                if ("q".equals(p.parameter()) && p.slug().equals("invalid-query") && p.detail().contains("at most 200 characters")) {
                    model.addAttribute("errors", Map.of("q", searchLength(length)));
                } else if ("q".equals(p.parameter()) && p.slug().equals("invalid-query") && p.detail().contains("letters or digits")) {
                    // the service's count of what is searched (invisible characters and accents left out), in the form's words
                    model.addAttribute("errors", Map.of("q", SEARCH_TOO_SHORT));
                } else {
                    FieldErrors.show(model, p, Map.of("query", "q"));
                }
            }
        }
        return "console/clinicians";
    }

    /** The search text's length refused, in the form's words (the service's limit, {@link SearchTexts}). */
    static String searchLength(int length) {
        return "Type at most " + SearchTexts.MAX_LENGTH + " characters of the name, e-mail address or license number; this search has " + length + ".";
    }

    /** The search text too short, by the console or the service, in the form's words. */
    static final String SEARCH_TOO_SHORT = "Type at least 2 letters or digits (or 1 Chinese, Japanese or Korean character) of the name,"
            + " e-mail address or license number; characters that draw nothing (pasted with the text) and accents do not count.";

    /**
     * A clinician's CE transcript (template console/transcript): who, total hours and per series, and a
     * table per registration with each module of its series: the day (Pacific, zone named), minutes
     * attended, evaluation, CE hours earned, withdrawn or not earned and why, and the corrections and CE
     * decisions of that module with their reason, actor and time. Links to the PDF and CSV downloads.
     */
    @GetMapping("/transcripts/{clinicianId}")
    public String transcript(@PathVariable String clinicianId, Model model) {
        Map<String, Object> transcript = api.read("/api/transcripts/{id}", clinicianId);
        model.addAttribute("clinicianId", clinicianId);
        model.addAttribute("transcript", transcript);
        model.addAttribute("registrations", withChanges(transcript));
        model.addAttribute("ceWords", CE_WORDS);
        return "console/transcript";
    }

    /**
     * A registration's series certificate (template console/certificate): the fields the accreditor needs
     * (participant, license number and state, program, provider, series, format, dates, hours per module and
     * in total, verification code) and its public verification address; a link to its PDF.
     */
    @GetMapping("/certificates/{registrationId}")
    public String certificate(@PathVariable String registrationId, Model model) {
        Map<String, Object> certificate = api.read("/api/certificates/{id}", registrationId);
        model.addAttribute("registrationId", registrationId);
        model.addAttribute("certificate", certificate);
        model.addAttribute("dates", dates(certificate.get("modules")));
        return "console/certificate";
    }

    /**
     * The compliance documents of the projection service, downloaded through the console as the signed-in
     * person: a transcript as PDF or CSV, its history (decisions, corrections, certificates issued and withdrawn) as CSV, a certificate as PDF, a clinician's certificates as one PDF. The
     * console's path is the service's without "/api"; the bytes, Content-Type and Content-Disposition are
     * the service's. A refusal (404 none due, 403) is the usual problem page.
     */
    @GetMapping({"/transcripts/{clinicianId}.pdf", "/transcripts/{clinicianId}.csv", "/transcripts/{clinicianId}/history.csv",
            "/transcripts/{clinicianId}/certificates.pdf", "/certificates/{registrationId}.pdf"})
    public ResponseEntity<byte[]> document(HttpServletRequest request) {
        String path = request.getServletPath();
        return ApiRelay.attachment(api.download("/api" + path, Map.of()), path.substring(path.lastIndexOf('/') + 1));
    }

    /**
     * The transcript's registrations, each module with {@code changes}: the entries of the transcript's
     * history (CE decisions and attendance corrections, in event order) of that registration and module.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> withChanges(Map<String, Object> transcript) {
        List<Map<String, Object>> history = (List<Map<String, Object>>) transcript.getOrDefault("history", List.of());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : (List<Map<String, Object>>) transcript.getOrDefault("registrations", List.of())) {
            Map<String, Object> registration = new LinkedHashMap<>(r);
            List<Map<String, Object>> modules = new ArrayList<>();
            for (Map<String, Object> m : (List<Map<String, Object>>) r.getOrDefault("modules", List.of())) {
                Map<String, Object> module = new LinkedHashMap<>(m);
                module.put("changes", history.stream().filter(h -> java.util.Objects.equals(h.get("registrationId"), r.get("registrationId"))
                        && java.util.Objects.equals(h.get("moduleCode"), m.get("moduleCode"))).toList());
                modules.add(module);
            }
            registration.put("modules", modules);
            out.add(registration);
        }
        return out;
    }

    /** The first and last class date of a certificate's modules (ISO dates), or an empty map when it lists none. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> dates(Object modules) {
        List<String> all = ((List<Map<String, Object>>) (modules instanceof List<?> l ? l : List.of())).stream()
                .map(m -> String.valueOf(m.get("date"))).sorted().toList();
        return all.isEmpty() ? Map.of() : Map.of("first", all.get(0), "last", all.get(all.size() - 1));
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

    /**
     * "refundAmount" → "refund amount"; "sealedReason", the clinician's own words as the audit trail opens them, → "clinician's
     * reason" (a fresh reviewer read "sealed reason" beside an empty "reason" as if the words were still sealed).
     */
    static String words(String camel) {
        if (camel.equals("sealedReason")) {
            return "clinician's reason";
        }
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase();
    }
}
