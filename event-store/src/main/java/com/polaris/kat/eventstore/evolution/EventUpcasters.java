package com.polaris.kat.eventstore.evolution;

import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

import java.util.List;

/**
 * Every upcaster of the event store, oldest first: the one list both services read events through
 * (registered as one {@link EventUpcasterChain} bean by {@link com.polaris.kat.eventstore.MessagingAutoConfiguration})
 * and the one list {@code EventSamplesTest} reads every pinned sample through.
 * <p>
 * The rule (docs/decisions.md, "Event evolution"): every event type carries {@code @Revision}; its
 * JSON as stored is pinned in {@code event-store/src/test/resources/event-samples/<type>@<revision>.json};
 * a change of shape gets a new revision, a new sample, and an upcaster here from the old revision,
 * and the old sample stays, so that events written years ago (CE records are kept six years) are
 * still read by the current code.
 */
public final class EventUpcasters {

    private EventUpcasters() {
    }

    /** The upcasters, in the order they apply. */
    public static List<EventUpcaster> all() {
        return List.of(new AttendanceSegmentsUpcaster(), new RegistrationPlacedSealed(), new RegistrationPlacedFirstClassDay(), new ParticipantReportUnmatchedLines(),
                new ParticipantReportAddedToRecorded(), new ParticipantReportNotAdded(), new ParticipantReportSuperseded(), new ModuleCeCreditRevokedInputs(),
                new ModuleCeCreditRevokedShortfalls(), AttendanceSegmentsAsGiven.recorded(), AttendanceSegmentsAsGiven.corrected(),
                new ModuleCeCreditEarnedReason(), AttendanceInFullAdded.recorded(), AttendanceInFullAdded.corrected(),
                AttendanceReportReadingsAdded.recorded(), AttendanceReportReadingsAdded.corrected(),
                new ModuleCeHoursChangedEffectiveFrom(), CeHoursApprovalAdded.earned(), CeHoursApprovalAdded.revoked(),
                CeHoursApprovalAdded.notEarned(), CeHoursApprovalAdded.upheld(), new RegistrationCancelledSealedReason(),
                WaitlistReasonsSealed.left(), WaitlistReasonsSealed.declined(), new LiveSessionsHeldDates(), new LiveSessionMovedReason(),
                new ReportsSetAsideReviewedReadings(), new SeriesCapacityChangedHeldSeats());
    }

    /** The chain both services and the sample test use. */
    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(all());
    }
}
