package com.polaris.kat.console;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finance: the refund ledger with filters (period in Pacific calendar dates, series, entry type),
 * the period's totals to the cent, the CSV (the projection service's own, passed through), payout
 * outcomes recorded from the entry they concern, a clinician's credit, and the money per month.
 */
@Controller
public class LedgerPages {

    /** The ledger's entry types, as the projection service names them. */
    public static final List<String> TYPES = List.of("PAYMENT_RECEIVED", "REFUND_DECIDED", "PAYOUT_SETTLED", "PAYOUT_FAILED",
            "PAYOUT_REVERSED", "CREDIT_ISSUED", "CREDIT_APPLIED");

    private final ApiRelay api;

    /** Reads and commands through the relay, as the signed-in person. */
    public LedgerPages(ApiRelay api) {
        this.api = api;
    }

    /** The ledger page: filters, totals, a page of entries with their payout forms, and a chart of the last months. */
    @GetMapping("/ledger")
    public String ledger(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                         @RequestParam(required = false) String seriesId, @RequestParam(required = false) String type,
                         @RequestParam(required = false) String reference, @RequestParam(required = false) String registrationId,
                         @RequestParam(required = false) String clinicianId,
                         @RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String minPosition, Model model,
                         jakarta.servlet.http.HttpServletResponse response) {
        seriesId = seriesFilter(seriesId);
        model.addAttribute("filter", Map.of("from", blank(from), "to", blank(to), "seriesId", blank(seriesId), "type", blank(type),
                "reference", blank(reference).strip(), "registrationId", blank(registrationId).strip(), "clinicianId", blank(clinicianId).strip()));
        model.addAttribute("types", TYPES);
        try {
            // a From after the To, in words at the two date inputs (a fresh reviewer's was the error page's "invalid-query:
            // from must be before to."); the console's own check, and the service's refusal of the range (named at "to",
            // "to (…) must be after from (…)") put the same way below
            if (rangeRefusal(from, to) != null) {
                throw new ServiceProblem(400, "invalid-range", "Check the filter", rangeRefusal(from, to), "range");
            }
            return ledgerPage(from, to, seriesId, type, reference, registrationId, clinicianId, page, minPosition, model);
        } catch (ServiceProblem p) {
            if ("to".equals(p.parameter()) && p.status() == 400 && p.detail().contains("must be after from")) {
                p = new ServiceProblem(400, p.slug(), p.title(), "From and To: the From date must be on or before the To date.", "range");
            }
            String field = p.parameter() != null && FILTER_FIELDS.contains(p.parameter()) ? p.parameter() : p.status() == 404 && !blank(seriesId).isEmpty() ? "seriesId" : null;
            if (field == null || (p.status() != 400 && p.status() != 404)) {
                throw p;
            }
            // the filter form again with the refusal at its field and what was typed, no entries (a fresh reviewer's bad
            // date replaced the whole page, and an unknown series read "pass the command's KAT-Event-Position")
            model.addAttribute("filterErrors", Map.of(field, p.status() == 404
                    ? "No ledger entries name the series '" + seriesId + "'; check the id (e.g. series-21, or 21)."
                    : p.detail()));
            response.setStatus(p.status() == 404 ? 404 : 400);
            return "console/ledger";
        }
    }

    /**
     * What to check when a filter by reference, registration or clinician finds no entry, or null when there are entries or
     * no such filter. Each id typed is looked up alone ({@code entries}: the number of ledger entries a query of that one
     * filter finds, the service's {@code totalItems}; null when the look-up could not be made): entries that the other
     * filters set leave out, naming those filters ("registration 'r-9' has 3 entries, none within the other filters set
     * (period, clinician): widen or clear them"), a registration id typed as a clinician's or the other way round ("'…' is
     * a clinician's id, not a registration's (2 entries): use the Clinician filter"), or none anywhere ("no ledger entry
     * names registration '…'", with the form of an id when the typed one has none). Not a refusal: the service takes any
     * id. Fresh reviewers: a malformed id read only "Page 1 of 1 (0 in all)"; then an id filtered out by the period read as
     * one that exists nowhere.
     *
     * @param totalItems the entries all the filters found (the service's {@code totalItems})
     * @param filtersSet the filters set, by label: "period", "series", "type", "reference", "registration", "clinician"
     * @param entries    how many entries one filter alone finds, by its parameter name (reference, registrationId, clinicianId)
     *                   and value; null when the look-up failed (the page stands, the note says it could not check)
     */
    static String noEntries(Object totalItems, String reference, String registrationId, String clinicianId, List<String> filtersSet,
                            java.util.function.BiFunction<String, String, Long> entries) {
        if (!(totalItems instanceof Number n) || n.longValue() > 0) {
            return null;
        }
        List<String> said = new java.util.ArrayList<>();
        for (String[] f : new String[][]{{"reference", "reference", blank(reference).strip(), null},
                {"registrationId", "registration", blank(registrationId).strip(), "clinicianId"},
                {"clinicianId", "clinician", blank(clinicianId).strip(), "registrationId"}}) {
            String typed = f[2];
            if (typed.isEmpty()) {
                continue;
            }
            Long alone = entries.apply(f[0], typed);
            if (alone == null) {
                said.add(f[1] + " '" + typed + "' could not be looked up alone just now: check it and the other filters");
                continue;
            }
            if (alone > 0) {
                List<String> others = filtersSet.stream().filter(o -> !o.equals(f[1])).toList();
                said.add(f[1] + " '" + typed + "' has " + alone + (alone == 1 ? " entry" : " entries") + (others.isEmpty()
                        ? " now, recorded after this page's entries were read: reload the page" // no other filter: only time differs
                        : ", none within the other filters set (" + String.join(", ", others) + "): widen or clear them"));
                continue;
            }
            Long asOther = f[3] == null ? Long.valueOf(0) : entries.apply(f[3], typed);
            if (asOther != null && asOther > 0) {
                String other = f[3].equals("clinicianId") ? "clinician" : "registration";
                said.add("'" + typed + "' is a " + other + "'s id, not a " + f[1] + "'s (" + asOther + (asOther == 1 ? " entry" : " entries")
                        + "): use the " + (other.equals("clinician") ? "Clinician" : "Registration") + " filter");
                continue;
            }
            said.add("no ledger entry names " + f[1] + " '" + typed + "'" + (f[3] != null && !UUID.matcher(typed).matches()
                    ? " (" + f[1] + " ids are UUIDs: 32 hexadecimal digits in groups of 8-4-4-4-12)" : "") + ": check it");
        }
        if (said.isEmpty()) {
            return null;
        }
        String all = String.join("; ", said) + ".";
        return Character.toUpperCase(all.charAt(0)) + all.substring(1);
    }

    /** A UUID's canonical form (RFC 9562), either case. */
    private static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    /** The ledger's query parameters the filter form has, and "range" (From and To together). */
    private static final java.util.Set<String> FILTER_FIELDS = java.util.Set.of("from", "to", "seriesId", "type", "reference", "registrationId",
            "clinicianId", "range");

    /** "From (Thu Dec 10, 2026) is after To (...)..." when both are calendar dates and From is the later, else null. */
    static String rangeRefusal(String from, String to) {
        try {
            LocalDate f = LocalDate.parse(blank(from).strip());
            LocalDate t = LocalDate.parse(blank(to).strip());
            return f.isAfter(t) ? "From (" + new Pacific().date(f.toString()) + ") is after To (" + new Pacific().date(t.toString())
                    + "): choose a From date on or before the To date (both days are included)." : null;
        } catch (java.time.format.DateTimeParseException notBothDates) {
            return null; // a date that is none is refused at its own input
        }
    }

    private String ledgerPage(String from, String to, String seriesId, String type, String reference, String registrationId,
                              String clinicianId, int page, String minPosition, Model model) {
        Map<String, Object> query = filter(from, to, seriesId, type, reference, registrationId, clinicianId);
        Map<String, Object> entriesQuery = new LinkedHashMap<>(query);
        entriesQuery.put("page", page);
        entriesQuery.put("size", 25);
        entriesQuery.put("minPosition", minPosition);
        Map<String, Object> totalsQuery = new LinkedHashMap<>(query);
        totalsQuery.remove("type");
        totalsQuery.remove("reference");
        totalsQuery.remove("registrationId");
        totalsQuery.remove("clinicianId");
        Map<String, Object> entries = new LinkedHashMap<>(api.read("/api/ledger/entries", entriesQuery));
        List<Map<String, Object>> items = withPayouts(entries.get("items"));
        entries.put("items", items);
        model.addAttribute("entries", entries);
        List<String> filtersSet = new java.util.ArrayList<>();
        if (!blank(from).isBlank() || !blank(to).isBlank()) {
            filtersSet.add("period");
        }
        for (String[] f : new String[][]{{"series", seriesId}, {"type", type}, {"reference", reference}, {"registration", registrationId},
                {"clinician", clinicianId}}) {
            if (!blank(f[1]).isBlank()) {
                filtersSet.add(f[0]);
            }
        }
        model.addAttribute("noEntries", noEntries(entries.get("totalItems"), reference, registrationId, clinicianId, filtersSet, (name, value) -> {
            try { // a hint: a look-up that fails leaves the page as it is, saying it could not check (a fresh reviewer's reading)
                return api.read("/api/ledger/entries", Map.of(name, value, "page", 0, "size", 1)).get("totalItems") instanceof Number t
                        ? Long.valueOf(t.longValue()) : null;
            } catch (ServiceProblem unavailable) {
                return null;
            }
        }));
        refusalOffThePage(model, items);
        model.addAttribute("pageBase", pageBase(from, to, seriesId, type, reference, registrationId, clinicianId));
        model.addAttribute("totals", api.read("/api/ledger/totals", totalsQuery));
        model.addAttribute("csvQuery", query);
        model.addAttribute("chart", MoneyChart.svg(months(seriesId)));
        return "console/ledger";
    }

    /**
     * A refused payout is shown in the form of its entry; when that entry is not among the page's (another page,
     * a filter that leaves it out, an id that names no refund), the refusal is shown at the top of the page
     * instead, never dropped.
     */
    @SuppressWarnings("unchecked")
    static void refusalOffThePage(Model model, List<Map<String, Object>> items) {
        if (!(model.getAttribute("payoutForm") instanceof Map<?, ?> form) || !(model.getAttribute("payoutErrors") instanceof Map<?, ?> errors)) {
            return;
        }
        Object registrationId = form.get("registrationId");
        boolean onThePage = items.stream().anyMatch(e -> java.util.Objects.equals(e.get("registrationId"), registrationId)
                && e.get("payoutOutcomes") instanceof List<?> l && !l.isEmpty());
        if (!onThePage) {
            // every message of the refusal (e.g. both a reference and a reason too long), not just the first
            model.addAttribute("formError", "Payout not recorded. " + errors.values().stream()
                    .map(m -> String.valueOf(m).replaceFirst("^Payout not recorded\\. ", "")).collect(java.util.stream.Collectors.joining(" "))
                    + " (registration " + registrationId
                    + "; its refund is not among the entries shown here)");
        }
    }

    /** The CSV of the same filters, as the projection service writes it (RFC 4180, formula-safe). */
    @GetMapping("/ledger/entries.csv")
    public ResponseEntity<byte[]> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                      @RequestParam(required = false) String seriesId, @RequestParam(required = false) String type,
                                      @RequestParam(required = false) String reference, @RequestParam(required = false) String registrationId,
                                      @RequestParam(required = false) String clinicianId) {
        return ApiRelay.attachment(api.download("/api/ledger/entries.csv",
                        filter(from, to, seriesFilter(seriesId), type, reference, registrationId, clinicianId)),
                "refund-ledger.csv");
    }

    /**
     * The series filter as typed, as the services name series: spaces around it dropped, and a bare number (the
     * series lists say "Series 21") taken for {@code series-21}; null when none was typed. A fresh reviewer's padded
     * " series-20 " had reached the chart's query as typed and was answered "No ledger entries name the series".
     */
    static String seriesFilter(String typed) {
        String s = typed == null ? null : typed.strip();
        // "21", "Series 21" as the series lists name it, or the id in any case ("SERIES-21": a fresh reviewer's found nothing)
        if (s != null && s.matches("(?i)(series[\\s-]*)?[0-9]{1,9}")) {
            return "series-" + Integer.parseInt(s.replaceAll("\\D", ""));
        }
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * Each entry with {@code payoutOutcomes}: the payout outcomes that can be recorded now on it (empty:
     * no payout form). Only a REFUND_DECIDED entry with money due has any; its {@code payoutStatus}
     * (PENDING, FAILED, SETTLED, REVERSED; null for a $0.00 refund) is the projection service's.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> withPayouts(Object items) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : items instanceof List<?> l ? (List<Map<String, Object>>) l : List.<Map<String, Object>>of()) {
            Map<String, Object> row = new LinkedHashMap<>(e);
            Object status = e.get("payoutStatus");
            row.put("payoutOutcomes", "REFUND_DECIDED".equals(e.get("type")) && e.get("registrationId") != null
                    ? payoutOutcomes(status == null ? null : String.valueOf(status), cents(e.get("amount"))) : List.of());
            out.add(row);
        }
        return out;
    }

    /** The payout outcomes that can be recorded for a refund in this state: none without money due, only a reversal once settled. */
    static List<String> payoutOutcomes(String payoutStatus, long refundCents) {
        if (payoutStatus == null || refundCents <= 0) {
            return List.of();
        }
        return "SETTLED".equals(payoutStatus) ? List.of("REVERSED") : List.of("SETTLED", "FAILED");
    }

    /** The ledger's address with the filters of the page (reference, registration and clinician included), for the pager's links. */
    static String pageBase(String from, String to, String seriesId, String type, String reference, String registrationId, String clinicianId) {
        org.springframework.web.util.UriComponentsBuilder b = org.springframework.web.util.UriComponentsBuilder.fromPath("/ledger");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("from", from);
        params.put("to", to);
        params.put("seriesId", seriesId);
        params.put("type", type);
        params.put("reference", reference);
        params.put("registrationId", registrationId);
        params.put("clinicianId", clinicianId);
        Map<String, Object> values = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                // as a URI variable, so it is encoded whole: a reference with + { } had come back from the pager's links as
                // another (a + read as a space) or as an address the web server refused (a fresh reviewer's)
                b.queryParam(k, "{" + k + "}");
                values.put(k, v.strip());
            }
        });
        return b.encode().buildAndExpand(values).toUriString();
    }

    /** Records a payout outcome (settled with the processor's reference, failed with a reason, reversed) for a decided refund; back to the same filtered page. */
    @PostMapping("/ledger/payouts")
    public String payout(@RequestParam String seriesId, @RequestParam String registrationId, @RequestParam String outcome,
                         @RequestParam(required = false) String reference, @RequestParam(required = false) String failureReason,
                         @RequestParam(required = false) String filterFrom, @RequestParam(required = false) String filterTo,
                         @RequestParam(required = false) String filterSeriesId, @RequestParam(required = false) String filterType,
                         @RequestParam(required = false) String filterPage, @RequestParam(required = false) String payoutsSeen,
                         @RequestParam(required = false) String filterReference, @RequestParam(required = false) String filterRegistrationId,
                         @RequestParam(required = false) String filterClinicianId, RedirectAttributes flash) {
        Map<String, String> keep = SeriesPages.fields("from", filterFrom, "to", filterTo, "seriesId", filterSeriesId, "type", filterType,
                "reference", filterReference, "registrationId", filterRegistrationId, "clinicianId", filterClinicianId, "page", filterPage);
        keep.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                flash.addAttribute(k, v.strip());
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", outcome);
        if (reference != null && !reference.isBlank()) {
            body.put("processorRefundReference", reference.strip());
        }
        if (failureReason != null && !failureReason.isBlank()) {
            body.put("failureReason", failureReason.strip());
        }
        if (payoutsSeen != null && payoutsSeen.matches("[0-9]{1,6}")) {
            // the outcomes the page showed: one recorded meanwhile (another tab) is not recorded on top of (409 payout-changed)
            body.put("payoutsSeen", Integer.parseInt(payoutsSeen));
        }
        try {
            Map<String, Object> answer = api.command(HttpMethod.POST, "/api/series/{s}/registrations/{r}/refund-payouts", body, seriesId, registrationId);
            flash.addFlashAttribute("done", "Payout of registration " + registrationId + " recorded as "
                    + String.valueOf(outcome).toLowerCase(java.util.Locale.ROOT) + ".");
            ApiRelay.after(flash, answer.get(ApiRelay.EVENT_POSITION));
        } catch (ServiceProblem p) {
            if (p.status() == 403 || p.status() == 401) {
                throw p;
            }
            // shown in the form of the entry it concerns, at its field, with what was entered; but not after another tab's
            // outcome changed what can be recorded: the form then offers other outcomes, and the typed reason under the one
            // left had recorded a reversal its sender never meant (a fresh reviewer's: a failure's reason became a reversal's)
            boolean changed = "payout-changed".equals(p.slug());
            flash.addFlashAttribute("payoutForm", changed ? SeriesPages.fields("registrationId", registrationId, "outcome", "", "reference", "",
                            "failureReason", "")
                    : SeriesPages.fields("registrationId", registrationId, "outcome", outcome, "reference", reference, "failureReason", failureReason));
            flash.addFlashAttribute("payoutErrors", payoutErrors(p, outcome));
        }
        return "redirect:/ledger";
    }

    /** The payout form's labels of its inputs, as the refusals name them. */
    private static final Map<String, String> PAYOUT_LABELS = Map.of("reference", "Processor's refund reference", "failureReason", "Failure reason",
            "outcome", "Outcome");

    /**
     * A refused payout's messages, form field → message: each body field a malformed request names at its input in the
     * form's words ("Processor's refund reference: at most 100 characters."), else the refusal at {@link #payoutField}.
     */
    static Map<String, String> payoutErrors(ServiceProblem p, String outcome) {
        Map<String, String> errors = new LinkedHashMap<>();
        p.fieldMessages().forEach((field, message) -> {
            String input = PAYOUT_PARAMETERS.get(field);
            if (input != null) {
                // the service's rule has two halves (a letter or digit; nothing invisible): both said, for "---" has no invisible
                // character (a fresh reviewer's was told it had one)
                String words = message != null && message.startsWith("must be printable text")
                        ? field + ": it must hold a letter or a digit, and no tab, line break or other invisible character (pasted with"
                        + " it, perhaps); type it again as the processor prints it."
                        : ServiceProblem.humane(field, message);
                words = words.startsWith("Give the ") ? "Give the " + PAYOUT_LABELS.get(input).toLowerCase(java.util.Locale.ROOT) + "."
                        : PAYOUT_LABELS.get(input) + words.substring(words.indexOf(':'));
                errors.merge(input, "Payout not recorded. " + words, (a, b) -> a + "; " + b);
            }
        });
        if (errors.isEmpty()) {
            String field = payoutField(p, outcome);
            String words = payoutWords(p, field, outcome);
            String named = p.parameter() == null ? null : "Field '" + p.parameter() + "' ";
            if (words == null && "malformed-request".equals(p.slug()) && named != null && PAYOUT_PARAMETERS.containsKey(p.parameter())
                    && p.detail() != null && p.detail().startsWith(named)) {
                // the body's field in the form's words, not the API's ("Malformed request body: Field 'processorRefundReference' …",
                // a fresh reviewer's finding)
                words = PAYOUT_LABELS.get(PAYOUT_PARAMETERS.get(p.parameter())) + " " + p.detail().substring(named.length());
            }
            errors.put(field, "Payout not recorded. " + (words != null ? words : p.title() + ": " + p.detail()));
        }
        return errors;
    }

    /**
     * The service's refusal of a payout about one input, in the form's words (its own names fields and outcomes as the
     * API does: "send failureReason only with FAILED or REVERSED", a fresh reviewer's finding); null for a refusal the
     * form has no words for (its title and detail are shown).
     */
    static String payoutWords(ServiceProblem p, String field, String outcome) {
        String label = PAYOUT_LABELS.get(field);
        if (p.slug().equals("malformed-request") && label != null && p.detail().contains("invisible character")) {
            return p.detail().replaceFirst("^[^:]*:", label + ":"); // ServiceProblem.unusableText's words, with the form's label
        }
        if (p.slug().equals("invalid-payout") && seenCountRefused(p)) {
            // the form's hidden count is above every outcome ever recorded: not the inputs' fault (a fresh reviewer's stale count
            // read "Give the reason the processor gave for the reversal")
            return "This page counted more payouts of this refund than were ever recorded (it was changed, or is from another"
                    + " system); nothing was recorded. Open the ledger again and choose the outcome there.";
        }
        if (p.slug().equals("payout-changed")) {
            return "Another tab or person recorded a payout of this refund after this page was shown; the ledger now shows it, with"
                    + " the outcomes that can follow it. Nothing you typed was kept: choose and type the outcome again if one still applies.";
        }
        if (!p.slug().equals("invalid-payout")) {
            return null;
        }
        return switch (field + " " + (outcome == null ? "" : outcome)) {
            case "failureReason SETTLED" -> "A settled payout has no failure reason: clear the failure reason, or choose failed or reversed.";
            case "failureReason FAILED" -> "Give the failure reason the processor gave.";
            case "failureReason REVERSED" -> "Give the reason the processor gave for the reversal.";
            case "reference SETTLED" -> OTHER_REFUNDS_REFERENCE.matcher(p.detail()).find()
                    // a reference another refund's settled payout took (a processor refund pays one refund)
                    ? otherRefundsReference(p.detail())
                    : p.detail().contains("was reversed")
                    // the reversed payout's own reference (a fresh reviewer's form said "Give the processor's refund reference")
                    ? "This reference is the payout of this refund that the processor reversed; a new payout has a new reference: type the"
                    + " new payout's reference."
                    : p.detail().startsWith("A processor's refund reference is printed in")
                    // a character no processor prints, in the service's words (a fresh reviewer's é was answered "Give the
                    // processor's refund reference", which it had)
                    ? p.detail()
                    : "Give the processor's refund reference.";
            case "reference FAILED" -> "A failed payout has no refund reference (the processor gives a reason instead): clear the "
                    + "reference, or choose settled.";
            case "reference REVERSED" -> "A reversal names the settled payout's reference itself: leave the processor's refund reference "
                    + "empty.";
            default -> field.equals("outcome") ? "Choose whether the payout settled, failed or was reversed." : null;
        };
    }

    /**
     * The service's words for a reference another refund's settled payout took: the registration and its series as the service
     * names it ("(Series 20)"; a fresh reviewer's form had matched only "(series …" and told finance the reference was this
     * refund's reversed payout).
     */
    private static final java.util.regex.Pattern OTHER_REFUNDS_REFERENCE =
            java.util.regex.Pattern.compile("already settled the refund of registration (\\S+) \\(([^)]+)\\)");

    private static String otherRefundsReference(String detail) {
        java.util.regex.Matcher m = OTHER_REFUNDS_REFERENCE.matcher(detail);
        m.find();
        return "This reference already settled the refund of registration " + m.group(1) + " (" + m.group(2) + "), another refund than"
                + " this one; one processor refund pays one refund: check the reference in the processor's records and type this payout's own.";
    }

    /** Whether a refusal is about the form's hidden count of the payouts it saw ({@code payoutsSeen}), not an input. */
    private static boolean seenCountRefused(ServiceProblem p) {
        return "payoutsSeen".equals(p.parameter()) || p.fieldMessages().containsKey("payoutsSeen");
    }

    /** The payout command's fields (a problem's {@code parameter}) → the payout form's fields. */
    private static final Map<String, String> PAYOUT_PARAMETERS = Map.of("processorRefundReference", "reference", "failureReason", "failureReason",
            "outcome", "outcome");

    /**
     * The payout form's field a refusal concerns (docs/problems.md): the command field the problem names (its parameter or a field of its {@code errors}), else by its type: invalid-payout is the reference a
     * settlement needs or the reason a failure or reversal needs; a refund already settled, with nothing to
     * reverse or none due is about the outcome; anything else is the form's as a whole ("form").
     */
    static String payoutField(ServiceProblem p, String outcome) {
        for (String parameter : java.util.stream.Stream.concat(java.util.stream.Stream.ofNullable(p.parameter()), p.fieldMessages().keySet().stream()).toList()) {
            if (PAYOUT_PARAMETERS.containsKey(parameter)) {
                return PAYOUT_PARAMETERS.get(parameter);
            }
        }
        if (seenCountRefused(p)) {
            return "form";
        }
        return switch (p.slug()) {
            case "invalid-payout" -> "SETTLED".equals(outcome) ? "reference" : "failureReason";
            case "refund-already-settled", "nothing-to-reverse", "no-refund-due" -> "outcome";
            default -> "form";
        };
    }

    /**
     * Without a clinician id: who holds credit, largest balance first, with the credit outstanding in all (the projection
     * service's {@code GET /api/credit}), each clinician linking to their balance and history. With one:
     * a clinician's credit balance and history (finance). A clinician the credit view does not know (never
     * issued credit: the service answers 404 not-found) has a balance of $0.00, shown as such rather than an error page; an id
     * no registration names (404 clinician-not-found: most likely mistyped) is refused at the field in the service's words.
     */
    @GetMapping("/credit")
    public String credit(@RequestParam(required = false) String clinicianId, @RequestParam(defaultValue = "0") int page, Model model) {
        // an id no clinician can have is refused at the field in the form's words, by the console or the service (a fresh
        // reviewer's 40 characters were the error page's "The path parameter 'clinicianId' must be 1 to 36 ...")
        String refused = clinicianId == null ? null : PathIds.refusal("clinician id", clinicianId.strip(), PathIds.REGISTRATION_OR_CLINICIAN);
        if (refused != null) {
            model.addAttribute("errors", Map.of("clinicianId", refused));
        } else if (clinicianId != null && !clinicianId.isBlank()) {
            try {
                model.addAttribute("account", api.read("/api/credit/" + clinicianId.strip(), Map.of("page", page, "size", 25)));
            } catch (ServiceProblem p) {
                if (p.status() == 400 && p.slug().equals("invalid-path")) {
                    model.addAttribute("errors", Map.of("clinicianId", PathIds.words(p, "clinician id")));
                } else if (p.status() == 404 && p.slug().equals("clinician-not-found")) {
                    // an id no registration names: said at the field, not as a balance (a fresh reviewer read $0.00 for a typo)
                    model.addAttribute("errors", Map.of("clinicianId", p.detail()));
                } else if (p.status() != 404) {
                    throw p;
                } else {
                    model.addAttribute("noCredit", p.detail());
                }
            }
        }
        if (clinicianId == null || clinicianId.isBlank()) {
            model.addAttribute("holders", api.read("/api/credit", Map.of("page", Math.max(page, 0), "size", 25)));
        }
        model.addAttribute("clinicianId", blank(clinicianId));
        return "console/credit";
    }

    /** The last twelve months' totals (Pacific calendar months), for the chart. */
    private List<MoneyChart.Month> months(String seriesId) {
        List<MoneyChart.Month> out = new ArrayList<>();
        YearMonth now = YearMonth.now(Pacific.ZONE);
        for (int i = 11; i >= 0; i--) {
            YearMonth m = now.minusMonths(i);
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("from", Pacific.startOf(m.atDay(1)).toString());
            q.put("to", Pacific.startOf(m.plusMonths(1).atDay(1)).toString());
            q.put("seriesId", seriesId);
            Map<String, Object> t = api.read("/api/ledger/totals", q);
            out.add(new MoneyChart.Month(m, cents(t.get("payments")), cents(t.get("refundsDecided")), cents(t.get("creditIssued")),
                    cents(t.get("creditApplied"))));
        }
        return out;
    }

    private static long cents(Object amount) {
        return amount == null ? 0 : new java.math.BigDecimal(String.valueOf(amount)).movePointRight(2).longValue();
    }

    /**
     * The projection service's filter: Pacific calendar dates become the instants they start at ({@code to} is exclusive: the day
     * after); the entries' reference (a charge or refund reference, exact, spaces around it dropped as a pasted one may carry
     * them; none when blank), registration and clinician (their ids, the same way: a clinician's filter lists every entry of
     * their money, payments, refunds, payouts and credit, across their registrations).
     *
     * @throws ServiceProblem 400 naming the field when a date is not a calendar date
     */
    static Map<String, Object> filter(String from, String to, String seriesId, String type, String reference, String registrationId,
                                      String clinicianId) {
        Map<String, Object> q = new LinkedHashMap<>();
        if (from != null && !from.isBlank()) {
            q.put("from", Pacific.startOf(day("from", "From", from)).toString());
        }
        if (to != null && !to.isBlank()) {
            q.put("to", Pacific.startOf(day("to", "To", to).plusDays(1)).toString());
        }
        q.put("seriesId", blank(seriesId).isEmpty() ? null : seriesId.strip());
        q.put("type", blank(type).isEmpty() ? null : type);
        if (!blank(reference).isBlank()) {
            q.put("reference", reference.strip());
        }
        if (!blank(registrationId).isBlank()) {
            q.put("registrationId", registrationId.strip());
        }
        if (!blank(clinicianId).isBlank()) {
            q.put("clinicianId", clinicianId.strip());
        }
        return q;
    }

    private static LocalDate day(String field, String label, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new ServiceProblem(400, "invalid-query", "Check the filter",
                    label + ": '" + value.strip() + "' is not a calendar date; use YYYY-MM-DD (a Pacific calendar date).", field);
        }
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }
}
