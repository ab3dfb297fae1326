package com.polaris.kat.enrollment.attendance.report;

import com.polaris.kat.enrollment.registration.ModuleAttendance.ReportOutcome;
import com.polaris.kat.enrollment.rules.ClassDayBounds;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.web.CommandSender;
import com.polaris.kat.events.attendance.AttendanceCommands.ImportParticipantReport;
import com.polaris.kat.events.attendance.AttendanceCommands.ReportAttendance;
import com.polaris.kat.events.attendance.AttendanceSegment;
import com.polaris.kat.events.enrollment.ClinicianIds;
import com.polaris.kat.events.time.ProgramTime;
import com.polaris.kat.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attendance staff upload a class day's participant report (Zoom's meeting report CSV, see
 * {@link ParticipantReport}): rows are matched to the day's expected attendees by e-mail address
 * (case-insensitively, through the clinician's pseudonymous id), each person's segments are merged,
 * and each matched attendee's attendance is recorded (verification PLATFORM_LOG, the file's
 * SHA-256, the uploader as actor) or corrected where it differs, all in one transaction. Rows that
 * match nobody come back to be resolved by hand (assign: record the attendance with these segments;
 * ignore: nothing to do). The same file again changes nothing.
 */
@RestController
@Tag(name = "attendance", description = "Attendance staff: attendance, corrections, evaluations, make-ups")
@ApiProblem(status = 404, types = "class-day-not-found")
@ApiProblem(status = 409, types = {"class-day-not-started", "participant-report-read-in-another-zone"})
@ApiProblem(status = 422, types = {"participant-report-invalid", "invalid-time-zone"})
@ApiProblem(status = 503, types = {"write-conflict", "stream-unreadable"})
public class ParticipantReportController {

    /**
     * One matched attendee: the registration, what the import did, the segments (merged, UTC) and the file lines they came
     * from, whether the import withdrew the CE hours the module of this day had earned ({@code hoursWithdrawn}: the
     * report's times are short of the day; a series certificate goes with them), and whether it earned hours the module did
     * not hold before ({@code hoursEarned}: a day attended in full recorded, another meeting added, or, after a corrected
     * export, an older export imported again, which staff should check), and whether it replaced times joined from several
     * reports ({@code otherMeetingsDropped}: another meeting's times are gone), and for SUPERSEDED what stands
     * ({@code supersededBy}: STAFF_RECORD or LATER_REPORT; null otherwise) and, against a record by hand, whether staff had
     * already reviewed these times and kept their record ({@code reviewedBefore}: nothing listed again; null otherwise).
     */
    public record ImportedAttendee(String registrationId, ReportOutcome outcome, List<AttendanceSegment> segments, List<Long> lines,
                                   @Schema(description = "true when this import's times withdrew the CE hours the module of this day had earned")
                                   boolean hoursWithdrawn,
                                   @Schema(description = "true when this import's times earned the module's CE hours, which it did not hold"
                                           + " before: expected for a day attended in full or another meeting added; after a corrected export,"
                                           + " check that this is the report that should stand")
                                   boolean hoursEarned,
                                   @Schema(description = "true when this import replaced times joined from several reports (another meeting"
                                           + " of the day added), from a report imported as another meeting, or from another report whose times this one does not"
                                           + " overlap at all: the other meetings' times are gone; if this report is of one meeting only,"
                                           + " import the others again with addToRecorded")
                                   boolean otherMeetingsDropped,
                                   @Schema(types = {"string", "null"}, allowableValues = {"STAFF_RECORD", "LATER_REPORT"},
                                           description = "for SUPERSEDED, what stands: STAFF_RECORD (staff recorded or corrected the day by hand;"
                                                   + " corrected by hand only, reinstate does not override it) or LATER_REPORT (a later report"
                                                   + " replaced this one's times; reinstate=true makes this one stand again); null otherwise")
                                   String supersededBy,
                                   @Schema(types = {"boolean", "null"}, description = "for supersededBy STAFF_RECORD: true when staff had"
                                           + " already reviewed these times (report-reviews) and kept their record, so nothing is listed"
                                           + " on the roster again; false when the report's times are listed there beside the record for"
                                           + " staff to weigh; null otherwise")
                                   Boolean reviewedBefore) {
    }

    /** Rows that match no expected attendee, grouped by person as written in the file, with why. */
    public record UnmatchedRows(List<Long> lines, String name, String email, List<AttendanceSegment> segments, String reason) {
    }

    /**
     * The import's answer.
     *
     * @param importedBefore true when this very file (same SHA-256) was imported for the day before and changed nobody's
     *                       attendance again (for each attendee a repeat: their times already made up of this reading, or as it
     *                       shows them; or left as they are: a later report or a hand record stands, with the report's times
     *                       already on their stream), so no import was recorded; read in another zone it is another reading,
     *                       which corrects the attendance
     */
    @Schema(description = "What the import did: each matched attendee's outcome and merged segments (UTC), and the rows that matched nobody.",
            example = "{\"classDayId\":\"M1-2023-10-10\",\"sourceFileSha256\":\"5bd57202c0ffee00112233445566778899aabbccddeeff00112233445566778\","
                    + "\"timeZone\":\"America/Los_Angeles\",\"rows\":4,\"importedBefore\":false,\"attendees\":[{\"registrationId\":"
                    + "\"54973073-fb7c-3860-845f-cb065be795af\",\"outcome\":\"CORRECTED\",\"segments\":[{\"joinedAt\":\"2023-10-10T16:04:00Z\","
                    + "\"leftAt\":\"2023-10-10T19:30:00Z\"},{\"joinedAt\":\"2023-10-10T19:36:00Z\",\"leftAt\":\"2023-10-11T00:00:00Z\"}],"
                    + "\"lines\":[5,6],\"hoursWithdrawn\":false,\"hoursEarned\":false,\"otherMeetingsDropped\":false}],\"unmatched\":[{\"lines\":[8],\"name\":\"Guest Observer\",\"email\":\"\",\"segments\":[{\"joinedAt\":"
                    + "\"2023-10-10T16:00:00Z\",\"leftAt\":\"2023-10-10T18:00:00Z\"}],\"reason\":\"no e-mail address (a guest): assign by hand or ignore\"}]}")
    public record ImportResponse(String classDayId, String sourceFileSha256, String timeZone, int rows, boolean importedBefore,
                                 List<ImportedAttendee> attendees, List<UnmatchedRows> unmatched) {
    }

    private final CommandSender sender;
    private final ExpectedAttendees expected;
    private final ClinicianIds ids;
    private final com.polaris.kat.enrollment.web.ReadLocations locations;
    private final com.polaris.kat.enrollment.web.RequestFingerprint fingerprints;
    private final com.polaris.kat.eventstore.personal.PersonalDataVault vault;

    public ParticipantReportController(CommandSender sender, ExpectedAttendees expected, ClinicianIds ids,
                                       com.polaris.kat.enrollment.web.ReadLocations locations, com.polaris.kat.enrollment.web.RequestFingerprint fingerprints,
                                       com.polaris.kat.eventstore.personal.PersonalDataVault vault) {
        this.fingerprints = fingerprints;
        this.vault = vault;
        this.ids = ids;
        this.sender = sender;
        this.expected = expected;
        this.locations = locations;
    }

    /**
     * Rows of an imported report set aside: the class day, the report (SHA-256), the lines the request named (ascending,
     * each once), those this request set aside, and those set aside before, each with its first reason, which stands.
     */
    @Schema(description = "The rows the request named (lines: ascending, each once): those it set aside now (setAsideNow) and those "
            + "already set aside (setAsideBefore), each with the reason it was first set aside with, which stands.",
            example = "{\"classDayId\":\"M1-2023-10-10\",\"sourceFileSha256\":\"5bd57202c0ffee00112233445566778899aabbccddeeff00112233445566778\","
                    + "\"lines\":[8,9],\"setAsideNow\":[9],\"setAsideBefore\":[{\"line\":8,\"reason\":\"the host's assistant\"}]}")
    public record IgnoredRows(String classDayId, String sourceFileSha256, List<Long> lines, List<Long> setAsideNow,
                              List<com.polaris.kat.events.attendance.RowsSetAside.Earlier> setAsideBefore) {
    }

    /**
     * Imports a participant report sent as the request body ({@code text/csv}).
     *
     * @param timeZone the time zone of the report's times (the video account's), default the program's, America/Los_Angeles
     * @throws Refusal participant-report-invalid, invalid-time-zone (422) with the line and reason; class-day-not-found (404);
     *                 class-day-not-started (409); before it runs, {@link ParticipantReportImports} may answer 503 participant-report-busy
     */
    @Operation(summary = "Import a class day's participant report (Zoom meeting report CSV) as attendance")
    @com.polaris.kat.web.IdempotencyKeyNotClaimed("the same file again in the same time zone is recognised by its SHA-256: for each "
            + "attendee whose times it makes up it changes nothing, and when it changes nobody it records nothing more (importedBefore true)")
    @ApiProblem(status = 503, types = "participant-report-busy")
    @PostMapping(path = "/api/class-days/{classDayId}/participant-reports", consumes = "text/csv")
    public ImportResponse importCsv(@PathVariable String classDayId, @Parameter(description = TIME_ZONE) @RequestParam(required = false) String timeZone,
                                    @Parameter(description = ADD_TO_RECORDED) @RequestParam(required = false) Boolean addToRecorded,
                                    @Parameter(description = REINSTATE) @RequestParam(required = false) Boolean reinstate,
                                    @RequestBody(required = false) byte[] file) {
        return importReport(expected.of(classDayId), classDayId, timeZone, Boolean.TRUE.equals(addToRecorded), Boolean.TRUE.equals(reinstate), file);
    }

    /** The {@code timeZone} parameter, as the API description gives it. */
    static final String TIME_ZONE = "the time zone the report's times are in (the video account's), an IANA id such as America/New_York;"
            + " default America/Los_Angeles, the program's. A fixed offset is refused (422 invalid-time-zone). The same file again in"
            + " the same zone changes nothing for an attendee whose times it makes up (with any other meeting added since); in another"
            + " zone it is a new reading, whose times replace those reports recorded (a day staff recorded or corrected by hand stays as"
            + " it is; a file a later report replaced for an attendee stands again only with reinstate)";

    /** The {@code reinstate} parameter, as the API description gives it. */
    static final String REINSTATE = "true when this report should stand again for attendees whose times it made up before and a later"
            + " report (another file) replaced since, such as a corrected export imported by mistake; left out or false, those attendees"
            + " are left as they are (SUPERSEDED), so a stale upload or a retry of an older export does not undo a correction. A day"
            + " staff recorded or corrected by hand stays as it is either way; with addToRecorded it changes nothing";

    /** The {@code addToRecorded} parameter, as the API description gives it. */
    static final String ADD_TO_RECORDED = "true when the report is of another meeting of the same class day (the meeting was restarted and "
            + "the platform wrote a report for each part): its segments are added to those recorded; left out or false, a report that "
            + "differs from what is recorded corrects it";

    /** The same, uploaded as a form's file part named {@code file} ({@code multipart/form-data}). */
    @Operation(summary = "Import a class day's participant report uploaded as a form file")
    @com.polaris.kat.web.IdempotencyKeyNotClaimed("the same file again in the same time zone is recognised by its SHA-256: for each "
            + "attendee whose times it makes up it changes nothing, and when it changes nobody it records nothing more (importedBefore true)")
    @ApiProblem(status = 503, types = "participant-report-busy")
    @PostMapping(path = "/api/class-days/{classDayId}/participant-reports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ImportResponse importUpload(@PathVariable String classDayId, @Parameter(description = TIME_ZONE) @RequestParam(required = false) String timeZone,
                                       @Parameter(description = ADD_TO_RECORDED) @RequestParam(required = false) Boolean addToRecorded,
                                       @Parameter(description = REINSTATE) @RequestParam(required = false) Boolean reinstate,
                                       @RequestPart(name = "file", required = false) List<MultipartFile> files) throws IOException {
        // the class day first, as for a text/csv body: a form sent to a day that does not exist is 404 whatever it holds
        ExpectedAttendees.Day day = expected.of(classDayId);
        if (files == null || files.isEmpty()) {
            // Spring's own answer ("Required part 'file' is not present", 400) also came for a file part sent empty
            throw Refusal.invalidField("participant-report-invalid", "file", "The form has no file, or an empty one, named 'file': send "
                    + "the platform's participant report (CSV) as the form's 'file'. Nothing was imported.");
        }
        if (files.size() > 1) {
            // the first had been imported and the others dropped, under a 200 (the second fresh reviewer of 2026-12-03)
            throw Refusal.invalidField("participant-report-invalid", "file", "Send one participant report per request; this form has "
                    + files.size() + " files named 'file', and importing one of them would leave the others' rows unrecorded. Nothing was imported.");
        }
        return importReport(day, classDayId, timeZone, Boolean.TRUE.equals(addToRecorded), Boolean.TRUE.equals(reinstate), files.get(0).getBytes());
    }

    /**
     * @param day the class day, looked up before anything else: a report for a day that does not exist is 404 whatever the
     *            file holds (a fresh reviewer's unreadable file to an unknown day had been 422, which sent them to fix the file)
     */
    private ImportResponse importReport(ExpectedAttendees.Day day, String classDayId, String timeZone, boolean addToRecorded, boolean reinstate,
                                        byte[] file) {
        if (file == null || file.length == 0) {
            throw Refusal.invalid("participant-report-invalid", "The file is empty: send the platform's participant report (CSV). Nothing was imported.");
        }
        ZoneId zone = zone(timeZone);
        ParticipantReport.Parsed parsed = ParticipantReport.parse(file, zone);
        Instant earliest = day.startsAt().minus(ClassDayBounds.MARGIN);
        Instant latest = day.endsAt().plus(ClassDayBounds.MARGIN);
        Map<String, List<ParticipantReport.Row>> byRegistration = new LinkedHashMap<>();
        Map<String, List<ParticipantReport.Row>> unmatchedByPerson = new LinkedHashMap<>();
        Map<String, String> unmatchedReason = new LinkedHashMap<>();
        // each address's clinician among those expected on the day: its pseudonymous id under the current pseudonym key, or a
        // previous one after a rotation; an address whose clinician asked for erasure finds no one (contact details are removed
        // at once, product rule "Personal data"), and its rows are unmatched as any unknown address's, so staff cannot learn whose it was
        Map<String, String> clinicianOf = new java.util.HashMap<>();
        for (ParticipantReport.Row row : parsed.rows()) {
            String email = com.polaris.kat.events.enrollment.EmailAddresses.key(row.email()); // as the clinician id compares it
            if (!email.isEmpty() && !clinicianOf.containsKey(email)) {
                ids.candidates(email).stream().filter(day.registrationsByClinician()::containsKey).findFirst()
                        .ifPresent(id -> clinicianOf.put(email, id));
            }
        }
        java.util.Set<String> reachable = vault.withContactDetails(java.util.Set.copyOf(clinicianOf.values()));
        Map<String, List<ParticipantReport.Row>> noPresence = new java.util.TreeMap<>();
        for (ParticipantReport.Row row : parsed.rows()) {
            if (row.joinedAt().isBefore(earliest) || row.leftAt().isAfter(latest)) {
                // in the report's own time zone, as its times are read (a fresh reviewer's console showed this one message in UTC)
                throw Refusal.invalid("participant-report-invalid", "Line " + row.line() + ": its times (" + local(row.joinedAt(), zone) + " to "
                        + local(row.leftAt(), zone) + " " + zone + ") are not on class day " + classDayId + ", which runs " + local(day.startsAt(), zone)
                        + " to " + local(day.endsAt(), zone) + " " + zone + " (" + day.startsAt() + " to " + day.endsAt() + " UTC); is it this day's "
                        + "report, and its time zone? Nothing was imported.");
            }
            String email = com.polaris.kat.events.enrollment.EmailAddresses.key(row.email()); // as the clinician id compares it
            String clinicianId = clinicianOf.get(email);
            List<String> theirs = clinicianId != null && reachable.contains(clinicianId) ? day.registrationsByClinician().get(clinicianId) : null;
            String registrationId = theirs != null && theirs.size() == 1 ? theirs.get(0) : null;
            if (theirs != null && theirs.size() > 1) {
                // one person, two registrations expected on the day (two series sharing it, or a seat and a make-up): one live
                // session cannot count for both, and the report does not say which it was for, so staff decide by hand
                String person = "email:" + email;
                unmatchedByPerson.computeIfAbsent(person, k -> new ArrayList<>()).add(row);
                unmatchedReason.putIfAbsent(person, "this e-mail address is expected under " + theirs.size() + " registrations on this class day ("
                        + String.join(", ", theirs) + "): one live session counts for one of them; record the attendance by hand on the"
                        + " registration it was for");
            } else if (registrationId != null && row.presence()) {
                byRegistration.computeIfAbsent(registrationId, k -> new ArrayList<>()).add(row);
            } else if (registrationId != null) {
                // a zero-length segment (joined and left in the same second) or time in the waiting room shows no presence; a
                // person with no other row is answered among the unmatched rows, said so (a fresh reviewer's such row was in
                // neither list; the next one's waiting-room row had earned a day's CE hours)
                noPresence.computeIfAbsent(registrationId, k -> new ArrayList<>()).add(row);
            } else {
                String person = email.isEmpty() ? "name:" + row.name() : "email:" + email;
                unmatchedByPerson.computeIfAbsent(person, k -> new ArrayList<>()).add(row);
                unmatchedReason.putIfAbsent(person, email.isEmpty() ? "no e-mail address (a guest): assign by hand or ignore"
                        : "no active registration or make-up with this e-mail address on this class day");
            }
        }
        noPresence.forEach((registrationId, rows) -> {
            if (!byRegistration.containsKey(registrationId)) {
                String person = "email:" + com.polaris.kat.events.enrollment.EmailAddresses.key(rows.get(0).email());
                unmatchedByPerson.computeIfAbsent(person, k -> new ArrayList<>()).addAll(rows);
                unmatchedReason.putIfAbsent(person, (rows.stream().allMatch(ParticipantReport.Row::inWaitingRoom)
                        ? "in the waiting room only (not admitted)" : "no time in the meeting (in the waiting room, or joined and left in the same second)")
                        + ": registration " + registrationId + "'s attendance is not changed by this report");
            }
        });
        List<ReportAttendance> attendees = byRegistration.entrySet().stream()
                .map(e -> new ReportAttendance(e.getKey(), segments(e.getValue()), lines(e.getValue()))).toList();
        List<Long> unmatchedLines = unmatchedByPerson.values().stream().flatMap(List::stream).map(r -> (long) r.line()).sorted().toList();
        ParticipantReportDesk.Result result = sender.send(new ImportParticipantReport(classDayId, parsed.sha256(), zone.getId(),
                parsed.rows().size(), unmatchedLines, attendees, addToRecorded, reinstate));
        List<ImportedAttendee> imported = new ArrayList<>();
        List<UnmatchedRows> unmatched = new ArrayList<>();
        byRegistration.forEach((registrationId, rows) -> {
            ReportOutcome outcome = result.outcomes().get(registrationId);
            if (outcome == ReportOutcome.NOT_EXPECTED) {
                unmatched.add(new UnmatchedRows(lines(rows), rows.get(0).name(), rows.get(0).email(), AttendanceSegment.merged(segments(rows)),
                        "the registration is no longer expected on this class day (cancelled, or its make-up moved)"));
            } else {
                imported.add(new ImportedAttendee(registrationId, outcome, AttendanceSegment.merged(segments(rows)), lines(rows),
                        result.hoursWithdrawn().contains(registrationId), result.hoursEarned().contains(registrationId),
                        result.otherMeetingsDropped().contains(registrationId),
                        outcome != ReportOutcome.SUPERSEDED ? null : result.handRecordStands().contains(registrationId) ? "STAFF_RECORD" : "LATER_REPORT",
                        outcome == ReportOutcome.SUPERSEDED && result.handRecordStands().contains(registrationId)
                                ? result.reviewedBefore().contains(registrationId) : null));
            }
        });
        unmatchedByPerson.forEach((person, rows) -> {
            // rows this file left unmatched before and staff set aside say so, not "assign by hand or ignore" again (two fresh
            // reviewers read them as still to be dealt with; the day's list of imports had them set aside)
            List<Long> lines = lines(rows);
            String reason = lines.stream().allMatch(result.linesSetAside()::containsKey)
                    ? "set aside before: " + result.linesSetAside().get(lines.get(0)) : unmatchedReason.get(person);
            unmatched.add(new UnmatchedRows(lines, rows.get(0).name(), rows.get(0).email(), AttendanceSegment.merged(segments(rows)), reason));
        });
        return new ImportResponse(classDayId, parsed.sha256(), zone.getId(), parsed.rows().size(), result.importedBefore(), imported, unmatched);
    }

    /** Rows to set aside: the report's lines (as the import answered them) and why. */
    public record IgnoreRowsRequest(@jakarta.validation.constraints.NotEmpty @jakarta.validation.constraints.Size(max = 5000) List<@jakarta.validation.constraints.NotNull Long> lines,
                                    @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 500) String reason) {
    }

    /**
     * Sets unmatched rows of an imported report aside with a reason (recorded on the class day's stream; the rows' content is not kept):
     * 201 {@link IgnoredRows} when it set a line aside, 200 when every line it names was already set aside (nothing recorded; the
     * first reason of each stands). A line named twice counts once. With an Idempotency-Key, the key's first request decides the
     * content; a repeat is answered 200 as above.
     *
     * @throws Refusal participant-report-not-found (404); reason-required, invalid-lines, lines-not-unmatched (422, field lines or reason);
     *                 idempotency-key-reused (422)
     */
    @Operation(summary = "Set rows of an imported participant report aside, with a reason")
    @PostMapping("/api/class-days/{classDayId}/participant-reports/{sourceFileSha256}/ignored-rows")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201",
            description = "Set aside; Location is the class day's roster, where its attendance can be read")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
            description = "Nothing new: every line named was already set aside; setAsideBefore gives each one's first reason, which stands")
    @ApiProblem(status = 404, types = "participant-report-not-found")
    @ApiProblem(status = 422, types = {"invalid-lines", "lines-not-unmatched", "idempotency-key-reused"})
    public org.springframework.http.ResponseEntity<IgnoredRows> ignoreRows(@PathVariable String classDayId, @PathVariable String sourceFileSha256,
                                                                          @jakarta.validation.Valid @RequestBody IgnoreRowsRequest r,
                                                                          jakarta.servlet.http.HttpServletRequest request) {
        List<Long> lines = r.lines().stream().distinct().sorted().toList();
        var command = new com.polaris.kat.events.attendance.AttendanceCommands.IgnoreParticipantReportRows(classDayId, sourceFileSha256,
                lines, r.reason());
        // the command is a repeat by nature (lines already set aside are left out), so a repeated key sends it again and is
        // answered as the rows stand; the claim only refuses the key's reuse for other content or another endpoint
        String key = request.getHeader(com.polaris.kat.security.CorrelationFilter.IDEMPOTENCY_HEADER);
        CommandSender.Claim claim = key == null ? null : new CommandSender.Claim("key:" + key,
                fingerprints.of(classDayId, command), classDayId, "", command.getClass().getSimpleName());
        com.polaris.kat.events.attendance.RowsSetAside done = sender.sendClaimedWithReason(command, r.reason(), claim);
        IgnoredRows body = new IgnoredRows(classDayId, sourceFileSha256, lines, done.setAsideNow(), done.setAsideBefore());
        return done.setAsideNow().isEmpty() ? org.springframework.http.ResponseEntity.ok(body)
                : org.springframework.http.ResponseEntity.created(locations.roster(classDayId)).body(body);
    }

    private static List<AttendanceSegment> segments(List<ParticipantReport.Row> rows) {
        // time in the meeting only: an unmatched person's segments, which staff may assign by hand, leave out the waiting room
        // too (a fresh reviewer's assignment of an unmatched person's segments earned hours for 50 minutes in the waiting room)
        return rows.stream().filter(ParticipantReport.Row::presence).map(r -> new AttendanceSegment(r.joinedAt(), r.leftAt())).toList();
    }

    private static List<Long> lines(List<ParticipantReport.Row> rows) {
        return rows.stream().map(ParticipantReport.Row::line).toList();
    }

    /** An instant as a wall-clock date and time in {@code zone} ("2023-10-10 09:00"). */
    private static String local(java.time.Instant at, ZoneId zone) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(at.atZone(zone));
    }

    private static ZoneId zone(String timeZone) {
        return zone(timeZone, "timeZone");
    }

    /**
     * The zone a report's times are read in: absent means America/Los_Angeles; given, it must be an IANA region, spelt as the
     * time-zone database spells it (a fixed offset such as +05:00 has no daylight-saving rules, so it would misread half the
     * year). Also the check of a reading's zone named elsewhere (a report review), so both refuse alike.
     *
     * @param field the request field named in a refusal
     * @throws Refusal invalid-time-zone (422) for an empty value, an offset, or no zone at all
     */
    public static ZoneId zone(String timeZone, String field) {
        if (timeZone == null) {
            return ProgramTime.ZONE;
        }
        if (timeZone.isBlank()) {
            // given empty (?timeZone=): said so, as the other services' empty parameters are, not "'' is not one" (a fresh reviewer)
            throw Refusal.invalidField("invalid-time-zone", field, field + " is empty: give an IANA time zone such as America/Chicago,"
                    + " or leave the parameter out for the program's, America/Los_Angeles.");
        }
        try {
            ZoneId zone = ZoneId.of(timeZone.strip());
            if (zone instanceof java.time.ZoneOffset || zone.getId().matches("(?i)(UTC|GMT|UT)[+-].*")
                    || zone.getRules().isFixedOffset() && zone.getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds() != 0) {
                // a fixed offset other than UTC's, however named (Etc/GMT+8 too: a fresh reviewer's was taken)
                throw new DateTimeException("an offset, not a region");
            }
            return zone;
        } catch (DateTimeException e) {
            throw Refusal.invalidField("invalid-time-zone", field, field + " must be an IANA time zone such as America/Los_Angeles; '"
                    + (timeZone.length() > 40 ? timeZone.substring(0, 40) + "…" : timeZone) + "' is not one.");
        }
    }
}
