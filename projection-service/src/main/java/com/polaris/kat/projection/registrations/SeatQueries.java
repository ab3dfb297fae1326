package com.polaris.kat.projection.registrations;

import com.polaris.kat.events.attendance.AttendanceInFull;
import com.polaris.kat.events.enrollment.CancellationCutoff;
import com.polaris.kat.projection.web.NotFound;
import com.polaris.kat.projection.web.PageParams;
import com.polaris.kat.projection.web.Paged;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Seat availability per series and per class day, class-day rosters, and one registration's state. */
@Repository
public class SeatQueries {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SeatQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A series' seats: capacity, active registrations (taken), seats held by open waitlist offers (held),
     * free (neither), the waitlist's length (places waiting for an offer); whether registration is open
     * and where the schedule stands.
     */
    @Schema(description = "Seat availability of a series; held: seats held by open waitlist offers (they count against capacity); "
            + "waitlist: clinicians waiting for an offer; free = capacity - taken - held. Instants are UTC.",
            example = "{\"seriesId\":\"series-14\",\"seriesNumber\":14,\"capacity\":30,\"taken\":30,\"held\":0,\"free\":0,\"soldOut\":true,"
                    + "\"waitlist\":0,\"registration\":\"CLOSED\",\"schedule\":\"ENDED\",\"firstClassDayStartsAt\":\"2023-03-06T17:00:00Z\","
                    + "\"lastClassDayEndsAt\":\"2023-05-02T00:00:00Z\"}")
    public record SeriesAvailability(String seriesId, int seriesNumber, int capacity, int taken, int held, int free, boolean soldOut,
                                     int waitlist,
                                     @Schema(allowableValues = {"OPEN", "CLOSED"}) String registration,
                                     @Schema(allowableValues = {"UPCOMING", "IN_PROGRESS", "ENDED"}) String schedule, Instant firstClassDayStartsAt, Instant lastClassDayEndsAt) {
    }

    private static final String SERIES_AVAILABILITY = """
            SELECT s.series_id, s.series_number, s.capacity,
                   (SELECT count(*) FROM projection.registration r WHERE r.series_id = s.series_id AND r.status = 'ACTIVE') AS taken,
                   (SELECT min(starts_at) FROM projection.catalog_series_class_day d WHERE d.series_id = s.series_id) AS first_start,
                   (SELECT max(ends_at) FROM projection.catalog_series_class_day d WHERE d.series_id = s.series_id) AS last_end,
                   (SELECT count(*) FROM projection.waitlist_offer o WHERE o.series_id = s.series_id AND o.status = 'OPEN') AS held,
                   (SELECT count(*) FROM projection.waitlist_place w WHERE w.series_id = s.series_id AND w.status = 'WAITING') AS waiting
            FROM projection.catalog_series s""";

    /**
     * Seat availability of one page of series, newest first: capacity, seats taken (active registrations), seats held by
     * open waitlist offers, free seats, waiting places, and whether registration is OPEN (before the first class day starts,
     * product rules) and the schedule UPCOMING, IN_PROGRESS or ENDED at this service's clock.
     */
    public List<SeriesAvailability> seriesAvailability(PageParams page) {
        Instant now = clock.instant();
        return jdbc.query(SERIES_AVAILABILITY + " ORDER BY s.series_number DESC LIMIT ? OFFSET ?",
                (rs, i) -> availability(now, rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getInt(7), rs.getInt(8)), page.size(), page.offset());
    }

    /**
     * One series' seat availability, as {@link #seriesAvailability(PageParams)} gives it.
     * 
     * @throws NotFound 404 not-found when there is no such series
     */
    public SeriesAvailability seriesAvailability(String seriesId) {
        Instant now = clock.instant();
        List<SeriesAvailability> r = jdbc.query(SERIES_AVAILABILITY + " WHERE s.series_id = ?",
                (rs, i) -> availability(now, rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getInt(7), rs.getInt(8)), seriesId);
        if (r.isEmpty()) {
            throw new NotFound("There is no " + com.polaris.kat.events.catalog.SeriesIds.named(seriesId) + ".");
        }
        return r.get(0);
    }

    private static SeriesAvailability availability(Instant now, String id, int number, int capacity, int taken, Instant first, Instant last,
                                                   int held, int waiting) {
        String registration = now.isBefore(first) ? "OPEN" : "CLOSED";
        String schedule = now.isBefore(first) ? "UPCOMING" : now.isBefore(last) ? "IN_PROGRESS" : "ENDED";
        return new SeriesAvailability(id, number, capacity, taken, held, Math.max(0, capacity - taken - held), taken + held >= capacity,
                waiting, registration, schedule, first, last);
    }

    /** A series that uses a class day: its seats and active registrations. */
    @Schema(description = "A series that uses the class day.",
            example = "{\"seriesId\":\"series-19\",\"seriesNumber\":19,\"capacity\":30,\"activeRegistrations\":2}")
    public record SeriesOnDay(String seriesId, int seriesNumber, int capacity, long activeRegistrations) {
    }

    /**
     * A class day's room (shared/product-rules: the seats of the series that use it plus its make-up
     * places) and how much of it is expected to be used.
     */
    @Schema(description = "A class day's room: the seats of its series plus its make-up places, the expected attendees, "
            + "the make-up places left (make-up places less the make-ups booked).",
            example = "{\"classDayId\":\"M3-2023-12-18\",\"moduleCode\":\"M3\",\"date\":\"2023-12-18\",\"series\":[{\"seriesId\":\"series-20\","
                    + "\"seriesNumber\":20,\"capacity\":30,\"activeRegistrations\":2}],\"seats\":30,\"makeUpPlaces\":2,\"expectedAttendees\":3,"
                    + "\"makeUpsBooked\":1,\"makeUpRoomLeft\":1,\"startsAt\":\"2023-12-18T17:00:00Z\",\"endsAt\":\"2023-12-19T01:00:00Z\"}")
    public record ClassDayAvailability(String classDayId, String moduleCode, @Schema(format = "date", example = "2023-12-18") String date,
                                       List<SeriesOnDay> series, int seats, int makeUpPlaces, int expectedAttendees, int makeUpsBooked,
                                       int makeUpRoomLeft,
                                       @Schema(description = "when the live session starts (UTC; 09:00 America/Los_Angeles by the product"
                                               + " rules); attendance and evaluations can be recorded from then") Instant startsAt,
                                       @Schema(description = "when the live session ends (UTC; 17:00 America/Los_Angeles)") Instant endsAt) {
    }

    /** One clinician expected on a class day (from its series, or booked as a make-up) and their attendance there. */
    @Schema(description = "One expected attendee of a class day and their attendance; instants UTC, minutes present a whole number.",
            example = "{\"registrationId\":\"54973073-fb7c-3860-845f-cb065be795af\",\"seriesNumber\":20,\"fullName\":\"Ada Demo\","
                    + "\"licenseNumber\":\"PSY-10001\",\"licenseState\":\"CA\",\"ceOption\":true,\"makeUp\":false,\"attendance\":\"RECORDED\","
                    + "\"joinedAt\":\"2023-10-10T16:04:00Z\",\"leftAt\":\"2023-10-11T00:00:00Z\",\"minutesPresent\":null,"
                    + "\"verification\":\"PLATFORM_LOG\",\"evaluationCompleted\":true,\"ceEarned\":true,"
                    + "\"segments\":[{\"joinedAt\":\"2023-10-10T16:04:00Z\",\"leftAt\":\"2023-10-11T00:00:00Z\"}],\"ceWithdrawn\":false,"
                    + "\"ceNotEarnedBecause\":[],\"makeUpClassDayId\":null,\"makeUpDate\":null,\"segmentsAsGiven\":[],\"ceEarnedOnClassDayId\":null}")
    public record RosterEntry(String registrationId, int seriesNumber, String fullName, String licenseNumber, String licenseState,
                              boolean ceOption, boolean makeUp,
                              @Schema(allowableValues = {"NOT_RECORDED", "RECORDED", "CORRECTED"}) String attendance,
                              @Schema(types = {"string", "null"}, format = "date-time") Instant joinedAt, @Schema(types = {"string", "null"}, format = "date-time") Instant leftAt,
                              @Schema(types = {"integer", "null"}, format = "int32") Integer minutesPresent, @Schema(types = {"string", "null"}) String verification,
                              boolean evaluationCompleted, boolean ceEarned,
                              @Schema(description = "every joined/left segment of the day in time order (joinedAt/leftAt are the first join and the last leave);"
                                      + " empty when only minutes present were recorded") List<Segment> segments,
                              @Schema(description = "the module's CE was earned and then withdrawn (ModuleCeCreditRevoked)") boolean ceWithdrawn,
                              @Schema(description = "why the hours were not earned, or were withdrawn, on this day, as the CE decision"
                                      + " (ModuleCeCreditNotEarned, ModuleCeCreditRevoked) names it; empty when earned or not decided")
                              List<String> ceNotEarnedBecause,
                              @Schema(types = {"string", "null"}, description = "on the series' own day: the make-up day the module was booked on"
                                      + " instead, if any") String makeUpClassDayId,
                              @Schema(types = {"string", "null"}, format = "date", description = "that make-up day's date (its current"
                                      + " date: a moved day keeps its id)") String makeUpDate,
                              @Schema(description = SEGMENTS_AS_GIVEN) List<Segment> segmentsAsGiven,
                              @Schema(types = {"string", "null"}, description = "the module's other day its CE hours were earned on (its"
                                      + " make-up day, or its series' day); ceEarned says whether they were earned on this day")
                              String ceEarnedOnClassDayId,
                              @Schema(description = IN_FULL, nullable = true) InFullJudgement inFull,
                              @Schema(description = "the participant report readings whose times for this attendee contradicted staff's"
                                      + " record by hand, which stands (ParticipantReportSetAside), one per reading (file and time zone), in the"
                                      + " order they were set aside; empty when none since staff last recorded, corrected or reviewed the day")
                              List<ReportSetAside> reportsSetAside) {
    }

    /**
     * A participant report's times set aside against staff's record by hand (product rules: a check-in is never overwritten;
     * corrections are staff's): kept as evidence, shown so staff can weigh them.
     *
     * @param sourceFileSha256 the report file's SHA-256 (hex)
     * @param timeZone         the IANA zone its local times were read in
     * @param segments         its times for this attendee, merged, instants UTC
     * @param anotherMeeting   imported as another meeting of the day (its times would have been added)
     * @param setAt            when the import set it aside (UTC); null for rows projected before this was kept
     * @param setBy            who imported it (the actor); null likewise
     */
    @Schema(description = "A participant report's times for this attendee, set aside because staff's record by hand stands; instants UTC.",
            example = "{\"sourceFileSha256\":\"5bd57202c0ffee00112233445566778899aabbccddeeff00112233445566778\",\"timeZone\":"
                    + "\"America/Los_Angeles\",\"segments\":[{\"joinedAt\":\"2023-10-10T16:05:00Z\",\"leftAt\":\"2023-10-10T21:40:00Z\"}],"
                    + "\"anotherMeeting\":false,\"setAt\":\"2023-10-12T17:15:00Z\",\"setBy\":\"attendance\"}")
    public record ReportSetAside(String sourceFileSha256, String timeZone, List<Segment> segments, boolean anotherMeeting,
                                 @Schema(types = {"string", "null"}, format = "date-time") Instant setAt,
                                 @Schema(types = {"string", "null"}) String setBy) {
    }

    /** The description of {@code inFull} in the roster and the attendance read. */
    static final String IN_FULL = "whether the day was attended in full by the CE rule in force when its attendance was recorded or last"
            + " corrected (for every registration, with or without the CE option); null when no attendance is recorded, or it was"
            + " recorded before this was (the enrollment service's event revision 4)";

    /**
     * A class day's attendance judged by the CE rule in force when it was recorded (product rule, Attendance and CE), as the
     * enrollment service recorded it ({@code AttendanceInFull} on AttendanceRecorded / AttendanceCorrected): read, not worked
     * out again here.
     *
     * @param graceMinutes          the grace at each end of the day (minutes)
     * @param allowedAbsenceMinutes the allowed time away between segments (minutes)
     * @param lateArrival           first join more than the grace after the start; null with minutes present only
     * @param earlyDeparture        last leave more than the grace before the end; null with minutes present only
     * @param secondsAway           whole seconds between segments within the day's hours; null with minutes present only
     * @param away                  {@code secondsAway} in the CE decisions' words ("10 min 1 s"); null when none
     * @param shortfalls            what fell short, in the CE decisions' words with the rule's bound; empty when in full
     * @param attendedInFull        nothing fell short
     */
    @Schema(description = "The day's attendance judged by the CE rule in force when it was recorded; minutes and whole seconds.",
            example = "{\"graceMinutes\":10,\"allowedAbsenceMinutes\":10,\"lateArrival\":false,\"earlyDeparture\":false,"
                    + "\"secondsAway\":930,\"away\":\"15 min 30 s\",\"shortfalls\":[\"15 min 30 s away between segments (at most 10)\"],"
                    + "\"attendedInFull\":false}")
    public record InFullJudgement(int graceMinutes, int allowedAbsenceMinutes,
                                  @Schema(types = {"boolean", "null"}) Boolean lateArrival,
                                  @Schema(types = {"boolean", "null"}) Boolean earlyDeparture,
                                  @Schema(types = {"integer", "null"}, format = "int64") Long secondsAway,
                                  @Schema(types = {"string", "null"}) String away, List<String> shortfalls, boolean attendedInFull) {
    }

    /** The attendance row's recorded in-full judgement ({@link #IN_FULL_COLUMNS} of {@code a}), or null when none was recorded. */
    static InFullJudgement inFull(java.sql.ResultSet rs) throws java.sql.SQLException {
        Object grace = rs.getObject("in_full_grace_minutes");
        if (grace == null) {
            return null;
        }
        Long away = (Long) nullableLong(rs.getObject("seconds_away"));
        List<String> shortfalls = notEarnedBecause(rs.getString("short_of_full"));
        return new InFullJudgement(((Number) grace).intValue(), rs.getInt("in_full_allowed_absence_minutes"), (Boolean) rs.getObject("late_arrival"),
                (Boolean) rs.getObject("early_departure"), away,
                away == null || away == 0 ? null : AttendanceInFull.inWords(java.time.Duration.ofSeconds(away)), shortfalls, shortfalls.isEmpty());
    }

    /** The columns {@link #inFull} reads, of the attendance row {@code a}. */
    static final String IN_FULL_COLUMNS = "a.in_full_grace_minutes, a.in_full_allowed_absence_minutes, a.late_arrival, a.early_departure,"
            + " a.seconds_away, a.short_of_full";

    /** The description of {@code segmentsAsGiven} in the roster and the attendance read. */
    static final String SEGMENTS_AS_GIVEN = "the segments as the check-in, correction or participant report gave them (in its order) when some"
            + " overlapped and were merged into segments (staff confirmed the overlap, or a report had a person connected twice);"
            + " empty when nothing was merged";

    /** One joined/left segment of a class day, instants UTC. */
    @Schema(description = "One joined/left segment of a class day, instants UTC.")
    public record Segment(@Schema(format = "date-time") Instant joinedAt, @Schema(format = "date-time") Instant leftAt) {
    }

    /** The stored segments ("joinedAt/leftAt;…"), or the one joined/left pair of a row projected without them. */
    public static List<Segment> segments(String stored, Instant joinedAt, Instant leftAt) {
        if (stored == null || stored.isBlank()) {
            return joinedAt == null || leftAt == null ? List.of() : List.of(new Segment(joinedAt, leftAt));
        }
        List<Segment> out = new java.util.ArrayList<>();
        for (String pair : stored.split(";")) {
            String[] ends = pair.split("/");
            out.add(new Segment(Instant.parse(ends[0]), Instant.parse(ends[1])));
        }
        return out;
    }

    /** A page of a class day's roster ({@link Paged}), by name. */
    @Schema(description = "A page of a class day's roster, by name.",
            example = "{\"classDayId\":\"M1-2023-10-10\",\"items\":[{\"registrationId\":\"54973073-fb7c-3860-845f-cb065be795af\",\"seriesNumber\":20,"
                    + "\"fullName\":\"Ada Demo\",\"licenseNumber\":\"PSY-10001\",\"licenseState\":\"CA\",\"ceOption\":true,\"makeUp\":false,"
                    + "\"attendance\":\"NOT_RECORDED\",\"joinedAt\":null,\"leftAt\":null,\"minutesPresent\":null,\"verification\":null,"
                    + "\"evaluationCompleted\":false,\"ceEarned\":false}],\"page\":0,\"size\":20,\"totalItems\":1}")
    public record RosterPage(String classDayId, List<RosterEntry> items, int page, int size, long totalItems) implements Paged<RosterEntry> {
    }

    /** One registration as the front end that holds its id sees it: amounts in integer cents, instants UTC; no personal data. */
    @Schema(description = "A registration's state; amounts in integer cents, instants UTC; no personal data.",
            example = "{\"registrationId\":\"54973073-fb7c-3860-845f-cb065be795af\",\"seriesId\":\"series-20\",\"seriesNumber\":20,"
                    + "\"status\":\"ACTIVE\",\"ceOption\":true,\"registeredAt\":\"2023-08-15T16:00:00Z\",\"priceDueCents\":217500,"
                    + "\"paidCents\":217500,\"creditAppliedCents\":0,\"cancelledAt\":null,\"refundRule\":null,\"refundAmountCents\":null,"
                    + "\"creditIssuedCents\":null,\"payoutStatus\":null,\"clinicianId\":\"9fea013d-2454-327d-a870-e468fb542361\","
                    + "\"refundPolicyVersion\":\"v1\",\"onTimeCancellationUntil\":\"2023-09-26T16:00:00Z\"}")
    public record RegistrationView(String registrationId, String seriesId, int seriesNumber,
                                   @Schema(allowableValues = {"ACTIVE", "CANCELLED"}) String status, boolean ceOption, Instant registeredAt,
                                   long priceDueCents, long paidCents, long creditAppliedCents, @Schema(types = {"string", "null"}, format = "date-time") Instant cancelledAt,
                                   @Schema(types = {"string", "null"}) String refundRule, @Schema(types = {"integer", "null"}, format = "int64") Long refundAmountCents,
                                   @Schema(types = {"integer", "null"}, format = "int64") Long creditIssuedCents, @Schema(types = {"string", "null"}) String payoutStatus,
                                   @Schema(description = "the clinician's pseudonymous id, as the registration's answer gave it (an HMAC of the"
                                           + " e-mail address; where their credit, transcript and certificates are read)") String clinicianId,
                                   @Schema(types = {"string", "null"}, description = "the refund policy in force when the seat was sold, which "
                                           + "governs its cancellation") String refundPolicyVersion,
                                   @Schema(types = {"string", "null"}, format = "date-time", description = "the on-time cancellation cutoff a "
                                           + "cancellation asked for now would be judged by (v1: 09:00 Pacific, 14 calendar days before the "
                                           + "series' first class day; product rules): cancelled at or before it, what was paid is refunded minus "
                                           + "the $25 admin fee and the processing fee; after it, the clinician chooses credit of the full amount "
                                           + "paid or half of it minus those fees. Counted from the first class day as it stood at the sale when "
                                           + "the program has since moved it earlier, until the series starts, so it can be later than the "
                                           + "catalog's cutoff for a registration made now. In the past once passed. Null once the registration "
                                           + "is cancelled, or when its policy version is unknown here") Instant onTimeCancellationUntil) {
    }

    /** One module of a registration's series: the day it is attended on (own or make-up), the attendance there, evaluation, CE. */
    @Schema(description = "A module of the registration's series and its attendance state.",
            example = "{\"moduleCode\":\"M1\",\"classDayId\":\"M1-2023-10-10\",\"date\":\"2023-10-10\",\"makeUp\":false,\"attendance\":\"RECORDED\","
                    + "\"joinedAt\":\"2023-10-10T16:04:00Z\",\"leftAt\":\"2023-10-11T00:00:00Z\",\"minutesPresent\":null,"
                    + "\"verification\":\"PLATFORM_LOG\",\"evaluationCompleted\":true,\"ceEarned\":false,"
                    + "\"segments\":[{\"joinedAt\":\"2023-10-10T16:04:00Z\",\"leftAt\":\"2023-10-10T20:00:00Z\"},"
                    + "{\"joinedAt\":\"2023-10-10T20:20:00Z\",\"leftAt\":\"2023-10-11T00:00:00Z\"}],\"ceWithdrawn\":false,"
                    + "\"ceNotEarnedBecause\":[\"20 min away between segments (at most 10)\"],\"decisionClassDayId\":\"M1-2023-10-10\","
                    + "\"makeUpClassDayId\":null,\"makeUpDate\":null,\"otherDays\":[],\"segmentsAsGiven\":[]}")
    public record ModuleAttendance(String moduleCode, String classDayId,
                                   @Schema(types = {"string", "null"}, format = "date", description = "the date of the day shown (its"
                                           + " current date: a moved day keeps its id)") String date, boolean makeUp,
                                   @Schema(allowableValues = {"NOT_RECORDED", "RECORDED", "CORRECTED"}) String attendance,
                                   @Schema(types = {"string", "null"}, format = "date-time") Instant joinedAt, @Schema(types = {"string", "null"}, format = "date-time") Instant leftAt,
                                   @Schema(types = {"integer", "null"}, format = "int32") Integer minutesPresent, @Schema(types = {"string", "null"}) String verification,
                                   boolean evaluationCompleted, boolean ceEarned,
                                   @Schema(description = "every joined/left segment of the day in time order (joinedAt/leftAt are the first join and the"
                                           + " last leave); empty when only minutes present, or nothing, were recorded") List<Segment> segments,
                                   @Schema(description = "the module's CE was earned and then withdrawn (ModuleCeCreditRevoked)") boolean ceWithdrawn,
                                   @Schema(description = "why the hours were not earned, or were withdrawn, as the CE decision (ModuleCeCreditNotEarned,"
                                           + " ModuleCeCreditRevoked) names it for the day shown, each against the rule's bound; empty when earned or not decided"
                                           + " (no attendance, or the evaluation still missing), and for withdrawals recorded before they named it")
                                   List<String> ceNotEarnedBecause,
                                   @Schema(types = {"string", "null"}, description = "the class day the module's latest CE decision (earned, not earned,"
                                           + " withdrawn) was made on; null before any") String decisionClassDayId,
                                   @Schema(types = {"string", "null"}, description = "the make-up day booked for the module, if any (classDayId may be"
                                           + " the series' day when the hours were earned there)") String makeUpClassDayId,
                                   @Schema(types = {"string", "null"}, format = "date", description = "the make-up day's date, if one is"
                                           + " booked") String makeUpDate,
                                   @Schema(description = "attendance recorded for the module on its other day (the series' day while a make-up"
                                           + " day is shown, or the make-up day when the hours were earned on the series' day); empty when none")
                                   List<OtherDayAttendance> otherDays,
                                   @Schema(description = SEGMENTS_AS_GIVEN) List<Segment> segmentsAsGiven,
                                   @Schema(description = IN_FULL, nullable = true) InFullJudgement inFull) {
    }

    /**
     * A module's attendance on a day other than the one its {@link ModuleAttendance} shows: a registrant's record on the
     * series' day stays readable while a make-up is booked (a registration without the CE option has no decision that
     * names it).
     */
    @Schema(description = "Attendance recorded for the module on another of its days.",
            example = "{\"classDayId\":\"M1-2023-10-10\",\"attendance\":\"RECORDED\",\"joinedAt\":\"2023-10-10T16:40:00Z\","
                    + "\"leftAt\":\"2023-10-11T00:00:00Z\",\"minutesPresent\":null,\"verification\":\"STAFF_SIGN_IN\","
                    + "\"segments\":[{\"joinedAt\":\"2023-10-10T16:40:00Z\",\"leftAt\":\"2023-10-11T00:00:00Z\"}],"
                    + "\"ceNotEarnedBecause\":[\"first join 40 min after the start (at most 10)\"],\"segmentsAsGiven\":[]}")
    public record OtherDayAttendance(String classDayId, @Schema(allowableValues = {"RECORDED", "CORRECTED"}) String attendance,
                                     @Schema(types = {"string", "null"}, format = "date-time") Instant joinedAt,
                                     @Schema(types = {"string", "null"}, format = "date-time") Instant leftAt,
                                     @Schema(types = {"integer", "null"}, format = "int32") Integer minutesPresent, String verification,
                                     @Schema(description = "the day's joined/left segments in time order; empty when only minutes present were recorded")
                                     List<Segment> segments,
                                     @Schema(description = "why the hours were not earned, or were withdrawn, on that day (the CE decision's words);"
                                             + " empty when no decision named the day") List<String> ceNotEarnedBecause,
                                     @Schema(description = SEGMENTS_AS_GIVEN) List<Segment> segmentsAsGiven,
                                     @Schema(description = IN_FULL, nullable = true) InFullJudgement inFull) {
    }

    /** A registration's attendance, evaluations and make-ups, module by module in date order (attendance staff; no personal data). */
    @Schema(description = "A registration's attendance, evaluations and make-ups, per module of its series in date order.",
            example = "{\"registrationId\":\"54973073-fb7c-3860-845f-cb065be795af\",\"seriesId\":\"series-20\",\"status\":\"ACTIVE\","
                    + "\"ceOption\":true,\"modules\":[{\"moduleCode\":\"M1\",\"classDayId\":\"M1-2023-10-10\",\"makeUp\":false,"
                    + "\"attendance\":\"RECORDED\",\"joinedAt\":\"2023-10-10T16:04:00Z\",\"leftAt\":\"2023-10-11T00:00:00Z\","
                    + "\"minutesPresent\":null,\"verification\":\"PLATFORM_LOG\",\"evaluationCompleted\":true,\"ceEarned\":true,"
                    + "\"segments\":[{\"joinedAt\":\"2023-10-10T16:04:00Z\",\"leftAt\":\"2023-10-11T00:00:00Z\"}],\"ceWithdrawn\":false,"
                    + "\"ceNotEarnedBecause\":[],\"decisionClassDayId\":\"M1-2023-10-10\",\"makeUpClassDayId\":null,\"otherDays\":[],\"segmentsAsGiven\":[]}]}")
    public record RegistrationAttendance(String registrationId, String seriesId,
                                         @Schema(allowableValues = {"ACTIVE", "CANCELLED"}) String status, boolean ceOption,
                                         List<ModuleAttendance> modules) {
    }

    /**
     * A class day's room (product rules): the seats of each series using it, their active registrations, and its make-up
     * places and those booked.
     * 
     * @throws NotFound 404 not-found when there is no such class day
     */
    public ClassDayAvailability classDayAvailability(String classDayId) {
        List<Map<String, Object>> day = jdbc.queryForList("SELECT module_code, class_date, make_up_places, starts_at, ends_at FROM projection.catalog_class_day"
                + " WHERE class_day_id = ?", classDayId);
        if (day.isEmpty()) {
            throw new NotFound("There is no class day " + classDayId + ".");
        }
        List<SeriesOnDay> series = jdbc.query("""
                SELECT s.series_id, s.series_number, s.capacity,
                       (SELECT count(*) FROM projection.registration r WHERE r.series_id = s.series_id AND r.status = 'ACTIVE') AS active
                FROM projection.catalog_series_class_day d JOIN projection.catalog_series s ON s.series_id = d.series_id
                WHERE d.class_day_id = ? ORDER BY s.series_number""",
                (rs, i) -> new SeriesOnDay(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getLong(4)), classDayId);
        int seats = series.stream().mapToInt(SeriesOnDay::capacity).sum();
        int active = (int) series.stream().mapToLong(SeriesOnDay::activeRegistrations).sum();
        Integer makeUps = jdbc.queryForObject("""
                SELECT count(*) FROM projection.registration_make_up m JOIN projection.registration r ON r.registration_id = m.registration_id
                WHERE m.class_day_id = ? AND r.status = 'ACTIVE'""", Integer.class, classDayId);
        int places = ((Number) day.get(0).get("make_up_places")).intValue();
        return new ClassDayAvailability(classDayId, (String) day.get(0).get("module_code"), String.valueOf(day.get(0).get("class_date")),
                series, seats, places, active + makeUps, makeUps, Math.max(0, places - makeUps),
                ((java.sql.Timestamp) day.get(0).get("starts_at")).toInstant(), ((java.sql.Timestamp) day.get(0).get("ends_at")).toInstant());
    }

    /** Who is expected on a class day (its series' active registrations and make-ups), and their attendance. */
    public RosterPage roster(String classDayId, PageParams page) {
        classDayAvailability(classDayId); // 404 for an unknown day
        String expected = """
                SELECT r.registration_id, s.series_number, r.full_name, r.license_number, r.license_state, r.ce_option, FALSE AS make_up
                FROM projection.registration r JOIN projection.catalog_series_class_day d ON d.series_id = r.series_id
                JOIN projection.catalog_series s ON s.series_id = r.series_id
                WHERE d.class_day_id = :day AND r.status = 'ACTIVE'
                -- every active registration of the day's series stays on it after a make-up is booked elsewhere (makeUpClassDayId
                -- says where), as the day's availability counts them: fresh reviewers found the booking hid the day's record and
                -- CE decision from every staff view, and a roster of 0 beside "1 expected"
                UNION ALL
                SELECT r.registration_id, s.series_number, r.full_name, r.license_number, r.license_state, r.ce_option, TRUE
                FROM projection.registration_make_up m JOIN projection.registration r ON r.registration_id = m.registration_id
                JOIN projection.catalog_series s ON s.series_id = r.series_id
                WHERE m.class_day_id = :day AND r.status = 'ACTIVE'""";
        String sql = "SELECT e.*, a.joined_at, a.left_at, a.minutes_present, a.verification, a.corrected, a.segments, a.segments_as_given, "
                + IN_FULL_COLUMNS + ","
                + " mo.evaluation_completed,"
                // the module's CE as decided on this day: earned or withdrawn on another of its days (a make-up) is not this day's
                + " mo.ce_earned AND (mo.decided_class_day_id IS NULL OR mo.decided_class_day_id = :day) AS ce_earned,"
                + " mo.ce_withdrawn AND (mo.decided_class_day_id IS NULL OR mo.decided_class_day_id = :day) AS ce_withdrawn, a.ce_not_earned_because"
                + ", mk.class_day_id AS make_up_elsewhere, mkd.class_date::text AS make_up_elsewhere_date"
                + ", CASE WHEN mo.ce_earned AND mo.decided_class_day_id <> :day THEN mo.decided_class_day_id END AS ce_earned_elsewhere"
                + " FROM (" + expected + ") e"
                + " LEFT JOIN projection.registration_attendance a ON a.registration_id = e.registration_id AND a.class_day_id = :day"
                + " LEFT JOIN projection.catalog_class_day cd ON cd.class_day_id = :day"
                + " LEFT JOIN projection.registration_module mo ON mo.registration_id = e.registration_id AND mo.module_code = cd.module_code"
                + " LEFT JOIN projection.registration_make_up mk ON mk.registration_id = e.registration_id AND mk.module_code = cd.module_code"
                + " AND mk.class_day_id <> :day"
                + " LEFT JOIN projection.catalog_class_day mkd ON mkd.class_day_id = mk.class_day_id"
                + " ORDER BY e.full_name, e.registration_id LIMIT :limit OFFSET :offset";
        var named = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc);
        var params = Map.of("day", classDayId, "limit", page.size(), "offset", page.offset());
        Map<String, List<ReportSetAside>> setAside = new java.util.HashMap<>();
        jdbc.query("SELECT registration_id, source_file_sha256, time_zone, segments, another_meeting, set_at, set_by"
                + " FROM projection.registration_report_set_aside WHERE class_day_id = ? ORDER BY position", rs -> {
            setAside.computeIfAbsent(rs.getString("registration_id"), r -> new java.util.ArrayList<>()).add(new ReportSetAside(
                    rs.getString("source_file_sha256"), rs.getString("time_zone"), segments(rs.getString("segments"), null, null),
                    rs.getBoolean("another_meeting"), instant(rs.getTimestamp("set_at")), rs.getString("set_by")));
        }, classDayId);
        List<RosterEntry> rows = named.query(sql, params, (rs, i) -> {
            String verification = rs.getString("verification");
            return new RosterEntry(rs.getString("registration_id"), rs.getInt("series_number"), rs.getString("full_name"),
                    rs.getString("license_number"), rs.getString("license_state"), rs.getBoolean("ce_option"), rs.getBoolean("make_up"),
                    verification == null ? "NOT_RECORDED" : rs.getBoolean("corrected") ? "CORRECTED" : "RECORDED",
                    instant(rs.getTimestamp("joined_at")), instant(rs.getTimestamp("left_at")),
                    (Integer) rs.getObject("minutes_present"), verification, rs.getBoolean("evaluation_completed"), rs.getBoolean("ce_earned"),
                    segments(rs.getString("segments"), instant(rs.getTimestamp("joined_at")), instant(rs.getTimestamp("left_at"))),
                    rs.getBoolean("ce_withdrawn"), notEarnedBecause(rs.getString("ce_not_earned_because")), rs.getString("make_up_elsewhere"),
                    rs.getString("make_up_elsewhere_date"), segments(rs.getString("segments_as_given"), null, null),
                    rs.getString("ce_earned_elsewhere"), inFull(rs), List.copyOf(setAside.getOrDefault(rs.getString("registration_id"), List.of())));
        });
        Long total = named.queryForObject("SELECT count(*) FROM (" + expected + ") e", params, Long.class);
        return new RosterPage(classDayId, rows, page.page(), page.size(), total == null ? 0 : total);
    }

    /**
     * One registration as the front end that holds its id sees it: no other clinician's data; its on-time cancellation cutoff
     * as a cancellation asked for at this read would be judged by (shared-events CancellationCutoff.ofSeat, the refund
     * decision's rule). Throws NotFound (404 not-found).
     */
    public RegistrationView registration(String registrationId) {
        Instant now = clock.instant();
        List<RegistrationView> r = jdbc.query("""
                SELECT r.registration_id, r.series_id, s.series_number, r.status, r.ce_option, r.registered_at, r.price_due_cents,
                       r.paid_cents, r.credit_applied_cents, r.cancelled_at, r.refund_rule, r.refund_amount_cents, r.credit_issued_cents,
                       r.payout_status, r.clinician_id, COALESCE(r.refund_policy_version, s.refund_policy_version), r.first_class_day_at_sale,
                       f.class_date, f.starts_at
                FROM projection.registration r JOIN projection.catalog_series s ON s.series_id = r.series_id
                LEFT JOIN LATERAL (SELECT d.class_date, d.starts_at FROM projection.catalog_series_class_day d
                                   WHERE d.series_id = r.series_id ORDER BY d.starts_at LIMIT 1) f ON true
                WHERE r.registration_id = ?""", (rs, i) -> {
            String status = rs.getString(4);
            String policy = rs.getString(16);
            LocalDate firstDay = rs.getObject(18, LocalDate.class);
            Instant cutoff = "ACTIVE".equals(status) && firstDay != null ? CancellationCutoff.ofSeat(policy, firstDay,
                    instant(rs.getTimestamp(19)), rs.getObject(17, LocalDate.class), now).orElse(null) : null;
            return new RegistrationView(rs.getString(1), rs.getString(2), rs.getInt(3), status,
                    rs.getBoolean(5), instant(rs.getTimestamp(6)), rs.getLong(7), rs.getLong(8), rs.getLong(9), instant(rs.getTimestamp(10)),
                    rs.getString(11), (Long) nullableLong(rs.getObject(12)), (Long) nullableLong(rs.getObject(13)), rs.getString(14),
                    rs.getString(15), policy, cutoff);
        }, registrationId);
        if (r.isEmpty()) {
            throw new NotFound("There is no registration " + registrationId + ".");
        }
        return r.get(0);
    }

    /**
     * A registration's attendance, evaluations and make-ups per module of its series, in date order (the day the module's
     * hours were earned on; else the make-up day where one is booked; else the module's own class day). Throws NotFound
     * (404 not-found).
     */
    public RegistrationAttendance attendance(String registrationId) {
        List<RegistrationAttendance> head = jdbc.query("SELECT registration_id, series_id, status, ce_option FROM projection.registration WHERE registration_id = ?",
                (rs, i) -> new RegistrationAttendance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), List.of()), registrationId);
        if (head.isEmpty()) {
            throw new NotFound("There is no registration " + registrationId + ".");
        }
        // every day's record of the registration, in date order: those of a module's other day go with the module
        Map<String, List<OtherDayAttendance>> recorded = new java.util.HashMap<>();
        jdbc.query("""
                SELECT a.module_code, a.class_day_id, a.joined_at, a.left_at, a.minutes_present, a.verification, a.corrected, a.segments,
                       a.ce_not_earned_because, a.segments_as_given,\s""" + IN_FULL_COLUMNS + "\n" + """
                FROM projection.registration_attendance a LEFT JOIN projection.catalog_class_day c ON c.class_day_id = a.class_day_id
                WHERE a.registration_id = ? ORDER BY c.class_date, a.class_day_id""", (java.sql.ResultSet rs) -> {
            Instant joined = instant(rs.getTimestamp("joined_at")), left = instant(rs.getTimestamp("left_at"));
            recorded.computeIfAbsent(rs.getString("module_code"), k -> new java.util.ArrayList<>()).add(new OtherDayAttendance(
                    rs.getString("class_day_id"), rs.getBoolean("corrected") ? "CORRECTED" : "RECORDED", joined, left,
                    (Integer) rs.getObject("minutes_present"), rs.getString("verification"), segments(rs.getString("segments"), joined, left),
                    notEarnedBecause(rs.getString("ce_not_earned_because")), segments(rs.getString("segments_as_given"), null, null),
                    inFull(rs)));
        }, registrationId);
        // the day shown: the one the module's hours were earned on, else its make-up day when one is booked, else the series'
        // day (a module is decided over all its days: a fresh reviewer saw hours earned on the series' day shown beside the
        // make-up day's short attendance); a not-earned or withdrawn decision's words come from the day it names when the
        // day shown has none (a make-up booked after it), with that day in decisionClassDayId
        List<ModuleAttendance> modules = jdbc.query("""
                SELECT d.module_code, x.day, x.day <> d.class_day_id AS make_up,
                       a.joined_at, a.left_at, a.minutes_present, a.verification, a.corrected, mo.evaluation_completed, mo.ce_earned,
                       a.segments, a.segments_as_given, mo.ce_withdrawn, coalesce(a.ce_not_earned_because, da.ce_not_earned_because) AS ce_not_earned_because,
                       mo.decided_class_day_id, m.class_day_id AS make_up_day, xd.class_date::text AS day_date,
                       md.class_date::text AS make_up_date,\s""" + IN_FULL_COLUMNS + "\n" + """
                FROM projection.registration r
                JOIN projection.catalog_series_class_day d ON d.series_id = r.series_id
                LEFT JOIN projection.registration_make_up m ON m.registration_id = r.registration_id AND m.module_code = d.module_code
                LEFT JOIN projection.registration_module mo ON mo.registration_id = r.registration_id AND mo.module_code = d.module_code
                CROSS JOIN LATERAL (SELECT\s""" + MODULE_DAY + """
                    AS day) x
                LEFT JOIN projection.registration_attendance a ON a.registration_id = r.registration_id AND a.class_day_id = x.day
                LEFT JOIN projection.registration_attendance da ON da.registration_id = r.registration_id
                     AND da.class_day_id = mo.decided_class_day_id
                LEFT JOIN projection.catalog_class_day xd ON xd.class_day_id = x.day
                LEFT JOIN projection.catalog_class_day md ON md.class_day_id = m.class_day_id
                WHERE r.registration_id = ? ORDER BY d.starts_at""", (rs, i) -> {
            String verification = rs.getString("verification");
            String shown = rs.getString(2);
            return new ModuleAttendance(rs.getString(1), shown, rs.getString("day_date"), rs.getBoolean(3),
                    verification == null ? "NOT_RECORDED" : rs.getBoolean("corrected") ? "CORRECTED" : "RECORDED",
                    instant(rs.getTimestamp("joined_at")), instant(rs.getTimestamp("left_at")), (Integer) rs.getObject("minutes_present"),
                    verification, rs.getBoolean("evaluation_completed"), rs.getBoolean("ce_earned"),
                    verification == null ? List.of() : segments(rs.getString("segments"), instant(rs.getTimestamp("joined_at")), instant(rs.getTimestamp("left_at"))),
                    rs.getBoolean("ce_withdrawn"), notEarnedBecause(rs.getString("ce_not_earned_because")), rs.getString("decided_class_day_id"),
                    rs.getString("make_up_day"), rs.getString("make_up_date"), recorded.getOrDefault(rs.getString(1), List.of()).stream()
                            .filter(d -> !d.classDayId().equals(shown)).toList(), segments(rs.getString("segments_as_given"), null, null),
                    inFull(rs));
        }, registrationId);
        RegistrationAttendance h = head.get(0);
        return new RegistrationAttendance(h.registrationId(), h.seriesId(), h.status(), h.ceOption(), modules);
    }

    /**
     * The day a registration's module is shown on, as SQL over its series' day {@code d} (catalog_series_class_day), its
     * make-up {@code m} (registration_make_up) and its module {@code mo} (registration_module): the day its hours were
     * earned on, else its make-up day when one is booked, else its series' day (a module is decided over all its days).
     * The registration's attendance read and the transcript show the same day.
     */
    public static final String MODULE_DAY = "CASE WHEN mo.ce_earned AND mo.decided_class_day_id IS NOT NULL THEN mo.decided_class_day_id"
            + " ELSE coalesce(m.class_day_id, d.class_day_id) END";

    /** The stored shortfalls ("; "-separated, as the projection joins them), or none. */
    private static List<String> notEarnedBecause(String stored) {
        return stored == null || stored.isBlank() ? List.of() : List.of(stored.split("; "));
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Object nullableLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
