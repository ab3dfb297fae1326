package com.polaris.kat.console;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attendance staff: a class day's roster (everyone expected, from every series using the day, and
 * make-ups) with each person's state at a glance, recording joined/left times and evaluations, and
 * corrections with a reason. Times are entered and shown in Pacific time.
 */
@Controller
public class RosterPages {

    /** Problem slugs' words → the attendance form's fields (its segments' first joined/left, verification, reason). */
    private static final Map<String, String> FIELDS = SeriesPages.fields("joined", "joinedAt", "left", "leftAt", "attendance-already", "joinedAt",
            "reason", "reason", "class-day", "joinedAt", "instant", "joinedAt", "segment", "joinedAt", "verification", "verification");

    private final ApiRelay api;

    /** Reads and commands through the relay, as the signed-in person; {@code clock} says whether a day has started. */
    public RosterPages(ApiRelay api, java.time.Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    private final java.time.Clock clock;

    /** The roster of a class day (paginated), each row with its state and its forms. */
    @SuppressWarnings("unchecked")
    @GetMapping("/class-days/{classDayId}/roster")
    public String roster(@PathVariable String classDayId, @RequestParam(defaultValue = "0") int page,
                         @RequestParam(required = false) String minPosition, Model model) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("minPosition", minPosition);
        Map<String, Object> day = api.read("/api/availability/class-days/" + classDayId, query);
        query.put("page", page);
        query.put("size", 25);
        Map<String, Object> roster = api.read("/api/class-days/" + classDayId + "/roster", query);
        model.addAttribute("day", day);
        model.addAttribute("roster", roster);
        model.addAttribute("rows", rows(roster, day));
        // a make-up is cancelled only before its day starts (09:00 Pacific): no button the service would always refuse
        model.addAttribute("dayStarted", started(day));
        if (!model.containsAttribute("rowErrors")) {
            model.addAttribute("rowErrors", Map.of());
        }
        String unshown = notShown((Map<String, Map<String, String>>) model.getAttribute("rowErrors"), (List<Map<String, Object>>) model.getAttribute("rows"),
                started(day));
        if (unshown != null) {
            model.addAttribute("formError", unshown);
        }
        if (model.getAttribute("rowEntered") instanceof Entered entered) {
            for (Map<String, Object> r : (List<Map<String, Object>>) model.getAttribute("rows")) {
                entered.keepIn(r);
            }
        }
        return "console/roster";
    }

    /**
     * Records (or, with a reason, corrects) a person's attendance: joined and left in Pacific time on
     * the class day's date. Answers the roster row alone to htmx, else the roster page.
     */
    @PostMapping("/class-days/{classDayId}/attendance")
    public String attendance(@PathVariable String classDayId, @RequestParam String registrationId, @RequestParam int seriesNumber,
                             @RequestParam List<String> joined, @RequestParam List<String> left, @RequestParam String verification,
                             @RequestParam(required = false) String reason, @RequestParam(defaultValue = "false") boolean correction,
                             @RequestParam(defaultValue = "false") boolean overlapsConfirmed,
                             @RequestHeader(value = "HX-Request", required = false) String htmx, Model model, RedirectAttributes flash) {
        Map<String, Object> day = api.read("/api/availability/class-days/{id}", classDayId);
        LocalDate date = LocalDate.parse(String.valueOf(day.get("date")));
        String error = null;
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        Object position = null;
        boolean unchanged = false;
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("classDayId", classDayId);
            List<Map<String, Object>> segments = segments(date, joined, left);
            if (segments.isEmpty()) {
                throw new DateTimeParseException("no segment", "", 0);
            }
            if (segments.size() == 1) {
                body.putAll(segments.get(0));
            } else {
                body.put("segments", segments); // every segment as entered: a correction never merges them
            }
            body.put("verification", verification);
            if (correction) {
                body.put("reason", reason);
            }
            if (overlapsConfirmed) {
                body.put("overlapsConfirmed", true); // ticked after the service refused the overlap (the box shows only then)
            }
            Map<String, Object> answer = api.command(HttpMethod.POST, "/api/series/{s}/registrations/{r}/"
                    + (correction ? "attendance-corrections" : "attendance"), body, "series-" + seriesNumber, registrationId);
            position = answer.get(ApiRelay.EVENT_POSITION);
            unchanged = Boolean.FALSE.equals(answer.get("recorded")); // a correction that showed what the record says

        } catch (DateTimeParseException e) {
            // at the input that could not be read (a second segment's at that segment's), not always the first joined time
            fieldErrors.put(unreadable(joined, left), "Joined and left are times like 09:05 (Pacific time), both given for each segment.");
        } catch (ServiceProblem p) {
            if (p.status() == 403 || p.status() == 401) {
                throw p;
            }
            // in the form's words, at the input it concerns (a segment's joined or left time, the verification, the reason):
            // a fresh reviewer found left-before-joined in the API's field names and UTC instants, and a second segment's
            // refusal at the top of the form; what concerns no input of the form goes to the top
            for (Map.Entry<String, String> m : attendanceErrors(p, typedPairs(joined, left)).entrySet()) {
                if (m.getKey().isEmpty()) {
                    error = p.title() + ": " + m.getValue();
                } else {
                    fieldErrors.put(m.getKey(), m.getValue());
                }
            }
            if (fieldErrors.isEmpty() && error == null) {
                error = p.title() + ": " + p.detail();
            }
            if (p.slug().equals("invalid-attendance") && OVERLAP.matcher(p.detail()).find()) {
                // the box to confirm the overlap, beside the segments, shown with this refusal only
                fieldErrors.put("overlapsConfirmed", "The overlap is right: the platform log shows both segments (connected twice, e.g. two devices); count them once.");
            }
        }
        boolean failed = error != null || !fieldErrors.isEmpty();
        Entered entered = failed ? new Entered(registrationId, joined, left, verification, reason) : null;
        String done = failed ? null : unchanged ? "Nothing changed: the attendance recorded already says this."
                : correction ? "Correction recorded." : "Attendance recorded.";
        return answer(classDayId, registrationId, error, fieldErrors, entered, done, position, htmx, model, flash);
    }

    /** A segment's time in the service's request ({@code joinedAt}, {@code leftAt}, {@code segments[1].leftAt}). */
    private static final java.util.regex.Pattern TIME_FIELD = java.util.regex.Pattern.compile("(?:segments\\[(\\d+)]\\.)?(joinedAt|leftAt)");
    /** The other segment an overlapping one is refused against, as the service's invalid-attendance detail names it. */
    private static final java.util.regex.Pattern OVERLAP = java.util.regex.Pattern.compile(" overlaps segment (\\d+) \\(");
    /** The class day's bounds as the service's invalid-attendance and attendance-outside-class-day details give them (UTC instants). */
    private static final java.util.regex.Pattern BOUNDS = java.util.regex.Pattern.compile("between (\\S+) and (\\S+) \\(");

    /**
     * The form's input of a segment's time the service names: {@code joinedAt}/{@code leftAt} for the first segment,
     * {@code joinedAt-1}/{@code leftAt-1} for the second (the suffix of its inputs' ids), ...; null for no time field.
     * The service counts the segments the console sent (blank pairs are not sent), which are the pairs the refused
     * form shows again, in the same order ({@link Entered#keepIn}).
     */
    static String timeInput(String field) {
        java.util.regex.Matcher m = field == null ? null : TIME_FIELD.matcher(field);
        if (m == null || !m.matches()) {
            return null;
        }
        int i = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        return m.group(2) + (i == 0 ? "" : "-" + i);
    }

    /** The joined/left pairs as typed that the console sends as segments (blank pairs left out), in order. */
    static List<String[]> typedPairs(List<String> joined, List<String> left) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < Math.max(joined.size(), left.size()); i++) {
            String j = i < joined.size() ? joined.get(i).strip() : "";
            String l = i < left.size() ? left.get(i).strip() : "";
            if (!j.isEmpty() || !l.isEmpty()) {
                out.add(new String[]{j, l});
            }
        }
        return out;
    }

    /** The input (as {@link #timeInput} names it) of the first time of the form that is no time like 09:05. */
    static String unreadable(List<String> joined, List<String> left) {
        List<String[]> pairs = typedPairs(joined, left);
        for (int i = 0; i < pairs.size(); i++) {
            for (int k = 0; k < 2; k++) {
                try {
                    LocalTime.parse(pairs.get(i)[k]);
                } catch (DateTimeParseException e) {
                    return (k == 0 ? "joinedAt" : "leftAt") + (i == 0 ? "" : "-" + i);
                }
            }
        }
        return "joinedAt";
    }

    /**
     * A refusal of the attendance form in its words, input → message ("" for the form as a whole): each time at its
     * segment's input, with the times as typed (Pacific, as the form shows them); the verification and the reason at
     * theirs. The field the problem names (its {@code field}, or each of a malformed request's {@code errors}), else its
     * type's word ({@link #FIELDS}).
     */
    static Map<String, String> attendanceErrors(ServiceProblem p, List<String[]> typed) {
        Map<String, String> named = new LinkedHashMap<>(p.fieldMessages());
        if (named.isEmpty() && p.parameter() != null) {
            named.put(p.parameter(), null);
        }
        if (named.isEmpty()) {
            String field = FieldErrors.field(p, FIELDS);
            if (field != null) {
                named.put(field, null);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        named.forEach((field, message) -> {
            String input = timeInput(field);
            if (input == null && (field.equals("reason") || field.equals("verification"))) {
                input = field;
            }
            out.merge(input == null ? "" : input, attendanceWords(p, field, input, message, typed), (a, b) -> a + "; " + b);
        });
        return out;
    }

    private static String attendanceWords(ServiceProblem p, String field, String input, String message, List<String[]> typed) {
        if ("verification".equals(input)) {
            return "Choose how the attendance was verified: platform log or staff sign-in.";
        }
        if ("reason".equals(input)) {
            return message != null ? ServiceProblem.humane("reason", message).replace("Give the reason.", "Give the reason for the correction.")
                    : p.slug().equals("reason-required") ? "Give the reason for the correction." : p.detail();
        }
        if (input == null) {
            return message == null ? p.detail() : ServiceProblem.humane(field, message);
        }
        boolean joinedInput = input.startsWith("joinedAt");
        int segment = input.contains("-") ? Integer.parseInt(input.substring(input.indexOf('-') + 1)) : 0;
        String name = joinedInput ? "Joined" : "Left";
        String[] pair = segment < typed.size() ? typed.get(segment) : null;
        String where = typed.size() > 1 ? " in segment " + (segment + 1) : "";
        if (message != null) {
            return ServiceProblem.humane(field, message).startsWith("Give the ") ? "Give the " + name.toLowerCase(java.util.Locale.ROOT)
                    + " time" + where + ", like 09:05 (Pacific time)." : name + where + ": " + message;
        }
        if (pair != null && p.slug().equals("invalid-attendance") && p.detail() != null && p.detail().contains("has a fraction of a second")) {
            // the service names the UTC instant; the form's words name the time as typed (a fresh reviewer's 09:05:30.250)
            return name + " " + (joinedInput ? pair[0] : pair[1]) + where + " has a fraction of a second: times are recorded to the"
                    + " second, like 09:05:30 (Pacific time).";
        }
        java.util.regex.Matcher overlap = OVERLAP.matcher(p.detail());
        if (pair != null && p.slug().equals("invalid-attendance") && joinedInput && overlap.find()) {
            int other = Integer.parseInt(overlap.group(1)) - 1;
            String[] o = other >= 0 && other < typed.size() ? typed.get(other) : null;
            if (o != null) {
                String from = LocalTime.parse(pair[0]).isBefore(LocalTime.parse(o[0])) ? pair[0] : o[0];
                String to = LocalTime.parse(pair[1]).isAfter(LocalTime.parse(o[1])) ? pair[1] : o[1];
                return "Segment " + (segment + 1) + " (" + pair[0] + "–" + pair[1] + ") overlaps segment " + (other + 1) + " (" + o[0] + "–" + o[1]
                        + ") (Pacific time): the two would count once, as " + from + "–" + to + ". Check the times; if the platform log shows"
                        + " both, tick the box below and record again.";
            }
        }
        if (pair != null && p.slug().equals("invalid-attendance") && !joinedInput && p.detail().contains("is later than now")) {
            // the service's reason after its instants (a fresh reviewer's correction before the day read "not after joined")
            int reason = p.detail().indexOf("): ");
            return "Left " + pair[1] + where + " (Pacific time) is later than now" + (reason < 0 ? "." : ": " + p.detail().substring(reason + 3));
        }
        if (pair != null && p.slug().equals("invalid-attendance") && !joinedInput && p.detail().contains("must be after joinedAt")) {
            return "Left " + pair[1] + " is not after joined " + pair[0] + where + " (Pacific time): give a left time after the joined time.";
        }
        if (pair != null && p.slug().equals("attendance-outside-class-day")) {
            java.util.regex.Matcher bounds = BOUNDS.matcher(p.detail());
            String range = " (09:00–17:00 Pacific time, 6 hours either side)";
            if (bounds.find()) {
                try {
                    range = ": from " + Pacific.hhmm(Instant.parse(bounds.group(1))) + " to " + Pacific.hhmm(Instant.parse(bounds.group(2)))
                            + " Pacific time (its 09:00–17:00, 6 hours either side)";
                } catch (java.time.format.DateTimeParseException unreadableBounds) {
                    // the words without the bounds
                }
            }
            return name + " " + (joinedInput ? pair[0] : pair[1]) + where + " is not on the class day" + range + ".";
        }
        return p.detail();
    }

    /**
     * What the person typed into a refused attendance or correction form (joined/left as typed, Pacific
     * "HH:mm" or anything else, verification, reason), shown again in that registration's row instead of
     * the recorded times, so a refusal never silently swaps their input for the stored record.
     */
    record Entered(String registrationId, List<String> joined, List<String> left, String verification, String reason)
            implements java.io.Serializable {

        /**
         * Puts the typed values into the row when it is this registration's: {@code formSegments} become the
         * typed pairs (blank pairs dropped) plus one blank pair, each with {@code joinedTyped}/{@code leftTyped};
         * {@code typedVerification} and {@code typedReason} as sent.
         */
        void keepIn(Map<String, Object> row) {
            if (!registrationId.equals(row.get("registrationId"))) {
                return;
            }
            List<Map<String, Object>> form = new ArrayList<>();
            for (int i = 0; i < Math.max(joined.size(), left.size()); i++) {
                String j = i < joined.size() ? joined.get(i).strip() : "";
                String l = i < left.size() ? left.get(i).strip() : "";
                if (!j.isEmpty() || !l.isEmpty()) {
                    form.add(typed(j, l));
                }
            }
            form.add(typed("", "")); // the blank one that adds a segment, as on every form
            if (form.size() == 1) {
                form.add(0, typed("", ""));
            }
            row.put("formSegments", form);
            row.put("typedVerification", verification);
            row.put("typedReason", reason == null ? "" : reason);
        }

        private static Map<String, Object> typed(String joined, String left) {
            Map<String, Object> m = segment(null, null);
            m.put("joinedTyped", joined);
            m.put("leftTyped", left);
            return m;
        }
    }

    /**
     * The joined/left pairs of the form (times of the class day, Pacific) as the service's segments
     * ({@code joinedAt}, {@code leftAt} instants); a pair left blank is skipped, a half-filled one is refused.
     */
    static List<Map<String, Object>> segments(LocalDate date, List<String> joined, List<String> left) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < Math.max(joined.size(), left.size()); i++) {
            String j = i < joined.size() ? joined.get(i).strip() : "";
            String l = i < left.size() ? left.get(i).strip() : "";
            if (j.isEmpty() && l.isEmpty()) {
                continue;
            }
            Map<String, Object> segment = new LinkedHashMap<>();
            segment.put("joinedAt", Pacific.at(date, LocalTime.parse(j)).toString());
            segment.put("leftAt", Pacific.at(date, LocalTime.parse(l)).toString());
            out.add(segment);
        }
        return out;
    }

    /** Books a make-up on this class day for a registration of another series (same module), where the day has room. */
    @PostMapping("/class-days/{classDayId}/make-ups")
    public String makeUp(@PathVariable String classDayId, @RequestParam String registrationId, @RequestParam String seriesNumber,
                         RedirectAttributes flash) {
        // the console's own reading of the two fields, each at its field: an empty registration id had reached the
        // service as an empty path segment ("Invalid path ... check the URL"), and a series number that is no number as
        // a series id "series-abc" (a fresh reviewer's findings)
        Map<String, String> own = new java.util.LinkedHashMap<>();
        String typedSeries = seriesNumber.strip();
        int series = 0;
        try {
            series = WholeNumbers.parse(typedSeries);
            if (series < 1) {
                own.put("seriesNumber", "The series number is 1 or more (e.g. 21 for series-21).");
            }
        } catch (NumberFormatException e) {
            own.put("seriesNumber", typedSeries.isEmpty() ? "Give the number of the series the person is registered in (e.g. 21)."
                    : WholeNumbers.refusal(typedSeries, "The series number is a whole number (e.g. 21 for series-21)."));
        }
        if (registrationId.isBlank()) {
            own.put("registrationId", "Give the registration id of the person who makes up the module.");
        } else if (PathIds.refusal("registration id", registrationId.strip(), PathIds.REGISTRATION_OR_CLINICIAN) != null) {
            // an id no registration can have, in the form's words (a fresh reviewer's 40 characters were "path parameter ...")
            own.put("registrationId", PathIds.refusal("registration id", registrationId.strip(), PathIds.REGISTRATION_OR_CLINICIAN));
        }
        if (!own.isEmpty()) {
            flash.addFlashAttribute("makeUpForm", SeriesPages.fields("registrationId", registrationId, "seriesNumber", seriesNumber));
            flash.addFlashAttribute("makeUpErrors", own);
            return "redirect:/class-days/" + classDayId + "/roster";
        }
        try {
            Map<String, Object> day = api.read("/api/availability/class-days/{id}", classDayId);
            ApiRelay.after(flash, api.command(HttpMethod.POST, "/api/series/{s}/registrations/{r}/make-ups",
                    Map.of("moduleCode", day.get("moduleCode"), "classDayId", classDayId), "series-" + series,
                    registrationId.strip()).get(ApiRelay.EVENT_POSITION));
            flash.addFlashAttribute("done", "Make-up booked for registration " + registrationId.strip() + ".");
        } catch (ServiceProblem p) {
            if (p.status() == 403 || p.status() == 401) {
                throw p;
            }
            // at the field it concerns (else at the top of the make-up form), with what was entered
            String field = FieldErrors.field(p, MAKE_UP_FIELDS);
            String message = p.title() + ": " + p.detail();
            if (p.slug().equals("invalid-path") && "registrationId".equals(p.parameter())) {
                message = PathIds.words(p, "registration id");
            } else if (p.slug().equals("invalid-path") && "seriesId".equals(p.parameter())) {
                field = "seriesNumber";
                message = PathIds.words(p, "series number");
            } else if (p.slug().equals("series-not-found")) {
                field = "seriesNumber";
                message = "There is no Series " + series + ": check the series number (the series the registration belongs to).";
            } else if (p.slug().equals("registration-not-found")) {
                // in the form's words, not the service's ids ("Series series-21 has no registration …", a fresh reviewer's)
                message = "Series " + series + " has no registration " + registrationId.strip() + ": check the registration id, and that the "
                        + "series number is the registration's own series.";
            }
            flash.addFlashAttribute("makeUpForm", SeriesPages.fields("registrationId", registrationId, "seriesNumber", seriesNumber));
            flash.addFlashAttribute("makeUpErrors", Map.of(field == null ? "form" : field, "Make-up not booked. " + message));
        }
        return "redirect:/class-days/" + classDayId + "/roster";
    }

    /** Whether the class day has started at the console's clock: its {@code startsAt} as the projection service gives it (UTC). */
    private boolean started(Map<String, Object> day) {
        return !clock.instant().isBefore(Instant.parse(String.valueOf(day.get("startsAt"))));
    }

    /**
     * Cancels a make-up booked on this class day, with the reason staff give (the clinician will attend their series'
     * own day after all): the place comes free. Answers the roster with what happened at its top; a refusal (e.g. the
     * day has started, or the make-up was already cancelled, after which the row may be gone) is shown there in the
     * service's words; a blank reason is refused at the row's reason field, nothing sent, and the service's refusal of a
     * reason (longer than it takes: "Reason: at most 500 characters; 501 given.") is shown there too.
     */
    @PostMapping("/class-days/{classDayId}/make-up-cancellation")
    public String cancelMakeUp(@PathVariable String classDayId, @RequestParam String registrationId, @RequestParam int seriesNumber,
                               @RequestParam String reason, RedirectAttributes flash) {
        // a blank reason at the row's reason field, with an example, nothing sent (a fresh reviewer's were at the top of the page)
        String own = reason.isBlank() ? "Give the reason (e.g. the clinician will attend their series' own day)." : null;
        if (own != null) {
            flash.addFlashAttribute("cancelErrors", Map.of(registrationId, "Make-up not cancelled. " + own));
            flash.addFlashAttribute("cancelTyped", Map.of(registrationId, reason));
            return "redirect:/class-days/" + classDayId + "/roster";
        }
        try {
            Object module = api.read("/api/availability/class-days/{id}", classDayId).get("moduleCode");
            ApiRelay.after(flash, api.command(HttpMethod.POST, "/api/series/{s}/registrations/{r}/make-ups/{m}/cancellation",
                    Map.of("reason", reason.strip()), "series-" + seriesNumber, registrationId, module).get(ApiRelay.EVENT_POSITION));
            flash.addFlashAttribute("done", "Make-up of registration " + registrationId + " on " + classDayId
                    + " cancelled; its place is free, and the module is attended on the series' own day.");
        } catch (ServiceProblem p) {
            if (p.status() == 403 || p.status() == 401) {
                throw p;
            }
            String atReason = p.fieldMessages().get("reason");
            if (atReason != null) {
                // the service's refusal of the reason (e.g. longer than it takes) at the row's reason field, with what was typed
                flash.addFlashAttribute("cancelErrors", Map.of(registrationId, "Make-up not cancelled. " + ServiceProblem.humane("reason", atReason)));
                flash.addFlashAttribute("cancelTyped", Map.of(registrationId, reason));
            } else {
                flash.addFlashAttribute("formError", "Make-up not cancelled. " + p.title() + ": " + p.detail());
            }
        }
        return "redirect:/class-days/" + classDayId + "/roster";
    }

    /** Problem slugs' words → the make-up form's fields (the other series' number, the registration id). */
    private static final Map<String, String> MAKE_UP_FIELDS = SeriesPages.fields("series", "seriesNumber", "own-day", "seriesNumber",
            "registration", "registrationId", "module", "registrationId");

    /** Records that a person completed the module's evaluation. */
    @PostMapping("/class-days/{classDayId}/evaluation")
    public String evaluation(@PathVariable String classDayId, @RequestParam String registrationId, @RequestParam int seriesNumber,
                             @RequestParam(required = false) String moduleCode, @RequestHeader(value = "HX-Request", required = false) String htmx,
                             Model model, RedirectAttributes flash) {
        String error = null;
        Object position = null;
        boolean before = false;
        try {
            // the module is the class day's (the path), never the form's
            Object dayModule = api.read("/api/availability/class-days/{id}", classDayId).get("moduleCode");
            if (moduleCode != null && !moduleCode.isBlank() && !moduleCode.strip().equals(dayModule)) {
                throw new ServiceProblem(400, "module-mismatch", "Not recorded", "The form names module " + moduleCode.strip()
                        + " but class day " + classDayId + " is module " + dayModule + "; nothing was recorded.", "moduleCode");
            }
            Map<String, Object> answer = api.command(HttpMethod.POST, "/api/series/{s}/registrations/{r}/evaluations", Map.of("moduleCode", dayModule),
                    "series-" + seriesNumber, registrationId);
            position = answer.get(ApiRelay.EVENT_POSITION);
            before = Boolean.FALSE.equals(answer.get("recorded"));
        } catch (ServiceProblem p) {
            if (p.status() == 403 || p.status() == 401) {
                throw p;
            }
            error = p.title() + ": " + pacificStart(p.detail());
        }
        String done = error != null ? null : before ? "Nothing changed: the evaluation was recorded before." : "Evaluation recorded.";
        return answer(classDayId, registrationId, error, Map.of(), null, done, position, htmx, model, flash);
    }

    /**
     * Withdraws the evaluation recorded for the module of the class day in the path (entered by mistake), with a reason
     * (required): the service withdraws the hours earned on it in the same transaction. The row says what was done or why not.
     */
    @PostMapping("/class-days/{classDayId}/evaluation-withdrawal")
    public String withdrawEvaluation(@PathVariable String classDayId, @RequestParam String registrationId, @RequestParam int seriesNumber,
                                     @RequestParam(required = false) String reason,
                                     @RequestHeader(value = "HX-Request", required = false) String htmx, Model model, RedirectAttributes flash) {
        return withReason(classDayId, registrationId, reason, "Evaluation not withdrawn", "it is kept with the correction", () -> {
            // the module is the class day's (the path), never the form's
            Object dayModule = api.read("/api/availability/class-days/{id}", classDayId).get("moduleCode");
            return api.command(HttpMethod.POST, "/api/series/{s}/registrations/{r}/evaluation-withdrawals",
                    ordered("moduleCode", dayModule, "reason", reason.strip()), "series-" + seriesNumber, registrationId);
        }, "Evaluation withdrawn; any CE hours earned on it were withdrawn with it.", htmx, model, flash);
    }

    /** The longest reason the service keeps with a review (its field's bound, as the form's maxlength). */
    static final int REVIEW_REASON_MAX = 500;

    /**
     * Staff keep their record by hand against the participant report readings the row showed set aside on its day, with a
     * reason (the service's report-reviews, naming those readings: one imported since stays listed). Answers the row (htmx)
     * or the roster, with the outcome or the refusal.
     */
    @PostMapping("/class-days/{classDayId}/report-review")
    public String reviewReports(@PathVariable String classDayId, @RequestParam String registrationId, @RequestParam int seriesNumber,
                                @RequestParam(required = false) String reason, @RequestParam(name = "reading", required = false) List<String> readings,
                                @RequestHeader(value = "HX-Request", required = false) String htmx, Model model, RedirectAttributes flash) {
        // a refusal of the reason is shown at the form's reason field with what was typed (a fresh reviewer's was in the row's
        // message and the typed reason was gone); any other refusal in the row's message
        String blank = "Not reviewed: give the reason (it is kept with the review).";
        String atReason = reason == null || reason.isBlank() ? blank
                // longer than the service takes: said as the service says it, not as a request body too large (a fresh reviewer's
                // 70,000 characters were "Body too large" above another form, the text gone)
                : reason.strip().length() > REVIEW_REASON_MAX ? "Not reviewed. Reason: at most " + REVIEW_REASON_MAX + " characters; "
                + reason.strip().length() + " given." : null;
        String error = null;
        Object position = null;
        if (atReason == null) {
            try {
                // the readings the row showed (file|zone), no others (a fresh reviewer's review dismissed one the page had not shown)
                Map<String, Object> body = ordered("classDayId", classDayId, "reason", reason.strip());
                body.put("readings", (readings == null ? List.<String>of() : readings).stream().map(x -> {
                    int bar = x.indexOf('|');
                    return ordered("sourceFileSha256", bar < 0 ? x : x.substring(0, bar), "timeZone", bar < 0 ? "" : x.substring(bar + 1));
                }).toList());
                position = api.command(HttpMethod.POST, "/api/series/{s}/registrations/{r}/report-reviews", body, "series-" + seriesNumber,
                        registrationId).get(ApiRelay.EVENT_POSITION);
            } catch (ServiceProblem p) {
                if (p.status() == 403 || p.status() == 401) {
                    throw p;
                }
                String message = p.fieldMessages().get("reason");
                if ("must not be blank".equals(message)) { // a reason of invisible characters only: worded as a blank one
                    atReason = blank;
                } else if (message != null) {
                    atReason = "Not reviewed. " + ServiceProblem.humane("reason", message);
                } else if (p.status() == 400 && "reason".equals(p.parameter())) { // e.g. a control character in it
                    atReason = "Not reviewed. " + p.detail();
                } else {
                    error = "Not reviewed. " + p.title() + ": " + p.detail();
                }
            }
        }
        if (atReason != null) {
            if (htmx == null) {
                flash.addFlashAttribute("reviewTyped", Map.of(registrationId, reason == null ? "" : reason));
            } else {
                model.addAttribute("reviewTyped", Map.of(registrationId, reason == null ? "" : reason));
            }
        }
        String done = error != null || atReason != null ? null
                : "Reports reviewed (those this row showed): the record by hand stands; they stay in the audit trail. Any set aside since stay listed.";
        return answer(classDayId, registrationId, error, atReason == null ? Map.of() : Map.of("reviewReason", atReason), null, done, position,
                htmx, model, flash);
    }

    /**
     * A row's command that needs staff's reason: refused here when the reason is blank ("{@code notDone}: give the reason
     * ({@code kept})"), else {@code send} (the service's answer), whose refusal the row says ("{@code notDone}. title: detail";
     * 401 and 403 go to their pages); {@code done} when it was recorded.
     */
    private String withReason(String classDayId, String registrationId, String reason, String notDone, String kept,
                              java.util.function.Supplier<Map<String, Object>> send, String done, String htmx, Model model, RedirectAttributes flash) {
        String error = null;
        Object position = null;
        if (reason == null || reason.isBlank()) {
            error = notDone + ": give the reason (" + kept + ").";
        } else {
            try {
                position = send.get().get(ApiRelay.EVENT_POSITION);
            } catch (ServiceProblem p) {
                if (p.status() == 403 || p.status() == 401) {
                    throw p;
                }
                error = notDone + ". " + p.title() + ": " + p.detail();
            }
        }
        return answer(classDayId, registrationId, error, Map.of(), null, error != null ? null : done, position, htmx, model, flash);
    }

    /** A JSON body's two fields in the order given (Map.of has none). */
    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    /** A day's start as the service's class-day-not-started detail gives it (a UTC instant after "starts at "). */
    private static final java.util.regex.Pattern STARTS_AT = java.util.regex.Pattern.compile("starts at (\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z)");

    /** The detail with the day's start in Pacific time, as the roster shows times (a fresh reviewer's read "…T17:00:00Z"). */
    static String pacificStart(String detail) {
        java.util.regex.Matcher m = STARTS_AT.matcher(detail);
        if (!m.find()) {
            return detail;
        }
        try {
            return detail.substring(0, m.start()) + "starts at " + new Pacific().dateTime(Instant.parse(m.group(1))) + detail.substring(m.end());
        } catch (java.time.format.DateTimeParseException unreadable) {
            return detail;
        }
    }

    private String answer(String classDayId, String registrationId, String error, Map<String, String> fieldErrors, Entered entered, String done,
                          Object position, String htmx, Model model, RedirectAttributes flash) {
        Map<String, Map<String, String>> rowErrors = fieldErrors.isEmpty() ? Map.of() : Map.of(registrationId, fieldErrors);
        if (htmx == null) {
            if (entered != null) {
                flash.addFlashAttribute("rowEntered", entered);
            }
            if (!fieldErrors.isEmpty()) {
                flash.addFlashAttribute("formError", "Not recorded: see the message at the field of registration " + registrationId + ".");
                flash.addFlashAttribute("rowErrors", rowErrors);
            } else if (error != null) {
                flash.addFlashAttribute("formError", error);
            } else {
                flash.addFlashAttribute("done", done);
            }
            return "redirect:/class-days/" + classDayId + "/roster";
        }
        // htmx: the row again, as the read side now has it (the command's event may take a moment to be projected)
        Map<String, Object> day = api.read("/api/availability/class-days/{id}", classDayId);
        Map<String, Object> row = findRow(classDayId, registrationId, position, day);
        if (row != null && entered != null) {
            entered.keepIn(row); // refused: the form shows what was typed, not the recorded times
        }
        model.addAttribute("day", day);
        model.addAttribute("dayStarted", started(day));
        model.addAttribute("rows", row == null ? List.of() : List.of(row));
        if (!fieldErrors.isEmpty() && (row == null || !formShows(row, started(day), fieldErrors.keySet()))) {
            // no form shows these fields (the day has not started; a row with no correction form; the row has left the
            // roster): said in the row (fresh reviewers' crafted early record and correction of a row not yet recorded)
            error = (error == null ? "" : error + " ") + String.join(" ", fieldErrors.values());
            rowErrors = Map.of();
        }
        model.addAttribute("rowError", error);
        model.addAttribute("rowErrors", rowErrors);
        model.addAttribute("rowDone", done);
        if (row == null) {
            // no longer on the roster (cancelled, transferred, moved to a make-up since the page was read): the answer in a
            // row of its own, not an empty swap that took the row and its refusal away (a fresh reviewer's lost refusal)
            model.addAttribute("goneRegistrationId", registrationId);
            return "console/roster :: gone";
        }
        return "console/roster :: row";
    }

    /**
     * The refusal of a form whose fields the roster page does not show (the registration left the roster since the form was
     * read, or its row is on another page; or the day has not started, so no row has a form), in words of its own; null
     * when every refused row's form is shown.
     *
     * @param rowErrors  registration id → form field → message, as {@link #answer} hands them to the page
     * @param rows       the page's rows
     * @param dayStarted whether the rows have their attendance forms
     */
    static String notShown(Map<String, Map<String, String>> rowErrors, List<Map<String, Object>> rows, boolean dayStarted) {
        if (rowErrors == null) {
            return null;
        }
        Map<Object, Map<String, Object>> shown = new java.util.HashMap<>();
        rows.forEach(r -> shown.put(r.get("registrationId"), r));
        for (Map.Entry<String, Map<String, String>> refused : rowErrors.entrySet()) {
            Map<String, Object> row = shown.get(refused.getKey());
            if (row == null || !formShows(row, dayStarted, refused.getValue().keySet())) {
                return "Not recorded for registration " + refused.getKey() + (row != null ? ""
                        : ", which is not on this page of the roster (it may have left the roster)") + ": " + String.join(" ", refused.getValue().values());
            }
        }
        return null;
    }

    /**
     * Whether the row's attendance form shows every one of these fields (as roster.html draws it): no form before the day
     * starts; the reason only on a correction form, which a row gets once its attendance is recorded.
     */
    static boolean formShows(Map<String, Object> row, boolean dayStarted, java.util.Set<String> fields) {
        if (fields.contains("reviewReason")) { // the review form is on a row with readings set aside
            return row.get("reportsSetAside") instanceof List<?> l && !l.isEmpty();
        }
        return dayStarted && (!fields.contains("reason") || !"NOT_RECORDED".equals(row.get("attendance")));
    }

    private Map<String, Object> findRow(String classDayId, String registrationId, Object position, Map<String, Object> day) {
        for (int page = 0; page < 20; page++) {
            Map<String, Object> query = new LinkedHashMap<>(Map.of("page", page, "size", 100));
            if (position != null) {
                query.put("minPosition", position);
            }
            Map<String, Object> roster = api.read("/api/class-days/" + classDayId + "/roster", query);
            for (Map<String, Object> r : rows(roster, day)) {
                if (registrationId.equals(r.get("registrationId"))) {
                    return r;
                }
            }
            if (((List<?>) roster.get("items")).size() < 100) {
                return null;
            }
        }
        return null;
    }

    /**
     * Each roster entry with its state at a glance (present in full, late, left early, late and left early, not online during
     * the day's hours, absent, not recorded), its CE state in words, its correction form's segments, and {@code minutesOnly}
     * (recorded as minutes present without joined/left times: the form leaves the times blank). {@code day}: the class day's
     * availability ({@code startsAt}, {@code endsAt}, UTC), or null when not read.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> roster, Map<String, Object> day) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) roster.getOrDefault("items", List.of())) {
            Map<String, Object> r = new LinkedHashMap<>(e);
            List<Map<String, Object>> segments = segmentsOf(e);
            r.put("segments", segments);
            r.put("state", state(e, segments, day));
            r.put("ce", ce(e));
            // recorded as minutes present only: the correction form's times stay blank (nothing invented), with a note saying so
            r.put("minutesOnly", !"NOT_RECORDED".equals(e.get("attendance")) && segments.isEmpty());
            List<Map<String, Object>> form = new ArrayList<>(segments.isEmpty() ? List.of(segment(null, null)) : segments);
            form.add(segment(null, null)); // one more, left blank: how a segment is added
            r.put("formSegments", form);
            out.add(r);
        }
        return out;
    }

    /** The entry's segments (the projection service's), or its one joined/left pair when it has none. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> segmentsOf(Map<String, Object> e) {
        if (e.get("segments") instanceof List<?> l && !l.isEmpty()) {
            return (List<Map<String, Object>>) l;
        }
        return e.get("joinedAt") == null || e.get("leftAt") == null ? List.of() : List.of(segment(e.get("joinedAt"), e.get("leftAt")));
    }

    private static Map<String, Object> segment(Object joinedAt, Object leftAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("joinedAt", joinedAt);
        m.put("leftAt", leftAt);
        return m;
    }

    /** The date a class day's id was made with (module, first date, and a "-2" where one module already ran that date), or null. */
    static String dateInId(String classDayId) {
        java.util.regex.Matcher m = DAY_ID.matcher(classDayId);
        return m.matches() ? m.group(1) : null;
    }

    private static final java.util.regex.Pattern DAY_ID = java.util.regex.Pattern.compile(".+?-(\\d{4}-\\d{2}-\\d{2})(?:-\\d+)?");

    /**
     * The row's state at a glance, from the enrollment service's in-full judgement as the roster gives it ({@code inFull}:
     * attended in full or not under the rule in force, late arrival and early departure beyond the grace, the time away
     * between segments within the day in the CE decisions' words): "Present in full", "Present in full, away 10 min",
     * "Late", "Left early", "Late and left early", "Not in full, away 15 min", "Late, away 45 min"; with minutes present
     * only, "Present in full (465 min)", "Not in full (459 min)" or "Absent". Nothing of the CE rule is worked out here (the
     * console had used a fixed 10-minute grace and its own count of time away), and whether the day counts is said on every
     * row, with or without the CE option (a fresh reviewer's "Away 10 min" on a day in full read like "Away 15 min" on one
     * that was not). Attendance recorded before the service judged it reads "Recorded" or "Recorded (N min)". Times that all
     * lie outside the day's hours ({@code day}'s startsAt to endsAt) read "Not online during the day's hours", not "Late and
     * left early" (a record with nothing online within the day had read so).
     */
    private static String state(Map<String, Object> e, List<Map<String, Object>> segments, Map<String, Object> day) {
        if ("NOT_RECORDED".equals(e.get("attendance"))) {
            // on the series' day of someone whose module moved to a make-up: where it is to be attended
            // with the make-up day's date: a moved day keeps its id, so the id alone can name another date (a fresh reviewer)
            return e.get("makeUpClassDayId") instanceof String makeUp ? "Not recorded (make-up booked on " + makeUp
                    + (e.get("makeUpDate") instanceof String date && !date.equals(dateInId(makeUp)) ? ", now on " + date : "") + ")" : "Not recorded";
        }
        Map<?, ?> judged = e.get("inFull") instanceof Map<?, ?> m ? m : null;
        boolean inFull = judged != null && Boolean.TRUE.equals(judged.get("attendedInFull"));
        if (segments.isEmpty()) {
            Object minutes = e.get("minutesPresent");
            if (minutes instanceof Number n && n.intValue() == 0) {
                return "Absent";
            }
            return (judged == null ? "Recorded" : inFull ? "Present in full" : "Not in full") + " (" + minutes + " min)";
        }
        if (judged == null) {
            return "Recorded";
        }
        boolean late = Boolean.TRUE.equals(judged.get("lateArrival"));
        boolean early = Boolean.TRUE.equals(judged.get("earlyDeparture"));
        if (!inFull && late && early && day != null && day.get("startsAt") instanceof String starts && day.get("endsAt") instanceof String ends
                && segments.stream().noneMatch(g -> Instant.parse(String.valueOf(g.get("leftAt"))).isAfter(Instant.parse(starts))
                && Instant.parse(String.valueOf(g.get("joinedAt"))).isBefore(Instant.parse(ends)))) {
            return "Not online during the day's hours";
        }
        String base = inFull ? "Present in full" : late && early ? "Late and left early" : late ? "Late" : early ? "Left early" : "Not in full";
        return judged.get("away") instanceof String away ? base + ", away " + away : base;
    }

    /**
     * The CE state in words: no CE option, CE earned, CE earned on the module's other day (with what fell short on this
     * day, where a decision named it: "CE earned on M3-2023-10-02; not on this day: last leave 210 min before the end (at
     * most 10)"), CE withdrawn (with what fell short, where the decision named it), CE
     * not earned with the decision's reasons ("CE not earned: 20 min away between segments (at most 10)"; a day not
     * attended in full, whether or not evaluated), CE not earned (recorded and evaluated, no reasons read), or no CE yet.
     */
    private static String ce(Map<String, Object> e) {
        if (!Boolean.TRUE.equals(e.get("ceOption"))) {
            return "no CE option";
        }
        if (Boolean.TRUE.equals(e.get("ceEarned"))) {
            return "CE earned";
        }
        String because = e.get("ceNotEarnedBecause") instanceof List<?> words && !words.isEmpty()
                ? words.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("; ")) : null;
        if (e.get("ceEarnedOnClassDayId") instanceof String otherDay) {
            // the module's hours rest on its other day (a make-up, or the series' day): not "not earned" (a fresh reviewer's);
            // what fell short on this day, where a decision named it, too (the next reviewer's: the API said it, the row not)
            return "CE earned on " + otherDay + (because == null ? "" : "; not on this day: " + because);
        }
        if (Boolean.TRUE.equals(e.get("ceWithdrawn"))) {
            return because == null ? "CE withdrawn" : "CE withdrawn: " + because;
        }
        if (because != null) {
            return "CE not earned: " + because;
        }
        return !"NOT_RECORDED".equals(e.get("attendance")) && Boolean.TRUE.equals(e.get("evaluationCompleted")) ? "CE not earned" : "no CE yet";
    }
}
