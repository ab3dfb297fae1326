package com.polaris.kat.events.attendance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Attendance staff's commands, addressed to the registration (its own stream); the series id is checked. */
public final class AttendanceCommands {
    private AttendanceCommands() {
    }

    public enum Verification { PLATFORM_LOG, STAFF_SIGN_IN }

    /** Either joinedAt and leftAt, or minutesPresent. */
    public record RecordAttendance(String seriesId, @TargetAggregateIdentifier String registrationId, String classDayId,
                                   Instant joinedAt, Instant leftAt, Integer minutesPresent, Verification verification) {
    }

    /** A correction is a new fact with a reason; the original check-in is kept. */
    public record CorrectAttendance(String seriesId, @TargetAggregateIdentifier String registrationId, String classDayId,
                                    Instant joinedAt, Instant leftAt, Integer minutesPresent, Verification verification,
                                    String reason) {
    }

    public record RecordEvaluationCompleted(String seriesId, @TargetAggregateIdentifier String registrationId,
                                            String moduleCode) {
    }

    /** Attend a module on another class day of the same module (another series' day), where it has room. */
    public record BookMakeUp(String seriesId, String registrationId, String moduleCode, String classDayId) {
    }
}
