package com.polaris.kat.enrollment.attendance;

import com.polaris.kat.enrollment.rules.Refusal;

import com.polaris.kat.enrollment.web.CommandSender;
import com.polaris.kat.enrollment.web.ReadLocations;
import com.polaris.kat.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import com.polaris.kat.events.attendance.AttendanceCommands.BookMakeUp;
import com.polaris.kat.events.attendance.AttendanceCommands.CancelMakeUp;
import com.polaris.kat.events.attendance.AttendanceCommands.CorrectAttendance;
import com.polaris.kat.events.attendance.AttendanceCommands.RecordAttendance;
import com.polaris.kat.events.attendance.AttendanceCommands.RecordEvaluationCompleted;
import com.polaris.kat.events.attendance.AttendanceCommands.WithdrawEvaluation;
import com.polaris.kat.events.attendance.AttendanceCommands.ReviewReportsSetAside;
import com.polaris.kat.events.attendance.AttendanceCommands.Verification;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.polaris.kat.events.attendance.AttendanceSegment;

import java.time.Instant;
import java.util.List;

/**
 * Attendance staff: check-ins, corrections with a reason, completed evaluations, make-ups
 * (shared/product-rules "Attendance and CE"). Every answer is a typed record; refusals are problems
 * (docs/problems.md), and every command may answer 503 write-conflict or stream-unreadable.
 */
@RestController
@Tag(name = "attendance", description = "Attendance staff: attendance, corrections, evaluations, make-ups")
@ApiProblem(status = 503, types = {"write-conflict", "stream-unreadable"})
@RequestMapping("/api/series/{seriesId}/registrations/{registrationId}")
public class AttendanceController {

    private final CommandSender sender;
    private final ReadLocations locations;

    public AttendanceController(CommandSender sender, ReadLocations locations) {
        this.sender = sender;
        this.locations = locations;
    }

    /** One join/leave segment (UTC instants, whole seconds: a fraction of a second is 422 invalid-attendance). */
    public record SegmentRequest(@NotNull @Schema(description = "UTC instant, whole seconds", example = "2023-10-10T16:02:00Z") Instant joinedAt,
                                 @NotNull @Schema(description = "UTC instant, whole seconds", example = "2023-10-10T23:58:30Z") Instant leftAt) {
        AttendanceSegment toSegment() {
            return new AttendanceSegment(joinedAt, leftAt);
        }
    }

    /**
     * Attendance on a class day: joinedAt and leftAt (one segment), or segments (several, e.g. a
     * dropped connection and a rejoin), or minutesPresent. Segments that overlap are refused (422
     * invalid-attendance at the later one's joinedAt: a mistyped time, most often) unless
     * {@code overlapsConfirmed} is true (the platform showed both, e.g. two devices); they then count once.
     */
    public record AttendanceRequest(@NotBlank @Size(max = 40) String classDayId, Instant joinedAt, Instant leftAt,
                                    @Size(max = 200) List<@NotNull @Valid SegmentRequest> segments, Integer minutesPresent,
                                    @NotNull Verification verification,
                                    @Schema(description = "true to take segments that overlap (counted once); without it they are refused",
                                            defaultValue = "false") Boolean overlapsConfirmed) {
        List<AttendanceSegment> allSegments() {
            return AttendanceController.allSegments(joinedAt, leftAt, segments);
        }
    }

    /** A correction: the same shape as {@link AttendanceRequest} and a reason. */
    public record CorrectionRequest(@NotBlank @Size(max = 40) String classDayId, Instant joinedAt, Instant leftAt,
                                    @Size(max = 200) List<@NotNull @Valid SegmentRequest> segments, Integer minutesPresent,
                                    @NotNull Verification verification, @NotBlank @Size(max = 500) String reason,
                                    @Schema(description = "true to take segments that overlap (counted once); without it they are refused",
                                            defaultValue = "false") Boolean overlapsConfirmed) {
        List<AttendanceSegment> allSegments() {
            return AttendanceController.allSegments(joinedAt, leftAt, segments);
        }
    }

    /**
     * The segments: joinedAt/leftAt as one, or the segments given (a half-given pair is refused by the registration).
     *
     * @throws Refusal invalid-attendance (422, field segments) for both a pair and segments: the registration's refusals
     *                 name a segment by its place in one list, which a request with both does not have (a fresh reviewer's
     *                 "segments[1]" for a request whose segments held one)
     */
    static List<AttendanceSegment> allSegments(Instant joinedAt, Instant leftAt, List<SegmentRequest> segments) {
        if ((joinedAt != null || leftAt != null) && segments != null && !segments.isEmpty()) {
            throw Refusal.invalidField("invalid-attendance", "segments", "Give joinedAt and leftAt (one segment), or segments (one or more),"
                    + " not both: put the pair into segments.");
        }
        List<AttendanceSegment> all = new java.util.ArrayList<>();
        if (joinedAt != null || leftAt != null) {
            all.add(new AttendanceSegment(joinedAt, leftAt));
        }
        if (segments != null) {
            segments.forEach(s -> all.add(s.toSegment()));
        }
        return all;
    }

    /**
     * Sends the command; a refusal the registration names at the one pair's {@code joinedAt} or {@code leftAt} names it at
     * {@code segments[0].joinedAt} / {@code segments[0].leftAt} when the request gave that one segment in {@code segments}
     * (the registration sees one list and cannot tell a pair from a list of one: a fresh reviewer's one-segment correction
     * was refused at "leftAt", a field it had not sent).
     */
    private static <R> R namedAsSent(List<SegmentRequest> segments, java.util.function.Supplier<R> send) {
        try {
            return send.get();
        } catch (Refusal r) {
            if (segments != null && segments.size() == 1 && ("joinedAt".equals(r.field()) || "leftAt".equals(r.field()))) {
                throw new Refusal(r.kind(), r.type(), r.getMessage(), "segments[0]." + r.field());
            }
            throw r;
        }
    }

    public record EvaluationRequest(@NotBlank @Size(max = 20) String moduleCode) {
    }

    /** A recorded evaluation withdrawn: the module and why (required, as for every correction). */
    public record EvaluationWithdrawalRequest(@Schema(example = "M1") @NotBlank @Size(max = 20) String moduleCode,
                                              @Schema(example = "recorded for the wrong participant") @NotBlank @Size(max = 500) String reason) {
    }

    public record MakeUpRequest(@NotBlank @Size(max = 20) String moduleCode, @NotBlank @Size(max = 40) String classDayId) {
    }

    /** Why a booked make-up is cancelled, as the registration's record will say it. */
    public record MakeUpCancellationRequest(@NotBlank @Size(max = 500)
                                            @Schema(example = "the clinician will attend the series' own day after all") String reason) {
    }

    /**
     * A make-up that was cancelled (the same answer for a repeat under its Idempotency-Key, which sends nothing): the
     * registration's attendance read names the day the module is attended on now.
     */
    @Schema(description = "The make-up that was cancelled; the module is attended on the series' own day again.",
            example = "{\"registrationId\":\"54973073-fb7c-3860-845f-cb065be795af\",\"moduleCode\":\"M1\"}")
    public record MakeUpCancellationResponse(String registrationId, String moduleCode) {
    }

    /** A check-in or correction: {@code recorded} false when a correction showed what the record already said (nothing appended). */
    @Schema(description = "The attendance recorded; recorded is false when a correction showed what the record already said (200, nothing appended).",
            example = "{\"classDayId\":\"M1-2023-10-10\",\"registrationId\":\"54973073-fb7c-3860-845f-cb065be795af\",\"recorded\":true}")
    public record AttendanceResponse(@Schema(example = "M1-2023-10-10") String classDayId,
                                     @Schema(example = "54973073-fb7c-3860-845f-cb065be795af") String registrationId,
                                     boolean recorded) {
    }

    /** A completed module evaluation: {@code recorded} false when it had been recorded before (nothing appended). */
    @Schema(description = "The completed evaluation; recorded is false when it had been recorded before (200, nothing appended).",
            example = "{\"moduleCode\":\"M1\",\"registrationId\":\"54973073-fb7c-3860-845f-cb065be795af\",\"recorded\":true}")
    public record EvaluationResponse(@Schema(example = "M1") String moduleCode,
                                     @Schema(example = "54973073-fb7c-3860-845f-cb065be795af") String registrationId,
                                     boolean recorded) {
    }

    /**
     * Staff keep their record by hand of a class day against the participant report readings they saw set aside on it (as the
     * roster's {@code reportsSetAside} lists them: file and zone), for a reason.
     */
    public record ReportReviewRequest(@Schema(example = "M1-2023-10-10") @NotBlank @Size(max = 40) String classDayId,
                                      @Schema(example = "the sign-in sheet and the host confirm she stayed; the report lost her second device")
                                      @NotBlank @Size(max = 500) String reason,
                                      @Schema(description = "the readings reviewed, as the roster lists them (at least one); others stay listed")
                                      @jakarta.validation.constraints.NotEmpty @Size(max = 1000) List<@NotNull @Valid ReviewedReading> readings) {
    }

    /**
     * One reading reviewed: the report file's SHA-256 (64 hex digits, either case: read in lower case, as the roster lists it
     * and as a path's digest is read, web.HexIdentifiers) and the IANA zone it was read in (as the time-zone database spells
     * it: another spelling is 422 invalid-time-zone, as on import).
     */
    public record ReviewedReading(@Schema(example = "22a76656077f9139f5ac6ed419170ca80269b1dfbbc1b69f07598c52349a1ce2")
                                  @NotBlank @jakarta.validation.constraints.Pattern(regexp = "[0-9a-fA-F]{64}") String sourceFileSha256,
                                  @Schema(example = "America/Los_Angeles") @NotBlank @Size(max = 64) String timeZone) {
    }

    /** The reports set aside on the day reviewed: the record stands, the reports leave the roster's list. */
    @Schema(description = "The participant reports set aside against the record by hand reviewed: the record stands; the reports stay"
            + " on the registration's stream as evidence and leave the roster's list.",
            example = "{\"classDayId\":\"M1-2023-10-10\",\"registrationId\":\"54973073-fb7c-3860-845f-cb065be795af\",\"reviewed\":true}")
    public record ReportReviewResponse(@Schema(example = "M1-2023-10-10") String classDayId,
                                       @Schema(example = "54973073-fb7c-3860-845f-cb065be795af") String registrationId,
                                       @Schema(example = "true") boolean reviewed) {
    }

    /** The evaluation withdrawn (and with it the module's hours when they were earned). */
    @Schema(description = "The evaluation withdrawn; the module's hours, when earned on it, were withdrawn in the same transaction.",
            example = "{\"moduleCode\":\"M1\",\"registrationId\":\"54973073-fb7c-3860-845f-cb065be795af\",\"withdrawn\":true}")
    public record EvaluationWithdrawalResponse(@Schema(example = "M1") String moduleCode,
                                               @Schema(example = "54973073-fb7c-3860-845f-cb065be795af") String registrationId,
                                               @Schema(example = "true") boolean withdrawn) {
    }

    /** A make-up that was booked on another series' class day. */
    @Schema(description = "The make-up that was booked.",
            example = "{\"registrationId\":\"54973073-fb7c-3860-845f-cb065be795af\",\"moduleCode\":\"M1\",\"classDayId\":\"M1-2023-10-17\"}")
    public record MakeUpResponse(String registrationId, String moduleCode, String classDayId) {
    }

    /**
     * Books a make-up of a module on another series' class day of that module where it has room:
     * 201 {@link MakeUpResponse}, {@code Location} the registration's attendance. Problems: 404
     * registration-not-found, class-day-not-found, module-not-in-series; 409 class-day-full, class-day-already-held, date-already-held,
     * module-already-complete, module-attended-in-full, registration-cancelled; 422 make-up-on-own-day, make-up-on-series-date
     * (the registration's own series teaches another module that date), make-up-date-taken (another of its make-ups is on that
     * date), make-up-module-mismatch.
     */
    @PostMapping("/make-ups")
    @Operation(summary = "Book a make-up of a module on another series' class day")
    @ApiResponse(responseCode = "201", description = "Booked; Location is where the registration's attendance can be read")
    @ApiProblem(status = 404, types = {"registration-not-found", "class-day-not-found", "module-not-in-series"})
    @ApiProblem(status = 409, types = {"class-day-full", "class-day-already-held", "date-already-held", "class-day-started", "module-already-complete", "module-attended-in-full",
            "registration-cancelled"})
    @ApiProblem(status = 422, types = {"make-up-on-own-day", "make-up-on-series-date", "make-up-date-taken", "make-up-module-mismatch"})
    public ResponseEntity<MakeUpResponse> makeUp(@PathVariable String seriesId, @PathVariable String registrationId,
                                                 @Valid @RequestBody MakeUpRequest r) {
        sender.sendOnce(new BookMakeUp(seriesId, registrationId, r.moduleCode(), r.classDayId()), null);
        return ResponseEntity.created(locations.attendance(registrationId)).body(new MakeUpResponse(registrationId, r.moduleCode(), r.classDayId()));
    }

    /**
     * Cancels the make-up booked for a module before its day starts, with a reason (the clinician will attend the series'
     * own day after all): the module is attended on the series' day again and the make-up place on the other day comes
     * free, in one transaction. 201 {@link MakeUpCancellationResponse}, {@code Location} the registration's attendance.
     * Problems: 404 registration-not-found, module-not-in-series; 409 no-make-up-booked (none booked, or the one booked
     * was cancelled: named with its reason), class-day-started, registration-cancelled; a missing or blank reason is 400
     * invalid-request naming it.
     */
    @PostMapping("/make-ups/{moduleCode}/cancellation")
    @Operation(summary = "Cancel a module's make-up before its day (the place comes free)")
    @ApiResponse(responseCode = "201", description = "Cancelled; Location is where the registration's attendance can be read")
    @ApiProblem(status = 404, types = {"registration-not-found", "module-not-in-series"})
    @ApiProblem(status = 409, types = {"no-make-up-booked", "class-day-started", "registration-cancelled"})
    public ResponseEntity<MakeUpCancellationResponse> cancelMakeUp(@PathVariable String seriesId, @PathVariable String registrationId,
                                                                   @PathVariable String moduleCode,
                                                                   @Valid @RequestBody MakeUpCancellationRequest r) {
        sender.sendOnce(new CancelMakeUp(seriesId, registrationId, moduleCode, r.reason()), null);
        return ResponseEntity.created(locations.attendance(registrationId)).body(new MakeUpCancellationResponse(registrationId, moduleCode));
    }

    /**
     * Records a check-in (joined/left UTC instants, join/leave segments, or minutes present) on a class day:
     * 201 {@link AttendanceResponse}, {@code Location} the registration's attendance. Problems: 404
     * registration-not-found, class-day-not-in-series; 409 registration-cancelled, class-day-not-started,
     * attendance-already-recorded; 422 invalid-attendance, attendance-outside-class-day.
     */
    @PostMapping("/attendance")
    @Operation(summary = "Record a registration's attendance on a class day")
    @ApiResponse(responseCode = "201", description = "Recorded; Location is where the registration's attendance can be read")
    @ApiProblem(status = 404, types = {"registration-not-found", "class-day-not-in-series"})
    @ApiProblem(status = 409, types = {"registration-cancelled", "class-day-not-started", "attendance-already-recorded"})
    @ApiProblem(status = 422, types = {"invalid-attendance", "attendance-outside-class-day"})
    public ResponseEntity<AttendanceResponse> record(@PathVariable String seriesId, @PathVariable String registrationId,
                                                     @Valid @RequestBody AttendanceRequest r) {
        namedAsSent(r.segments(), () -> sender.sendOnce(new RecordAttendance(seriesId, registrationId, r.classDayId(), r.allSegments(),
                r.minutesPresent(), r.verification(), null, Boolean.TRUE.equals(r.overlapsConfirmed())), null));
        return ResponseEntity.created(locations.attendance(registrationId)).body(new AttendanceResponse(r.classDayId(), registrationId, true));
    }

    /**
     * Records a correction of a check-in, with a reason (the check-in is kept): 201
     * {@link AttendanceResponse}, {@code Location} the registration's attendance; 200 with {@code recorded} false when it
     * shows what the record already says (the same times and verification: nothing appended; a repeat of an
     * Idempotency-Key answers as the first time). Problems: 404
     * registration-not-found, class-day-not-in-series; 409 registration-cancelled, no-attendance-to-correct;
     * 422 invalid-attendance, attendance-outside-class-day.
     */
    @PostMapping("/attendance-corrections")
    @Operation(summary = "Correct a registration's attendance on a class day, with a reason")
    @ApiResponse(responseCode = "201", description = "Recorded; Location is where the registration's attendance can be read")
    @ApiResponse(responseCode = "200", description = "Nothing new: the record already says this (recorded false); nothing appended")
    @ApiProblem(status = 404, types = {"registration-not-found", "class-day-not-in-series"})
    @ApiProblem(status = 409, types = {"registration-cancelled", "no-attendance-to-correct", "class-day-not-started"})
    @ApiProblem(status = 422, types = {"invalid-attendance", "attendance-outside-class-day"})
    public ResponseEntity<AttendanceResponse> correct(@PathVariable String seriesId, @PathVariable String registrationId,
                                                      @Valid @RequestBody CorrectionRequest r) {
        Boolean corrected = namedAsSent(r.segments(), () -> sender.sendOnce(new CorrectAttendance(seriesId, registrationId, r.classDayId(),
                r.allSegments(), r.minutesPresent(), r.verification(), null, r.reason(), Boolean.TRUE.equals(r.overlapsConfirmed())), r.reason()));
        if (Boolean.FALSE.equals(corrected)) { // a fresh reviewer's: a correction that appended nothing had answered 201
            return ResponseEntity.ok(new AttendanceResponse(r.classDayId(), registrationId, false));
        }
        return ResponseEntity.created(locations.attendance(registrationId)).body(new AttendanceResponse(r.classDayId(), registrationId, true));
    }

    /**
     * Records that the clinician completed a module's evaluation: 201 {@link EvaluationResponse},
     * {@code Location} the registration's attendance; 200 with {@code recorded} false when it was recorded before (nothing
     * appended). Problems: 404 registration-not-found,
     * module-not-in-series; 409 registration-cancelled, class-day-not-started.
     */
    @PostMapping("/evaluations")
    @Operation(summary = "Record a completed module evaluation")
    @ApiResponse(responseCode = "201", description = "Recorded; Location is where the registration's attendance can be read")
    @ApiResponse(responseCode = "200", description = "Recorded before (recorded false); nothing appended")
    @ApiProblem(status = 404, types = {"registration-not-found", "module-not-in-series"})
    @ApiProblem(status = 409, types = {"registration-cancelled", "class-day-not-started"})
    public ResponseEntity<EvaluationResponse> evaluation(@PathVariable String seriesId, @PathVariable String registrationId,
                                                         @Valid @RequestBody EvaluationRequest r) {
        Boolean recorded = sender.sendOnce(new RecordEvaluationCompleted(seriesId, registrationId, r.moduleCode()), null);
        if (Boolean.FALSE.equals(recorded)) { // recorded before: said so (a fresh reviewer's console said "Evaluation recorded.")
            return ResponseEntity.ok(new EvaluationResponse(r.moduleCode(), registrationId, false));
        }
        return ResponseEntity.created(locations.attendance(registrationId)).body(new EvaluationResponse(r.moduleCode(), registrationId, true));
    }

    /**
     * Withdraws a recorded module evaluation (entered by mistake), with a reason: 201 {@link EvaluationWithdrawalResponse},
     * {@code Location} the registration's attendance. Hours earned on it are withdrawn in the same transaction, and with
     * them a series certificate; the evaluation may be recorded again (product rules: attendance staff correct evaluations
     * with a reason). Problems: 404 registration-not-found, module-not-in-series; 409 evaluation-not-recorded.
     */
    @PostMapping("/evaluation-withdrawals")
    @Operation(summary = "Withdraw a recorded module evaluation, with a reason (hours earned on it are withdrawn)")
    @ApiResponse(responseCode = "201", description = "Withdrawn; Location is where the registration's attendance can be read")
    @ApiProblem(status = 404, types = {"registration-not-found", "module-not-in-series"})
    @ApiProblem(status = 409, types = "evaluation-not-recorded")
    public ResponseEntity<EvaluationWithdrawalResponse> withdrawEvaluation(@PathVariable String seriesId, @PathVariable String registrationId,
                                                                           @Valid @RequestBody EvaluationWithdrawalRequest r) {
        sender.sendOnce(new WithdrawEvaluation(seriesId, registrationId, r.moduleCode(), r.reason()), r.reason());
        return ResponseEntity.created(locations.attendance(registrationId)).body(new EvaluationWithdrawalResponse(r.moduleCode(), registrationId, true));
    }

    /**
     * Keeps the attendance staff recorded by hand on a class day against the participant reports set aside on it
     * ({@code reportsSetAside} on the roster), with a reason: 201 {@link ReportReviewResponse}, {@code Location} the
     * registration's attendance. The record and its CE decision are unchanged; the reports stay on the stream as evidence and
     * leave the roster's list (product rules: attendance staff correct attendance with a reason; an auditor sees the review).
     * The request names the readings reviewed, as the roster listed them; readings set aside since stay listed. Problems: 404
     * registration-not-found, class-day-not-in-series; 409 no-reports-to-review, report-not-listed (nothing reviewed); 422
     * invalid-time-zone (a reading's zone is none).
     */
    @PostMapping("/report-reviews")
    @Operation(summary = "Keep a day's attendance recorded by hand against the participant reports set aside on it, with a reason")
    @ApiResponse(responseCode = "201", description = "Reviewed; Location is where the registration's attendance can be read")
    @ApiProblem(status = 404, types = {"registration-not-found", "class-day-not-in-series"})
    @ApiProblem(status = 409, types = {"no-reports-to-review", "report-not-listed"})
    @ApiProblem(status = 422, types = "invalid-time-zone")
    public ResponseEntity<ReportReviewResponse> reviewReports(@PathVariable String seriesId, @PathVariable String registrationId,
                                                              @Valid @RequestBody ReportReviewRequest r) {
        for (int i = 0; i < r.readings().size(); i++) { // a zone no import could have read in is refused as on import, not "not listed"
            com.polaris.kat.enrollment.attendance.report.ParticipantReportController.zone(r.readings().get(i).timeZone(), "readings[" + i + "].timeZone");
        }
        sender.sendOnce(new ReviewReportsSetAside(seriesId, registrationId, r.classDayId(), r.reason(), r.readings().stream()
                .map(x -> new com.polaris.kat.events.attendance.ReportReading(com.polaris.kat.web.HexIdentifiers.canonical(x.sourceFileSha256()),
                        x.timeZone())).toList()), r.reason());
        return ResponseEntity.created(locations.attendance(registrationId)).body(new ReportReviewResponse(r.classDayId(), registrationId, true));
    }
}
