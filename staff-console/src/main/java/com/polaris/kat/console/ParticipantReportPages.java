package com.polaris.kat.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Attendance staff: a class day's participant report (the video platform's CSV) uploaded from the
 * roster page and relayed as is to the enrollment service, which matches, records and refuses; then
 * what it matched (each attendee's outcome and segments, shown in Pacific time) and the lines it left
 * unmatched, which staff set aside with a reason. The reports imported for the day (counts, lines
 * still open, rows set aside) are the projection service's. Problem types shown at their field:
 * invalid-time-zone (time zone), participant-report-invalid (file); reason-required, invalid-lines,
 * lines-not-unmatched and invalid-request (reason, lines) when setting rows aside.
 */
@Controller
public class ParticipantReportPages {

    /** Problem slugs' words → the upload form's fields. */
    private static final Map<String, String> UPLOAD_FIELDS = SeriesPages.fields("time-zone", "timeZone", "participant-report", "file");
    /** Problem slugs' words → the set-aside form's fields. */
    private static final Map<String, String> SET_ASIDE_FIELDS = SeriesPages.fields("reason", "reason", "lines", "lines");
    /** The session attribute (per class day) that keeps the person's last import answer, to finish the unmatched rows from it. */
    static final String LAST_IMPORT = "kat.console.participant-report.";
    private static final int PAGE_SIZE = 10;

    private final ApiRelay api;

    /** Reads and commands through the relay, as the signed-in person. */
    public ParticipantReportPages(ApiRelay api) {
        this.api = api;
    }

    /**
     * Uploads a report: relayed as {@code text/csv} with the time zone as typed (the service reads the
     * times in it, refuses what is not an IANA zone, an empty or unreadable file, times off the day).
     * Done: the reports page with the answer. Refused: the roster page, the message at its field.
     */
    @PostMapping("/class-days/{classDayId}/participant-reports")
    public String upload(@PathVariable String classDayId, @RequestParam(required = false) MultipartFile file,
                         @RequestParam(required = false) String timeZone, @RequestParam(required = false) String addToRecorded,
                         @RequestParam(required = false) String reinstate,
                         HttpSession session, RedirectAttributes flash) throws IOException {
        org.springframework.core.io.Resource bytes = file == null ? new org.springframework.core.io.ByteArrayResource(new byte[0])
                : file.getResource();
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("timeZone", timeZone == null ? null : timeZone.strip());
        if ("true".equals(addToRecorded)) { // the form's box: a report of another meeting of the day adds to what is recorded
            query.put("addToRecorded", "true");
        }
        if ("true".equals(reinstate)) { // the form's box: an earlier report should stand again where a later one replaced it
            query.put("reinstate", "true");
        }
        try {
            if (timeZone != null && !timeZone.isBlank() && !isTimeZone(timeZone.strip())) {
                // refused here, in the form's words, nothing sent (the service's own refusal is put in the same words below)
                throw new ServiceProblem(422, "invalid-time-zone", "Not imported", "", "timeZone");
            }
            Map<String, Object> answer = api.upload("/api/class-days/" + classDayId + "/participant-reports", query,
                    MediaType.parseMediaType("text/csv"), bytes);
            Map<String, Object> kept = new LinkedHashMap<>(answer);
            // the page says "added to the times recorded" for this import's CORRECTED (a fresh reviewer read "corrected (it
            // differed from the earlier record)" for a restarted meeting's second report, whose times were added)
            kept.put("addedToRecorded", "true".equals(addToRecorded));
            session.setAttribute(LAST_IMPORT + classDayId, kept);
            ApiRelay.after(flash, answer.get(ApiRelay.EVENT_POSITION));
            boolean superseded = attendeesWhere(answer, m -> "SUPERSEDED".equals(m.get("outcome")) || "NOT_ADDED".equals(m.get("outcome"))) > 0;
            flash.addFlashAttribute("done", Boolean.TRUE.equals(answer.get("importedBefore")) ? (superseded
                    ? "This file was imported for this day before with its times read in " + answer.get("timeZone") + "; nothing changed: for "
                    + "some, a later report or a record staff made by hand stands, or the times overlap those recorded (see below)."
                    : "This file was imported for this day before, and its times read in " + answer.get("timeZone") + " are recorded already: "
                    + "nothing changed.")
                    : "Imported " + (file == null || file.getOriginalFilename() == null ? "the report" : file.getOriginalFilename()) + ": "
                    + counted(answer.get("rows"), "row", "rows") + ", " + counted(size(answer.get("attendees")), "person", "people") + " matched, "
                    + size(answer.get("unmatched")) + " unmatched (see below)." + withdrawnWords(answer) + droppedWords(answer)
                    + earnedAgainWords(answer, "true".equals(addToRecorded)) + handRecordWords(answer));
            return "redirect:/class-days/" + classDayId + "/participant-reports";
        } catch (ServiceProblem p) {
            if (p.status() == 403 || p.status() == 401) {
                throw p;
            }
            String field = FieldErrors.field(p, UPLOAD_FIELDS);
            if (field != null) {
                // an unknown time zone in the form's words (a fresh reviewer's was "timeZone must be an IANA time zone ...")
                flash.addFlashAttribute("reportErrors", Map.of(field, field.equals("timeZone") && p.slug().equals("invalid-time-zone")
                        ? timeZoneRefusal(timeZone) : p.detail()));
                flash.addFlashAttribute("formError", "Not imported: see the message at the " + (field.equals("file") ? "file" : "time zone")
                        + "; choose the file again (a browser does not keep it).");
            } else {
                flash.addFlashAttribute("formError", "Not imported. " + p.title() + ": " + p.detail());
            }
            flash.addFlashAttribute("reportTimeZone", timeZone);
            // the box as ticked, with the time zone as typed (a fresh reviewer's retry after a refusal replaced the record)
            flash.addFlashAttribute("reportAddToRecorded", "true".equals(addToRecorded));
            flash.addFlashAttribute("reportReinstate", "true".equals(reinstate));
            return "redirect:/class-days/" + classDayId + "/roster#participant-report";
        }
    }

    /** How many of the import answer's matched attendees (JSON objects) satisfy {@code test}; 0 when it lists none. */
    private static long attendeesWhere(Map<String, Object> answer, java.util.function.Predicate<Map<?, ?>> test) {
        return answer.get("attendees") instanceof List<?> attendees
                ? attendees.stream().filter(a -> a instanceof Map<?, ?> m && test.test(m)).count() : 0;
    }

    /** " CE hours were withdrawn for 2 people …" when the import's times withdrew someone's hours, else nothing. */
    static String withdrawnWords(Map<String, Object> answer) {
        long withdrawn = attendeesWhere(answer, m -> Boolean.TRUE.equals(m.get("hoursWithdrawn")));
        return withdrawn == 0 ? "" : " CE hours were withdrawn for " + counted(withdrawn, "person", "people") + " by this import's times: see"
                + " below. If it is of another meeting of the day, import the day's other report again with the box ticked to add its"
                + " times back, or correct the times by hand.";
    }

    /**
     * " This import replaced times of another meeting of this day for 2 people …" when the import replaced times joined from
     * several reports, from a report imported as another meeting, or that its own do not overlap at all, else nothing: said
     * whether or not hours were at stake (a fresh reviewer's attendees without the CE option lost an afternoon with no word).
     */
    static String droppedWords(Map<String, Object> answer) {
        long dropped = attendeesWhere(answer, m -> Boolean.TRUE.equals(m.get("otherMeetingsDropped")));
        return dropped == 0 ? "" : " This import replaced times of another meeting of this day for " + counted(dropped, "person", "people")
                + " (added before, or times it does not overlap at all): if the reports are of two meetings, import the other again with the"
                + " box ticked.";
    }

    /**
     * " The report disagrees with the attendance staff recorded by hand for 1 person …" when the import left someone's day as
     * staff recorded it (SUPERSEDED, supersededBy STAFF_RECORD), and for those whose times staff reviewed before
     * ({@code reviewedBefore}) that nothing is listed again; else nothing: the platform's evidence against a record by hand
     * is said at once (a fresh reviewer's such report left no trace the uploader could see but a line below).
     */
    static String handRecordWords(Map<String, Object> answer) {
        long kept = attendeesWhere(answer, m -> "STAFF_RECORD".equals(m.get("supersededBy")) && !Boolean.TRUE.equals(m.get("reviewedBefore")));
        long reviewed = attendeesWhere(answer, m -> "STAFF_RECORD".equals(m.get("supersededBy")) && Boolean.TRUE.equals(m.get("reviewedBefore")));
        // times staff already reviewed against their record are said as such, not as a disagreement to act on (a fresh reviewer's)
        return (kept == 0 ? "" : " The report disagrees with the attendance staff recorded by hand for " + counted(kept, "person", "people")
                + ": that record stands; correct it by hand if the report is right (see below).")
                + (reviewed == 0 ? "" : " For " + counted(reviewed, "person", "people") + " staff already reviewed these times against their"
                + " record by hand and kept it: nothing is listed again.");
    }

    /**
     * " CE hours were earned for 1 person by this import's corrected times …" when the import replaced someone's times
     * (CORRECTED, not added as another meeting) and so earned hours their record did not earn before, else nothing: an older
     * export asked to stand again after a corrected one gives back hours the correction withdrew (a fresh reviewer's older
     * export did so unasked, which is now left aside; the answer had named only hours withdrawn).
     */
    static String earnedAgainWords(Map<String, Object> answer, boolean addedToRecorded) {
        long earned = addedToRecorded ? 0 : attendeesWhere(answer, m -> Boolean.TRUE.equals(m.get("hoursEarned")) && "CORRECTED".equals(m.get("outcome")));
        return earned == 0 ? "" : " CE hours were earned for " + counted(earned, "person", "people") + " by this import's corrected times, which"
                + " their earlier record did not earn: if a corrected export had been imported for this day, check that this is the report"
                + " that should stand.";
    }

    /**
     * Whether the text is a time zone the service reads a report in: an IANA region (America/New_York, UTC), not an
     * offset such as +05:00 or GMT-8, which has no daylight-saving rules (the service's rule; both use Java's zone data).
     */
    static boolean isTimeZone(String text) {
        try {
            java.time.ZoneId zone = java.time.ZoneId.of(text);
            return !(zone instanceof java.time.ZoneOffset) && !zone.getId().matches("(?i)(UTC|GMT|UT)[+-].*")
                    && !(zone.getRules().isFixedOffset() && zone.getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds() != 0);
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    /** An unknown time zone, in the form's words. */
    static String timeZoneRefusal(String typed) {
        String t = typed == null ? "" : typed.strip();
        return (t.isEmpty() ? "Give the time zone of the report's times" : "'" + (t.length() > 40 ? t.substring(0, 40) + "…" : t)
                + "' is not a time zone name (an offset such as -08:00 is not one either)")
                + ": give the video account's IANA time zone, such as America/Los_Angeles, America/New_York or UTC.";
    }

    /**
     * An upload over the console's limit ({@code spring.servlet.multipart.max-file-size}, 4 MB: docs/decisions.md)
     * never reaches the handler: the servlet container stops reading it. This answers it as a refused upload, back
     * on the roster with the message at the file field and nothing imported, like the service's own refusals.
     */
    @ControllerAdvice
    public static class TooLarge {

        private static final Pattern UPLOAD = Pattern.compile(".*/class-days/([^/]+)/participant-reports");

        private final DataSize limit;

        /** The limit is the multipart one the container enforces, named in the message. */
        public TooLarge(@Value("${spring.servlet.multipart.max-file-size}") DataSize limit) {
            this.limit = limit;
        }

        /**
         * The roster again with the file field's message; any other oversized form is the 413 problem page, rendered here
         * (an exception thrown from this handler reached no other: a reviewer's oversized multipart form to another page got
         * an empty 413 and a logged stack trace).
         */
        @ExceptionHandler(MaxUploadSizeExceededException.class)
        public String tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                               org.springframework.ui.Model model, RedirectAttributes flash) {
            Matcher m = UPLOAD.matcher(request.getRequestURI());
            if (!m.matches()) {
                model.addAttribute("problem", new ServiceProblem(413, "upload-too-large", "Too large", "The form is larger than "
                        + limit.toMegabytes() + " MB, the most this console accepts; nothing was sent.", null));
                model.addAttribute("status", 413);
                response.setStatus(413);
                return "console/problem";
            }
            flash.addFlashAttribute("reportErrors", Map.of("file", "The file is larger than " + limit.toMegabytes() + " MB, the most a "
                    + "participant report may be here (the service reads at most 5,000 participant rows); nothing was imported. "
                    + "Check that it is the meeting's participant report (not a chat log or recording) and choose it again."));
            flash.addFlashAttribute("formError", "Not imported: see the message at the file; choose the file again (a browser does not keep it).");
            return "redirect:/class-days/" + m.group(1) + "/roster#participant-report";
        }
    }

    /**
     * The class day's imported reports (a page, newest first) and, from the person's last import of the day, who was
     * matched and the unmatched lines. Each long list has its own page (from 0, {@link #LIST_PAGE_SIZE} rows): the
     * last import's matched ({@code matchedPage}) and unmatched ({@code unmatchedPage}) tables, and one report's open
     * lines ({@code linesPage} of the report {@code linesOf}, a SHA-256; the others show their first page). Bad page
     * numbers (negative, not a number) are 400 pages naming the parameter.
     */
    @GetMapping("/class-days/{classDayId}/participant-reports")
    @SuppressWarnings("unchecked")
    public String reports(@PathVariable String classDayId, @RequestParam(defaultValue = "0") int page,
                          @RequestParam(defaultValue = "0") int matchedPage, @RequestParam(defaultValue = "0") int unmatchedPage,
                          @RequestParam(defaultValue = "0") int linesPage, @RequestParam(required = false) String linesOf,
                          @RequestParam(required = false) String minPosition, HttpSession session, Model model) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("minPosition", minPosition);
        model.addAttribute("day", api.read("/api/availability/class-days/" + classDayId, query));
        query.put("page", page);
        query.put("size", PAGE_SIZE);
        Map<String, Object> reports = api.read("/api/class-days/" + classDayId + "/participant-reports", query);
        Map<String, Object> last = (Map<String, Object>) session.getAttribute(LAST_IMPORT + classDayId);
        Map<String, Object> here = new LinkedHashMap<>();
        here.put("page", page);
        here.put("matchedPage", matchedPage);
        here.put("unmatchedPage", unmatchedPage);
        here.put("linesPage", linesPage);
        here.put("linesOf", linesOf);
        String path = "/class-days/" + classDayId + "/participant-reports";
        List<Map<String, Object>> items = items(reports, last);
        Map<Object, Object> newerZone = new java.util.HashMap<>();
        for (Map<String, Object> r : items) {
            Object sha = r.get("sourceFileSha256");
            // the same file imported again later, read in another time zone (newest first): its lines are set aside there
            r.put("readAgainIn", newerZone.get(sha));
            newerZone.putIfAbsent(sha, r.get("timeZone"));
            r.put("openPage", slice((List<?>) r.get("openGroups"), sha != null && sha.equals(linesOf) ? linesPage : 0, "linesPage"));
            Map<String, Object> of = new LinkedHashMap<>(here);
            of.put("linesOf", sha);
            r.put("openBase", link(path, of, "linesPage"));
        }
        model.addAttribute("reports", reports);
        model.addAttribute("items", items);
        model.addAttribute("imported", last);
        model.addAttribute("pageBase", link(path, here, "page"));
        if (last != null) {
            model.addAttribute("matched", slice((List<?>) last.getOrDefault("attendees", List.of()), matchedPage, "matchedPage"));
            model.addAttribute("matchedBase", link(path, here, "matchedPage"));
            model.addAttribute("unmatched", slice((List<?>) last.getOrDefault("unmatched", List.of()), unmatchedPage, "unmatchedPage"));
            model.addAttribute("unmatchedBase", link(path, here, "unmatchedPage"));
        }
        model.addAttribute("names", last == null ? Map.of() : names(classDayId));
        if (!model.containsAttribute("setAsideErrors")) {
            model.addAttribute("setAsideErrors", Map.of());
        }
        return "console/participant-reports";
    }

    /**
     * Sets unmatched lines of a report aside with a reason: the boxes ticked and any line numbers typed
     * (commas or spaces between them). The service decides which lines may be set aside.
     */
    @PostMapping("/class-days/{classDayId}/participant-reports/{sha}/ignored-rows")
    public String setAside(@PathVariable String classDayId, @PathVariable String sha, @RequestParam(required = false) List<String> lines,
                           @RequestParam(required = false) String otherLines, @RequestParam(required = false) String reason,
                           @RequestParam(defaultValue = "0") int page, RedirectAttributes flash) {
        String back = "redirect:/class-days/" + classDayId + "/participant-reports" + (page > 0 ? "?page=" + page : "");
        List<Long> numbers = new ArrayList<>();
        List<String> given = new ArrayList<>(lines == null ? List.of() : lines);
        given.add(otherLines == null ? "" : otherLines);
        for (String text : given) {
            for (String n : text.strip().split("[,\\s]+")) {
                if (n.isEmpty()) {
                    continue;
                }
                try {
                    if (!WholeNumbers.digits(n)) {
                        throw new NumberFormatException(n); // digits 0-9 only, as every whole-number field of the console
                    }
                    numbers.add(Long.parseLong(n));
                } catch (NumberFormatException e) {
                    return refused(flash, sha, Map.of("lines", "'" + n + "' is not a line number (whole numbers, separated by commas or spaces)."),
                            typed(lines, otherLines, reason), back);
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lines", numbers);
        body.put("reason", reason == null ? "" : reason.strip());
        Map<String, Object> answer;
        try {
            answer = api.command(HttpMethod.POST, "/api/class-days/{d}/participant-reports/{sha}/ignored-rows", body, classDayId, sha);
            ApiRelay.after(flash, answer.get(ApiRelay.EVENT_POSITION));
        } catch (ServiceProblem p) {
            if (p.status() == 403 || p.status() == 401) {
                throw p;
            }
            Map<String, String> errors = p.messagesByField(SET_ASIDE_FIELDS, "lines");
            if (errors.isEmpty()) {
                flash.addFlashAttribute("formError", "Nothing set aside. " + p.title() + ": " + p.detail());
                return back;
            }
            return refused(flash, sha, errors, typed(lines, otherLines, reason), back);
        }
        flash.addFlashAttribute("done", setAsideMessage(answer, numbers, body.get("reason")));
        return back;
    }

    /**
     * What the service did with the lines: those set aside now (with this reason) and those set aside before, whose
     * first reason stands (a repeat answers 200 and sets nothing new aside).
     */
    @SuppressWarnings("unchecked")
    static String setAsideMessage(Map<String, Object> answer, List<Long> asked, Object reason) {
        List<Object> now = answer.get("setAsideNow") instanceof List<?> l ? (List<Object>) l : (List<Object>) (List<?>) asked;
        List<Map<String, Object>> before = answer.get("setAsideBefore") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
        StringBuilder message = new StringBuilder();
        if (!now.isEmpty()) {
            message.append(now.size() == 1 ? "Line " : "Lines ").append(now.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", "))).append(" set aside: ").append(reason).append('.');
        }
        if (!before.isEmpty()) {
            message.append(message.length() == 0 ? "Nothing new set aside. " : " ")
                    .append(before.size() == 1 ? "Line " : "Lines ")
                    .append(before.stream().map(b -> b.get("line") + " (\"" + b.get("reason") + "\")")
                            .collect(java.util.stream.Collectors.joining(", ")))
                    .append(before.size() == 1 ? " was" : " were").append(" set aside before; the first reason stands.");
        }
        return message.toString();
    }

    /** What was ticked and typed in a set-aside form, to show again with its refusal (a fresh reviewer lost all three). */
    private static Map<String, Object> typed(List<String> lines, String otherLines, String reason) {
        return Map.of("lines", lines == null ? List.of() : List.copyOf(lines), "otherLines", otherLines == null ? "" : otherLines,
                "reason", reason == null ? "" : reason);
    }

    private static String refused(RedirectAttributes flash, String sha, Map<String, String> errors, Map<String, Object> typed, String back) {
        flash.addFlashAttribute("setAsideErrors", Map.of(sha, errors));
        flash.addFlashAttribute("setAsideTyped", Map.of(sha, typed));
        flash.addFlashAttribute("formError", "Nothing set aside: see the message at the report's form.");
        return back;
    }

    /**
     * Each report with the unmatched rows still open, grouped as the person's last import answered them
     * (name, e-mail, segments, why) where it is that report, else one line each (the read side keeps line numbers only).
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> reports, Map<String, Object> last) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> report : (List<Map<String, Object>>) reports.getOrDefault("items", List.of())) {
            Map<String, Object> r = new LinkedHashMap<>(report);
            List<Number> open = report.get("unmatchedLinesOpen") instanceof List<?> l ? (List<Number>) l : List.of();
            List<Long> openLines = open.stream().map(Number::longValue).toList();
            List<Map<String, Object>> groups = new ArrayList<>();
            boolean fromAnswer = last != null && report.get("sourceFileSha256") != null && report.get("sourceFileSha256").equals(last.get("sourceFileSha256"));
            List<Long> covered = new ArrayList<>();
            if (fromAnswer) {
                for (Map<String, Object> u : (List<Map<String, Object>>) last.getOrDefault("unmatched", List.of())) {
                    List<Long> lines = ((List<Number>) u.getOrDefault("lines", List.of())).stream().map(Number::longValue)
                            .filter(openLines::contains).toList();
                    if (!lines.isEmpty()) {
                        Map<String, Object> g = new LinkedHashMap<>(u);
                        g.put("lines", lines);
                        g.put("value", join(lines));
                        groups.add(g);
                        covered.addAll(lines);
                    }
                }
            }
            for (Long line : openLines) {
                if (!covered.contains(line)) {
                    Map<String, Object> g = new LinkedHashMap<>();
                    g.put("name", null); // the read side keeps line numbers only
                    g.put("email", null);
                    g.put("reason", null);
                    g.put("lines", List.of(line));
                    g.put("value", String.valueOf(line));
                    groups.add(g);
                }
            }
            r.put("openGroups", groups);
            out.add(r);
        }
        return out;
    }

    /** Registration id → the person's name on the day's roster (for the matched attendees of an import answer). */
    @SuppressWarnings("unchecked")
    private Map<String, String> names(String classDayId) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int page = 0; page < 50; page++) {
            Map<String, Object> roster = api.read("/api/class-days/" + classDayId + "/roster", Map.of("page", page, "size", 100));
            List<Map<String, Object>> items = (List<Map<String, Object>>) roster.getOrDefault("items", List.of());
            items.forEach(e -> names.put(String.valueOf(e.get("registrationId")), String.valueOf(e.get("fullName"))));
            if (items.size() < 100) {
                break;
            }
        }
        return names;
    }

    /** Rows per page of the lists this page pages itself (the last import's tables, a report's open lines). */
    static final int LIST_PAGE_SIZE = 25;

    /**
     * One page (from 0) of a list the console holds whole, in the services' page shape ({@code items}, {@code page},
     * {@code size}, {@code totalItems}); a page past the last has no items and the pager says so. Throws
     * ServiceProblem 400 {@code invalid-query} (a 400 page naming the parameter) for a negative page.
     */
    static Map<String, Object> slice(List<?> all, int page, String param) {
        if (page < 0) {
            throw new ServiceProblem(400, "invalid-query", "Check the address", "'" + page + "' is not a valid " + param
                    + " (a page number from 0).", param);
        }
        long from = Math.min((long) page * LIST_PAGE_SIZE, all.size());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", all.subList((int) from, (int) Math.min(from + LIST_PAGE_SIZE, all.size())));
        out.put("page", page);
        out.put("size", LIST_PAGE_SIZE);
        out.put("totalItems", all.size());
        return out;
    }

    /** The page's address with its other list positions kept (those not at their first page) and {@code param} left for the pager to add. */
    private static String link(String path, Map<String, Object> here, String param) {
        org.springframework.web.util.UriComponentsBuilder b = org.springframework.web.util.UriComponentsBuilder.fromPath(path);
        here.forEach((k, v) -> {
            if (!k.equals(param) && v != null && !"0".equals(String.valueOf(v))) {
                b.queryParam(k, v);
            }
        });
        return b.build().toUriString();
    }

    private static String join(List<Long> lines) {
        return lines.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    /** "1 person", "2 people": the count with the word its number takes. */
    static String counted(Object n, String one, String many) {
        return n + " " + ("1".equals(String.valueOf(n)) ? one : many);
    }

    private static int size(Object list) {
        return list instanceof List<?> l ? l.size() : 0;
    }
}
