package com.polaris.kat.enrollment.attendance;

import com.polaris.kat.enrollment.web.CommandSender;
import com.polaris.kat.events.attendance.AttendanceCommands.BookMakeUp;
import com.polaris.kat.events.attendance.AttendanceCommands.CorrectAttendance;
import com.polaris.kat.events.attendance.AttendanceCommands.RecordAttendance;
import com.polaris.kat.events.attendance.AttendanceCommands.RecordEvaluationCompleted;
import com.polaris.kat.events.attendance.AttendanceCommands.Verification;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.polaris.kat.events.attendance.AttendanceSegment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Attendance staff: check-ins, corrections with a reason, completed evaluations. */
@RestController
@RequestMapping("/api/series/{seriesId}/registrations/{registrationId}")
public class AttendanceController {

    private final CommandSender sender;

    public AttendanceController(CommandSender sender) {
        this.sender = sender;
    }

    /** One join/leave segment (UTC instants). */
    public record SegmentRequest(@NotNull Instant joinedAt, @NotNull Instant leftAt) {
        AttendanceSegment toSegment() {
            return new AttendanceSegment(joinedAt, leftAt);
        }
    }

    /**
     * Attendance on a class day: joinedAt and leftAt (one segment), or segments (several, e.g. a
     * dropped connection and a rejoin), or minutesPresent.
     */
    public record AttendanceRequest(@NotBlank String classDayId, Instant joinedAt, Instant leftAt,
                                    @Size(max = 200) List<@NotNull @Valid SegmentRequest> segments, Integer minutesPresent,
                                    @NotNull Verification verification) {
        List<AttendanceSegment> allSegments() {
            return AttendanceController.allSegments(joinedAt, leftAt, segments);
        }
    }

    /** A correction: the same shape as {@link AttendanceRequest} and a reason. */
    public record CorrectionRequest(@NotBlank String classDayId, Instant joinedAt, Instant leftAt,
                                    @Size(max = 200) List<@NotNull @Valid SegmentRequest> segments, Integer minutesPresent,
                                    @NotNull Verification verification, @NotBlank @Size(max = 500) String reason) {
        List<AttendanceSegment> allSegments() {
            return AttendanceController.allSegments(joinedAt, leftAt, segments);
        }
    }

    /** The segments given, plus joinedAt/leftAt as one more when given (a half-given pair is refused by the registration). */
    static List<AttendanceSegment> allSegments(Instant joinedAt, Instant leftAt, List<SegmentRequest> segments) {
        List<AttendanceSegment> all = new java.util.ArrayList<>();
        if (joinedAt != null || leftAt != null) {
            all.add(new AttendanceSegment(joinedAt, leftAt));
        }
        if (segments != null) {
            segments.forEach(s -> all.add(s.toSegment()));
        }
        return all;
    }

    public record EvaluationRequest(@NotBlank String moduleCode) {
    }

    public record MakeUpRequest(@NotBlank String moduleCode, @NotBlank String classDayId) {
    }

    @PostMapping("/make-ups")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, String> makeUp(@PathVariable String seriesId, @PathVariable String registrationId,
                                      @Valid @RequestBody MakeUpRequest r) {
        sender.send(new BookMakeUp(seriesId, registrationId, r.moduleCode(), r.classDayId()));
        return Map.of("registrationId", registrationId, "moduleCode", r.moduleCode(), "classDayId", r.classDayId());
    }

    @PostMapping("/attendance")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, String> record(@PathVariable String seriesId, @PathVariable String registrationId,
                                      @Valid @RequestBody AttendanceRequest r) {
        sender.send(new RecordAttendance(seriesId, registrationId, r.classDayId(), r.allSegments(), r.minutesPresent(), r.verification(), null));
        return Map.of("registrationId", registrationId, "classDayId", r.classDayId());
    }

    @PostMapping("/attendance-corrections")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, String> correct(@PathVariable String seriesId, @PathVariable String registrationId,
                                       @Valid @RequestBody CorrectionRequest r) {
        sender.send(new CorrectAttendance(seriesId, registrationId, r.classDayId(), r.allSegments(), r.minutesPresent(),
                r.verification(), null, r.reason()), r.reason());
        return Map.of("registrationId", registrationId, "classDayId", r.classDayId());
    }

    @PostMapping("/evaluations")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, String> evaluation(@PathVariable String seriesId, @PathVariable String registrationId,
                                          @Valid @RequestBody EvaluationRequest r) {
        sender.send(new RecordEvaluationCompleted(seriesId, registrationId, r.moduleCode()));
        return Map.of("registrationId", registrationId, "moduleCode", r.moduleCode());
    }
}
