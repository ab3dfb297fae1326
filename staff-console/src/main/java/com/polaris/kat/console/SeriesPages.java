package com.polaris.kat.console;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registrar (administrators): the series list with seats and states, a series' page with its class
 * days (roster links for attendance staff), scheduling a series, changing capacity; and the
 * projections' status with rebuild.
 */
@Controller
public class SeriesPages {

    /** Problem slugs' words → the scheduling form's fields. */
    private static final Map<String, String> SCHEDULE_FIELDS = fields("series-number", "seriesNumber", "capacity", "capacity",
            "price", "price", "date", "classDays", "module", "classDays", "class-day", "classDays", "series-exists", "seriesNumber",
            "already", "seriesNumber", "ce-option", "ceOptionPrice");

    private final ApiRelay api;
    private final java.time.Clock clock;

    /** Reads and commands through the relay, as the signed-in person; {@code clock} says which class days have started. */
    public SeriesPages(ApiRelay api, java.time.Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** Every series, highest series number first, with seats taken and free, sold out, registration and schedule state (paginated). */
    @GetMapping("/series")
    public String list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size, Model model) {
        // page and size are passed through: the projection service checks them (a refusal is the 400 page)
        model.addAttribute("series", api.read("/api/availability/series", Map.of("page", page, "size", size)));
        model.addAttribute("pageBase", size == 20 ? "/series" : "/series?size=" + size);
        return "console/series-list";
    }

    /**
     * One series: its class days (dates in Pacific time), shared days, seats; for administrators the capacity form while
     * registration is open and each class day's move and make-up places forms until the day starts (the service refuses
     * them after: 409 registration-closed, class-day-started).
     */
    @GetMapping("/series/{number}")
    public String series(@PathVariable int number, @RequestParam(required = false) String minPosition, Model model) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("minPosition", minPosition);
        Map<String, Object> series = api.read("/api/catalog/series/" + number, after);
        model.addAttribute("series", series);
        model.addAttribute("seats", api.read("/api/availability/series/" + series.get("seriesId"), after));
        model.addAttribute("startedDays", startedDays(series.get("classDays"), clock.instant()));
        // refund policy v1's on-time cutoff for a registration made now (the catalog's view computes it): passed already for a
        // series starting within two weeks, so a seat sold now has only the late choices
        Object cutoff = series.get("onTimeCancellationUntil");
        model.addAttribute("cancellationCutoff", cutoff);
        model.addAttribute("cutoffPassed", cutoff != null && clock.instant().isAfter(java.time.Instant.parse(String.valueOf(cutoff))));
        return "console/series";
    }

    /** The ids of the listed class days whose {@code startsAt} (a UTC instant) is not after {@code now}. */
    static java.util.Set<Object> startedDays(Object classDays, java.time.Instant now) {
        java.util.Set<Object> started = new java.util.HashSet<>();
        if (classDays instanceof List<?> days) {
            for (Object d : days) {
                if (d instanceof Map<?, ?> day && day.get("startsAt") instanceof String startsAt && !java.time.Instant.parse(startsAt).isAfter(now)) {
                    started.add(day.get("classDayId"));
                }
            }
        }
        return started;
    }

    /** The form to schedule a series: number, capacity, prices, up to six class days. */
    @GetMapping("/series/new")
    public String scheduleForm(Model model) {
        model.addAttribute("modules", api.read("/api/catalog/modules", Map.of("size", 100)).get("items"));
        model.addAttribute("form", new LinkedHashMap<String, Object>());
        return "console/series-new";
    }

    /** Schedules the series; a refusal is shown at its field and nothing is shown as done. */
    @PostMapping("/series")
    public String schedule(@RequestParam Map<String, String> form, Model model, RedirectAttributes flash) {
        List<Map<String, Object>> classDays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String module = form.get("module" + i);
            String date = form.get("date" + i);
            if (module != null && !module.isBlank() && date != null && !date.isBlank()) {
                classDays.add(Map.of("module", module, "date", date));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        // every field the console reads itself is read once, into the body, and refused at its own field
        Map<String, String> errors = new LinkedHashMap<>();
        for (String field : List.of("seriesNumber", "capacity")) {
            String typed = form.getOrDefault(field, "").strip();
            try {
                body.put(field, WholeNumbers.parse(typed));
            } catch (NumberFormatException e) {
                errors.put(field, typed.isEmpty() ? "Give the " + (field.equals("capacity") ? "capacity" : "series number") + ": a whole number."
                        : WholeNumbers.refusal(typed, "'" + typed + "' is not a whole number."));
            }
        }
        for (String[] price : new String[][]{{"price", "priceCents"}, {"ceOptionPrice", "ceOptionPriceCents"}}) {
            try {
                body.put(price[1], cents(ceOptionPrice(form, price[0])));
            } catch (NumberFormatException e) {
                errors.put(price[0], "'" + java.util.Objects.toString(form.get(price[0]), "").strip() + "' is not a price: dollars with at most two decimals, like 2100, 2,100.00 or $2100.50.");
            } catch (ArithmeticException e) {
                // plain dollars, but more cents than the console can send: the service's own limit is far below (a fresh reviewer read "not a price")
                errors.put(price[0], "'" + form.get(price[0]).strip() + "' is out of range: far more than any price the service accepts.");
            }
        }
        for (int i = 0; i < 6; i++) {
            String date = form.get("date" + i);
            String module = form.get("module" + i);
            boolean hasDate = date != null && !date.isBlank(), hasModule = module != null && !module.isBlank();
            if (hasDate) {
                try {
                    LocalDate.parse(date.strip());
                } catch (java.time.format.DateTimeParseException e) {
                    errors.put("date" + i, "'" + date.strip() + "' is not a calendar date (YYYY-MM-DD).");
                }
            }
            // a half-filled row is refused at the row, not dropped (a fresh reviewer's series lost its M2 day silently)
            if (hasModule && !hasDate) {
                errors.put("date" + i, "Day " + (i + 1) + " has the module " + module.strip() + " but no date: give its date, or clear the row.");
            } else if (hasDate && !hasModule) {
                errors.putIfAbsent("date" + i, "Day " + (i + 1) + " has a date but no module: choose its module, or clear the row.");
            }
        }
        // a day beyond the form's six rows (a crafted or stale form) is refused, not dropped in silence
        if (form.entrySet().stream().anyMatch(e -> e.getKey().matches("(module|date)([6-9]|\\d{2,})") && !e.getValue().isBlank())) {
            errors.put("classDays", "A series has at most six class days here (one per module); remove the others.");
        }
        if (classDays.isEmpty() && errors.keySet().stream().noneMatch(k -> k.startsWith("date"))) {
            errors.put("classDays", "List the series' class days: a module and a date for each.");
        }
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            return scheduleFormAgain(form, model);
        }
        body.put("classDays", classDays);
        try {
            Object position = api.command(HttpMethod.POST, "/api/catalog/series", body).get(ApiRelay.EVENT_POSITION);
            ApiRelay.after(flash, position);
        } catch (ServiceProblem p) {
            if (p.status() == 403 || p.status() == 401) {
                throw p;
            }
            Map<String, String> atRow = classDayErrors(p, form);
            if (!atRow.isEmpty()) {
                model.addAttribute("errors", atRow);
                model.addAttribute("formError", "Series not scheduled: see the message at " + atRow.keySet().stream()
                        .map(k -> "day " + (Integer.parseInt(k.replaceAll("\\D", "")) + 1)).distinct().collect(java.util.stream.Collectors.joining(", ")) + ".");
                model.addAttribute("problem", p);
                return scheduleFormAgain(form, model);
            }
            FieldErrors.show(model, inDollars(p), SCHEDULE_FIELDS);
            return scheduleFormAgain(form, model);
        }
        flash.addFlashAttribute("done", "Series " + body.get("seriesNumber") + " is scheduled.");
        return "redirect:/series/" + body.get("seriesNumber");
    }

    /** A class day the service names ({@code classDays[1]}, {@code classDays[1].module}, {@code classDays[1].date}). */
    private static final java.util.regex.Pattern CLASS_DAY_FIELD = java.util.regex.Pattern.compile("classDays\\[(\\d+)](?:\\.(module|date))?");

    /**
     * A refusal about one class day, at that day's row of the form in its words ({@code module<i>} or {@code date<i>} →
     * message); empty when the problem names no one day (its {@code field}, docs/problems.md). The service counts the
     * days the console sent, which are the form's filled rows in order (blank rows are not sent): a fresh reviewer found a
     * past date and a repeated module shown for the class days as a group.
     */
    static Map<String, String> classDayErrors(ServiceProblem p, Map<String, String> form) {
        java.util.regex.Matcher named = p.parameter() == null ? null : CLASS_DAY_FIELD.matcher(p.parameter());
        if (named == null || !named.matches()) {
            return Map.of();
        }
        List<Integer> sentRows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            if (!form.getOrDefault("module" + i, "").isBlank() && !form.getOrDefault("date" + i, "").isBlank()) {
                sentRows.add(i);
            }
        }
        int sent = Integer.parseInt(named.group(1));
        if (sent >= sentRows.size()) {
            return Map.of();
        }
        int row = sentRows.get(sent);
        String module = form.get("module" + row).strip();
        String date = form.get("date" + row).strip();
        String day = "Day " + (row + 1);
        String words;
        switch (p.slug()) {
            case "class-day-in-past" -> words = day + " (" + module + " on " + readable(date) + ") has already started: a new series needs class days after today.";
            case "duplicate-module" -> words = day + " repeats module " + module + earlier(form, sentRows, sent, "module" , module, " (day %d has it too)")
                    + ": a series runs each module once; choose another module or clear the row.";
            case "duplicate-date" -> words = day + " is on " + readable(date) + earlier(form, sentRows, sent, "date", date, ", the same date as day %d")
                    + ": a class day runs one module; choose another date.";
            case "unknown-module" -> words = day + ": module " + module + " is not defined; choose one of the list.";
            case "invalid-date" -> words = day + ": the date must be from 2000-01-01 to 2100-12-31.";
            default -> words = day + ": " + p.detail();
        }
        return Map.of(("module".equals(named.group(2)) ? "module" : "date") + row, words);
    }

    /** The first earlier row with the same value, in words ({@code phrase} with its day number, e.g. ", the same date as day 1"). */
    private static String earlier(Map<String, String> form, List<Integer> sentRows, int sent, String field, String value, String phrase) {
        for (int k = 0; k < sent; k++) {
            if (form.get(field + sentRows.get(k)).strip().equals(value)) {
                return String.format(phrase, sentRows.get(k) + 1);
            }
        }
        return "";
    }

    private static String readable(String isoDate) {
        try {
            return new Pacific().date(isoDate);
        } catch (java.time.format.DateTimeParseException e) {
            return isoDate;
        }
    }

    /** The body's cents fields → the form's dollar fields. */
    private static final Map<String, String> DOLLAR_FIELDS = fields("priceCents", "price", "ceOptionPriceCents", "ceOptionPrice");
    private static final java.util.regex.Pattern AT_MOST_CENTS = java.util.regex.Pattern.compile("must be (?:less than or equal to|at most) (\\d+)$");

    /**
     * The service's refusal of a price as the form shows it: a field message on {@code priceCents} or
     * {@code ceOptionPriceCents} (a malformed request, e.g. a price above the largest the service reads) at the form's
     * dollar field, its cents limit in dollars (a fresh reviewer's $99,999,999,999 was a banner about cents at the top).
     */
    static ServiceProblem inDollars(ServiceProblem p) {
        if (p.fieldMessages().keySet().stream().noneMatch(DOLLAR_FIELDS::containsKey)) {
            return p;
        }
        Map<String, String> messages = new LinkedHashMap<>();
        p.fieldMessages().forEach((field, message) -> {
            String formField = DOLLAR_FIELDS.getOrDefault(field, field);
            java.util.regex.Matcher atMost = AT_MOST_CENTS.matcher(message);
            messages.put(formField, DOLLAR_FIELDS.containsKey(field) && atMost.find()
                    ? "more than the service accepts (at most $" + String.format(java.util.Locale.US, "%,.2f",
                    new BigDecimal(atMost.group(1)).movePointLeft(2)) + ")."
                    : message);
        });
        return new ServiceProblem(p.status(), p.slug(), p.title(), p.detail(), p.parameter(), messages);
    }

    /** The typed price of the field; a blank CE option price is $0 (no CE option charge). */
    private static String ceOptionPrice(Map<String, String> form, String field) {
        String v = form.get(field);
        return field.equals("ceOptionPrice") && (v == null || v.isBlank()) ? "0" : v;
    }

    private String scheduleFormAgain(Map<String, String> form, Model model) {
        model.addAttribute("modules", api.read("/api/catalog/modules", Map.of("size", 100)).get("items"));
        model.addAttribute("form", form);
        return "console/series-new";
    }

    /** Changes a series' capacity with a reason; the series page shows the result or the refusal. */
    @PostMapping("/series/{number}/capacity")
    public String capacity(@PathVariable int number, @RequestParam(required = false) String seriesId, @RequestParam String capacity,
                           @RequestParam String reason, Model model, RedirectAttributes flash) {
        // the series is the one of the path (the page the form is on), never a form field's
        Object pathSeriesId = api.read("/api/catalog/series/{number}", number).get("seriesId");
        if (seriesId != null && !seriesId.isBlank() && !seriesId.strip().equals(pathSeriesId)) {
            throw new ServiceProblem(400, "series-mismatch", "Not changed",
                    "The form names series " + seriesId.strip() + " but is the form of series " + number + "; nothing was changed.", "seriesId");
        }
        model.addAttribute("capacityForm", fields("capacity", capacity, "reason", reason)); // a refused form shows what was entered
        try {
            ApiRelay.after(flash, api.command(HttpMethod.PUT, "/api/catalog/series/{id}/capacity",
                    Map.of("capacity", WholeNumbers.parse(capacity.strip()), "reason", reason), pathSeriesId).get(ApiRelay.EVENT_POSITION));
        } catch (NumberFormatException e) {
            model.addAttribute("errors", Map.of("capacity", WholeNumbers.refusal(capacity.strip(), "The capacity is a whole number.")));
            return series(number, null, model);
        } catch (ServiceProblem p) {
            if (p.status() == 403 || p.status() == 401) {
                throw p;
            }
            FieldErrors.show(model, p, fields("capacity", "capacity", "reason", "reason"));
            return series(number, null, model);
        }
        flash.addFlashAttribute("done", "Capacity changed to " + capacity.strip() + ".");
        return "redirect:/series/" + number;
    }

    /** Problem slugs' words → the class day forms' fields (move: newDate, reason; make-up places: places). */
    private static final Map<String, String> DAY_FIELDS = fields("make-up-places", "places", "reason", "reason", "date", "newDate",
            "class-day", "newDate");

    /** Moves a class day to another date (every series using it moves with it), with a reason; a refusal is shown at its field of that day's form. */
    @PostMapping("/series/{number}/class-days/{classDayId}/move")
    public String moveClassDay(@PathVariable int number, @PathVariable String classDayId, @RequestParam String newDate,
                               @RequestParam String reason, Model model, RedirectAttributes flash) {
        // a blank or unreadable date is asked for at its input in the form's words, nothing sent (a fresh reviewer's blank
        // date was the service's "Field 'newDate' must be a date")
        String dateRefused = newDate.isBlank() ? "Give the new date (YYYY-MM-DD)." : null;
        try {
            if (dateRefused == null) {
                LocalDate.parse(newDate.strip());
            }
        } catch (java.time.format.DateTimeParseException e) {
            dateRefused = "'" + newDate.strip() + "' is not a calendar date (YYYY-MM-DD).";
        }
        String refused = dateRefused;
        // a move onto the date the day is on changes nothing (the service appends nothing): said so, not "moved" (a fresh reviewer's)
        return classDayCommand(number, classDayId, dayForm(classDayId, newDate, reason, null), model, flash,
                day -> newDate.strip().equals(String.valueOf(day.get("date")))
                        ? "Class day " + classDayId + " is already on " + readable(newDate.strip()) + ": nothing changed."
                        : "Class day " + classDayId + " moved to " + newDate + ".", () -> {
                    if (refused != null) {
                        throw new ServiceProblem(400, "invalid-date", "Not moved", refused, "newDate");
                    }
                    return api.command(HttpMethod.POST, "/api/catalog/class-days/{id}/move", Map.of("newDate", newDate.strip(), "reason", reason), classDayId);
                });
    }

    /** Sets how many make-up places a class day offers beyond the seats of its series; a refusal is shown at the places field. */
    @PostMapping("/series/{number}/class-days/{classDayId}/make-up-places")
    public String makeUpPlaces(@PathVariable int number, @PathVariable String classDayId, @RequestParam String places,
                               Model model, RedirectAttributes flash) {
        Map<String, String> form = dayForm(classDayId, null, null, places);
        int count;
        try {
            count = WholeNumbers.parse(places.strip());
        } catch (NumberFormatException e) {
            model.addAttribute("dayForm", form);
            model.addAttribute("dayErrors", Map.of("places", WholeNumbers.refusal(places.strip(), "Make-up places are a whole number.")));
            return series(number, null, model);
        }
        return classDayCommand(number, classDayId, form, model, flash, day -> "Class day " + classDayId + " offers " + count + " make-up places.",
                () -> api.command(HttpMethod.PUT, "/api/catalog/class-days/{id}/make-up-places", Map.of("places", count), classDayId));
    }

    private static Map<String, String> dayForm(String classDayId, String newDate, String reason, String places) {
        return fields("classDayId", classDayId, "newDate", newDate, "reason", reason, "places", places);
    }

    /**
     * Sends a class day's command; done → back to the series page with the message {@code done} makes of the day as the
     * series lists it (its classDays entry, read before the command). Refused → the series page
     * again with the entered values in that day's form ({@code dayForm}) and the service's words at the field
     * ({@code dayErrors}) or at the top of that form ({@code dayFormError}); nothing shown as done.
     */
    private String classDayCommand(int number, String classDayId, Map<String, String> form, Model model, RedirectAttributes flash,
                                   java.util.function.Function<Map<?, ?>, String> done, java.util.function.Supplier<Map<String, Object>> command) {
        // the day is one of the page's series (a fresh reviewer moved another series' day from this page, and a day of
        // no series was refused by the service with no form on the page to show it)
        Map<?, ?> listed = api.read("/api/catalog/series/{number}", number).get("classDays") instanceof List<?> days ? days.stream()
                .filter(d -> d instanceof Map<?, ?> day && classDayId.equals(day.get("classDayId"))).map(d -> (Map<?, ?>) d)
                .findFirst().orElse(null) : null;
        if (listed == null) {
            throw new ServiceProblem(400, "series-mismatch", "Not changed",
                    "Class day " + classDayId + " is not a day of series " + number + "; nothing was changed. Open the page of a series that uses it.", null);
        }
        try {
            ApiRelay.after(flash, command.get().get(ApiRelay.EVENT_POSITION));
            flash.addFlashAttribute("done", done.apply(listed));
        } catch (ServiceProblem p) {
            if (p.status() == 403 || p.status() == 401) {
                throw p;
            }
            model.addAttribute("dayForm", form);
            Map<String, String> messages = p.messagesByField(DAY_FIELDS, "form");
            Map<String, String> dayErrors = new LinkedHashMap<>();
            messages.forEach((field, message) -> {
                if (form.get(field) != null) {
                    // the service's reading of a date it could not read, in the form's words
                    dayErrors.put(field, field.equals("newDate") && p.slug().equals("malformed-request")
                            ? "'" + form.get(field).strip() + "' is not a calendar date (YYYY-MM-DD)."
                            : field.equals("newDate") ? dateTaken(p, number, form.get(field).strip(), message) : message);
                }
            });
            model.addAttribute("dayErrors", dayErrors);
            if (dayErrors.size() < messages.size() || messages.isEmpty()) {
                model.addAttribute("dayFormError", "Not changed. " + p.title() + ": " + p.detail());
            }
            return series(number, null, model);
        }
        return "redirect:/series/" + number;
    }

    private static final java.util.regex.Pattern RUNS_MODULE = java.util.regex.Pattern.compile("already runs (?:(M\\d+)-\\d{4}-\\d{2}-\\d{2}|(M\\d+))");

    /**
     * A class-day move refused because the new date is taken, in the form's words (the service's names series and days by
     * their ids: "Series series-61 already runs M2-2030-01-14 on 2030-01-14", a fresh reviewer's finding); any other
     * refusal as the service gave it.
     */
    static String dateTaken(ServiceProblem p, int number, String typedDate, String message) {
        java.util.regex.Matcher module = RUNS_MODULE.matcher(p.detail());
        String which = module.find() ? (module.group(1) != null ? module.group(1) : module.group(2)) : null;
        String on = readable(typedDate);
        return switch (p.slug()) {
            case "duplicate-date" -> "Series " + number + " already has a class day on " + on + (which == null ? "" : " (" + which + ")")
                    + ": a class day runs one module; choose another date.";
            case "class-day-exists" -> "Another class day already runs " + (which == null ? "this module" : which) + " on " + on
                    + ": one live session per module a day; choose another date.";
            default -> message;
        };
    }

    /** Every projection: running, replaying, processed position, events behind (lag), with a rebuild button. */
    @GetMapping("/projections")
    public String projections(Model model, @RequestParam(required = false) String fragment) {
        Map<String, Object> projections;
        try {
            projections = api.read("/api/admin/projections", Map.of("size", 100));
        } catch (ServiceProblem p) {
            if (p.status() < 500) {
                throw p;
            }
            // a refresh while the projection service or its database does not answer: a notice in the table's place that keeps
            // refreshing, not the whole error page swapped into the table with no refresh left (a fresh reviewer's page stayed
            // on "Database unavailable" after the database was back)
            // the page itself too, when it is opened (or a rebuild's redirect lands) during the outage: it comes back by itself
            model.addAttribute("unavailable", p.title() + ": " + p.detail());
            if (fragment == null && model.getAttribute("rebuildErrors") instanceof Map<?, ?> refused) {
                refused.forEach((name, message) -> model.addAttribute("formError", "Rebuild of " + name + ": " + message));
            }
            return fragment != null ? "console/projections :: table" : "console/projections";
        }
        model.addAttribute("projections", projections);
        // a refusal about a projection the table has no row for (a name that is none) is shown at the top, not lost
        if (model.getAttribute("rebuildErrors") instanceof Map<?, ?> refused && projections.get("items") instanceof List<?> items) {
            java.util.Set<Object> shown = new java.util.HashSet<>();
            items.forEach(i -> shown.add(i instanceof Map<?, ?> row ? row.get("name") : null));
            refused.forEach((name, message) -> {
                if (!shown.contains(name)) {
                    model.addAttribute("formError", "Rebuild of " + name + ": " + message);
                }
            });
        }
        return fragment != null ? "console/projections :: table" : "console/projections";
    }

    /** A projection's parked events (stream, event, cause; paginated) with the retry button. */
    @GetMapping("/projections/{name}/parked")
    public String parked(@PathVariable String name, @RequestParam(defaultValue = "0") int page, Model model) {
        // the name and page are passed through: the projection service checks them (a refusal is the 404 or 400 page)
        model.addAttribute("name", name);
        model.addAttribute("parked", api.read("/api/admin/projections/{name}/parked?page={page}&size=20", name, page));
        return "console/parked";
    }

    /** Retries every parked stream of a projection once (after the cause is fixed); says what it did. */
    @PostMapping("/projections/{name}/parked/retry")
    public String retryParked(@PathVariable String name, RedirectAttributes flash) {
        try {
            Map<String, Object> outcome = api.projectionCommand("/api/admin/projections/{name}/parked/retry", name);
            flash.addFlashAttribute("done", "Retried the parked events of " + name + ": " + counted(outcome.get("retried"), "stream")
                    + " projected, " + counted(outcome.get("stillParked"), "event") + " still parked.");
        } catch (ServiceProblem p) {
            if (p.status() == 403 || p.status() == 401) {
                throw p;
            }
            flash.addFlashAttribute("formError", "Not retried. " + p.title() + ": " + p.detail());
        }
        return "redirect:/projections/{name}/parked";
    }

    /** "1 stream", "2 streams". */
    private static String counted(Object n, String noun) {
        return n + " " + noun + ("1".equals(String.valueOf(n)) ? "" : "s");
    }

    /** Starts a rebuild of one projection; the status table shows its progress. */
    @PostMapping("/projections/{name}/rebuild")
    public String rebuild(@PathVariable String name, RedirectAttributes flash) {
        try {
            api.projectionCommand("/api/admin/projections/{name}/rebuild", name);
            flash.addFlashAttribute("done", "Rebuild of " + name + " started.");
        } catch (ServiceProblem p) {
            if (p.status() == 403 || p.status() == 401) {
                throw p;
            }
            if (p.status() == 409 && "rebuild-in-progress".equals(p.slug())) {
                // a second click while the first click's rebuild runs: not an error, the table (still refreshing) shows its progress
                // (a fresh reviewer's double click showed only a refusal, with a progress figure older than the table's)
                flash.addFlashAttribute("done", "The " + name + " projection is already being rebuilt; the table shows its progress.");
                return "redirect:/projections";
            }
            // shown next to that projection's rebuild button (the table stops refreshing while it is shown)
            flash.addFlashAttribute("rebuildErrors", Map.of(name, "Not started. " + p.title() + ": " + p.detail()));
        }
        return "redirect:/projections";
    }

    /** Plain dollars, at most two decimals, an optional leading "$", thousands groups only where correct ("2,100.00"). */
    private static final java.util.regex.Pattern DOLLARS = java.util.regex.Pattern.compile("\\$?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d{1,2})?");

    /**
     * A price typed in dollars as integer cents: "2100", "2100.5", "$2,100.00"; anything else ("2,1",
     * "1.000,00", "1e3", "-5", "") is refused with a {@link NumberFormatException}, plain dollars of more cents than a
     * {@code long} holds with an {@link ArithmeticException}.
     */
    static long cents(String dollars) {
        String s = dollars == null ? "" : dollars.strip();
        if (!DOLLARS.matcher(s).matches()) {
            throw new NumberFormatException("not plain dollars: " + s);
        }
        return new BigDecimal(s.replace("$", "").replace(",", "")).movePointRight(2).longValueExact();
    }

    /** Name/value pairs as an ordered map (values may be null): a form's fields, or problem slug words → fields. */
    static Map<String, String> fields(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }
}
