package com.polaris.kat.events.attendance;

import org.axonframework.serialization.Revision;

import com.polaris.kat.events.attendance.AttendanceCommands.Verification;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Attendance and CE facts, on the registration's own stream (ClassDayMakeUpTaken and ClassDayMakeUpReleased: on the class day's). */
public final class AttendanceEvents {
    private AttendanceEvents() {
    }

    @Revision("1")
    public record AttendanceRecorded(String seriesId, String registrationId, String clinicianId, String classDayId,
                                     String moduleCode, Instant joinedAt, Instant leftAt, Integer minutesPresent,
                                     Verification verification) {
    }

    @Revision("1")
    public record AttendanceCorrected(String seriesId, String registrationId, String clinicianId, String classDayId,
                                      String moduleCode, Instant joinedAt, Instant leftAt, Integer minutesPresent,
                                      Verification verification, String reason) {
    }

    @Revision("1")
    public record ModuleEvaluationCompleted(String seriesId, String registrationId, String clinicianId,
                                            String moduleCode) {
    }

    /**
     * The CE decision for one module, with its inputs: the class day's hours, what was attended,
     * the grace allowed at each end, and whether the evaluation was completed.
     */
    @Revision("1")
    public record ModuleCeCreditEarned(String seriesId, String registrationId, String clinicianId, String moduleCode,
                                       String moduleTitle, String classDayId, LocalDate classDate, BigDecimal ceHours,
                                       Instant dayStartsAt, Instant dayEndsAt, Instant joinedAt, Instant leftAt,
                                       Integer minutesPresent, int graceMinutes, String rule) {
    }

    /** A correction showed the module was not attended in full: its hours are withdrawn. */
    @Revision("1")
    public record ModuleCeCreditRevoked(String seriesId, String registrationId, String clinicianId, String moduleCode,
                                        String classDayId, BigDecimal ceHours, String reason) {
    }

    /** The registration will attend this module on another series' class day. */
    @Revision("1")
    public record MakeUpBooked(String seriesId, String registrationId, String clinicianId, String moduleCode,
                               String classDayId, LocalDate date, Instant startsAt, Instant endsAt) {
    }

    /**
     * A make-up place on the class day was taken; {@code roomBefore} is the make-up places the day
     * had left when it was taken (its make-up places less the places held).
     */
    @Revision("1")
    public record ClassDayMakeUpTaken(String classDayId, String seriesId, String registrationId, int roomBefore) {
    }

    /**
     * A make-up place on the class day came free: its registration was cancelled, or its make-up
     * moved to another day ({@code reason} says which). {@code placesHeldAfter} counts the make-up
     * places still held on the day.
     */
    @Revision("1")
    public record ClassDayMakeUpReleased(String classDayId, String registrationId, String reason, int placesHeldAfter) {
    }
}
