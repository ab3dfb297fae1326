package com.polaris.kat.console;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Registrar (administrators): a series' waitlist in line order, each place's state with its offers and
 * their outcomes, the seats held for offers (the projection service's {@code /api/waitlist/series/{id}}
 * and seat availability), and the series' offer window: how long an offer holds its seat, as last set,
 * with the form that changes it (enrollment service {@code PUT /api/catalog/series/{id}/offer-window};
 * refusals invalid-offer-window, invalid-request and reason-required are shown at their field).
 */
@Controller
public class WaitlistPages {

    /** Problem slugs' words (and body fields) → the offer-window form's fields. */
    private static final Map<String, String> FIELDS = SeriesPages.fields("offer-window", "offerWindowMinutes", "reason", "reason");
    private static final int PAGE_SIZE = 20;

    private final ApiRelay api;

    /** Reads and commands through the relay, as the signed-in person. */
    public WaitlistPages(ApiRelay api) {
        this.api = api;
    }

    /** The series' waitlist (a page, in line order), its seats and its offer window. */
    @GetMapping("/series/{number}/waitlist")
    public String waitlist(@PathVariable int number, @RequestParam(defaultValue = "0") int page,
                           @RequestParam(required = false) String minPosition, Model model) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("minPosition", minPosition);
        Map<String, Object> series = api.read("/api/catalog/series/" + number, after);
        Object seriesId = series.get("seriesId");
        model.addAttribute("series", series);
        model.addAttribute("seats", api.read("/api/availability/series/" + seriesId, after));
        Map<String, Object> query = new LinkedHashMap<>(after);
        query.put("page", page);
        query.put("size", PAGE_SIZE);
        Map<String, Object> waitlist = api.read("/api/waitlist/series/" + seriesId, query);
        model.addAttribute("waitlist", waitlist);
        model.addAttribute("window", waitlist.get("offerWindow") instanceof Map<?, ?> w ? w : Map.of());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "console/waitlist";
    }

    /** Sets the series' offer window (whole minutes, with a reason); open offers keep the end they were made with. */
    @PostMapping("/series/{number}/offer-window")
    public String offerWindow(@PathVariable int number, @RequestParam(required = false) String offerWindowMinutes,
                              @RequestParam(required = false) String reason, Model model, RedirectAttributes flash) {
        Object seriesId = api.read("/api/catalog/series/{number}", number).get("seriesId");
        int minutes;
        String typed = offerWindowMinutes == null ? "" : offerWindowMinutes.strip();
        try {
            minutes = WholeNumbers.parse(typed);
        } catch (NumberFormatException e) {
            return again(number, model, Map.of("offerWindowMinutes",
                    WholeNumbers.refusal(typed, "The offer window is a whole number of minutes (2880 = 48 hours).",
                            "1 to 43200 minutes (30 days), as its label says")), offerWindowMinutes, reason);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("offerWindowMinutes", minutes);
        body.put("reason", reason == null ? "" : reason.strip());
        try {
            ApiRelay.after(flash, api.command(HttpMethod.PUT, "/api/catalog/series/{id}/offer-window", body, seriesId).get(ApiRelay.EVENT_POSITION));
        } catch (ServiceProblem p) {
            if (p.status() == 403 || p.status() == 401) {
                throw p;
            }
            Map<String, String> errors = p.messagesByField(FIELDS, "offerWindowMinutes");
            if (errors.isEmpty()) {
                model.addAttribute("formError", "Not changed. " + p.title() + ": " + p.detail());
            }
            return again(number, model, errors, offerWindowMinutes, reason);
        }
        flash.addFlashAttribute("done", "Offer window set to " + duration(minutes) + ". Offers already open keep the end they were made with.");
        return "redirect:/series/" + number + "/waitlist";
    }

    private String again(int number, Model model, Map<String, String> errors, String minutes, String reason) {
        model.addAttribute("errors", errors);
        model.addAttribute("typedMinutes", minutes);
        model.addAttribute("typedReason", reason);
        model.addAttribute("offerWindowSent", true); // the form stays, with its refusal, even once registration closed
        return waitlist(number, 0, null, model);
    }

    /** Minutes in words: "45 minutes", "48 hours (2,880 minutes)" (whole hours up to 72), else "5 days 2 hours 5 minutes (7,325 minutes)". */
    public static String duration(Object minutes) {
        if (!(minutes instanceof Number n)) {
            return "";
        }
        long m = n.longValue();
        StringBuilder s = new StringBuilder();
        if (m % 60 == 0 && m <= 72 * 60) {
            append(s, m / 60, "hour");
        } else {
            append(s, m / 1440, "day");
            append(s, (m % 1440) / 60, "hour");
            append(s, m % 60, "minute");
        }
        return m < 60 ? s.toString() : s + String.format(java.util.Locale.US, " (%,d minutes)", m);
    }

    /** The view's codes (place and offer states, what freed the seat, why an offer or place ended) in staff's words. */
    private static final Map<String, String> WORDS = Map.ofEntries(Map.entry("WAITING", "waiting"), Map.entry("OFFERED", "offered a seat"),
            Map.entry("ACCEPTED", "accepted (registered)"), Map.entry("DECLINED", "declined"), Map.entry("LAPSED", "offer lapsed"),
            Map.entry("LEFT", "left the waitlist"), Map.entry("CLOSED", "waitlist closed"), Map.entry("OPEN", "open: the seat is held"),
            Map.entry("SEAT_RELEASED", "a seat was released"), Map.entry("CAPACITY_RAISED", "the capacity was raised"),
            Map.entry("OFFER_LAPSED", "an earlier offer lapsed"), Map.entry("OFFER_DECLINED", "an earlier offer was declined"),
            Map.entry("PLACE_LEFT", "someone with an offer left the waitlist"), Map.entry("WINDOW_ENDED", "the offer window ended"),
            Map.entry("REGISTRATION_CLOSED", "registration closed"));

    /** A code of the waitlist view in words ("LAPSED" → "offer lapsed"); a code without words (or free text, e.g. a reason) as it is. */
    public static String words(Object code) {
        return code == null ? "" : WORDS.getOrDefault(String.valueOf(code), String.valueOf(code));
    }

    private static void append(StringBuilder s, long count, String unit) {
        if (count > 0) {
            s.append(s.isEmpty() ? "" : " ").append(count).append(' ').append(unit).append(count == 1 ? "" : "s");
        }
    }
}
