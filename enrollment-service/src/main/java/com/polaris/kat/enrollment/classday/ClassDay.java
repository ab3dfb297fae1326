package com.polaris.kat.enrollment.classday;

import com.polaris.kat.enrollment.rules.ClassDayBounds;
import com.polaris.kat.enrollment.rules.LiveSessionSize;
import com.polaris.kat.enrollment.rules.ReadableStreamAggregate;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.rules.ReportReadings;
import com.polaris.kat.events.attendance.AttendanceEvents.ClassDayMakeUpReleased;
import com.polaris.kat.events.attendance.AttendanceEvents.ClassDayMakeUpTaken;
import com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportImported;
import com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportRowsIgnored;
import com.polaris.kat.events.attendance.AttendanceCommands.IgnoreParticipantReportRows;
import com.polaris.kat.events.catalog.CatalogCommands.MoveClassDay;
import com.polaris.kat.events.catalog.CatalogCommands.SetMakeUpPlaces;
import com.polaris.kat.events.catalog.CatalogCommands.UseClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDayMoved;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDayScheduled;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDaySharedWithSeries;
import com.polaris.kat.events.catalog.CatalogEvents.MakeUpPlacesSet;
import com.polaris.kat.events.time.ProgramTime;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One live online day teaching one module, possibly hosting several series, plus the make-up
 * places the registrar allows on it.
 */
@Aggregate(cache = "classDayCache")
public class ClassDay extends ReadableStreamAggregate {

    @AggregateIdentifier
    private String classDayId;
    private String moduleCode;
    private LocalDate date;
    private final Set<String> seriesIds = new LinkedHashSet<>();
    /** Seats each series holds on the day (its capacity); a series scheduled before seats were recorded counts 0. */
    private final java.util.Map<String, Integer> seatsBySeries = new java.util.TreeMap<>();
    private int makeUpPlaces;
    private final Set<String> makeUps = new LinkedHashSet<>();
    /**
     * Each participant report imported (SHA-256) and the time zone of its latest import on this day: the same file read in
     * another zone is another import.
     */
    private final java.util.Map<String, String> latestReadingIn = new java.util.HashMap<>();
    /** The participant reports (SHA-256) imported on this day as another meeting of the day ({@code addedToRecorded}) at least once. */
    private final Set<String> importedAsAnotherMeeting = new java.util.HashSet<>();
    /** Per imported report (SHA-256): the lines left unmatched and not yet set aside; absent for a revision-1 import (not recorded). */
    private final java.util.Map<String, java.util.SortedSet<Long>> unmatchedLines = new java.util.HashMap<>();
    /** Per report (SHA-256): the lines set aside, each with the reason it was first set aside with. */
    private final java.util.Map<String, java.util.Map<Long, String>> ignoredLines = new java.util.HashMap<>();

    protected ClassDay() {
    }

    /**
     * The first series to list a (module, date) creates the day; later ones share it, each holding its seats on it
     * (the day is found through its slot, classday/ClassDaySlots). Repeats are no-ops. A day that moved away from the
     * date since it was found fails the command with Axon's {@code ConcurrencyException}, which is retried.
     *
     * @throws Refusal class-day-module-mismatch (409); invalid-date (422); invalid-capacity (422, field capacity) when the
     *                 day's room (every series' seats and the make-up places) would exceed one live session ({@link LiveSessionSize})
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(UseClassDay cmd, LiveSessionSize sessions) {
        ClassDayBounds.checkCatalogDate(cmd.date(), "Class day " + cmd.classDayId() + "'s date", null);
        if (classDayId == null) {
            apply(new ClassDayScheduled(cmd.classDayId(), cmd.moduleCode(), cmd.date(),
                    ProgramTime.startOf(cmd.date()), ProgramTime.endOf(cmd.date()), cmd.seriesId()));
            holdSeats(cmd.seriesId(), cmd.seats(), sessions);
        } else if (!seriesIds.contains(cmd.seriesId())) {
            if (!moduleCode.equals(cmd.moduleCode())) {
                throw Refusal.conflict("class-day-module-mismatch", "Class day " + classDayId + " teaches " + moduleCode + ", not " + cmd.moduleCode() + ".");
            }
            if (!date.equals(cmd.date())) {
                // found through its slot (ClassDaySlots) just before it moved away: retried, the slot is then free
                throw new org.axonframework.modelling.command.ConcurrencyException("class day " + classDayId + " moved to " + date
                        + " while a series was joining it on " + cmd.date() + "; retried");
            }
            checkRoom(cmd.seriesId(), cmd.seats(), sessions);
            apply(new ClassDaySharedWithSeries(classDayId, cmd.seriesId()));
            holdSeats(cmd.seriesId(), cmd.seats(), sessions);
        }
    }

    /**
     * A series using the day changes the seats it holds (its capacity changed), in the series' unit of work.
     *
     * @throws Refusal invalid-capacity (422, field capacity) when the day's room would exceed one live session
     */
    public void holdSeats(String seriesId, int seats, LiveSessionSize sessions) {
        if (!seriesIds.contains(seriesId) || seatsBySeries.getOrDefault(seriesId, 0) == seats) {
            return;
        }
        checkRoom(seriesId, seats, sessions);
        apply(new com.polaris.kat.events.catalog.CatalogEvents.ClassDaySeatsHeld(classDayId, seriesId, seats));
    }

    private void checkRoom(String seriesId, int seats, LiveSessionSize sessions) {
        java.util.Map<String, Integer> after = new java.util.TreeMap<>(seatsBySeries);
        after.put(seriesId, seats);
        sessions.checkClassDayRoom(classDayId, after, makeUpPlaces, "invalid-capacity", "capacity");
    }

    /**
     * Moves the day, in the unit of work of {@link ClassDayMoves}, which has already locked every series using the day and
     * then has each of them follow the returned move in the same transaction.
     *
     * @return the move applied ({@code ClassDayMoved}, naming every series using the day); empty when the day already runs
     *         on the new date (a repeat)
     * @throws Refusal reason-required, class-day-in-past, invalid-date, duplicate-date (422: a series using the day already
     *                 runs another module on the new date: read from each other day's stream, and, for a day moved there,
     *                 from the series' slot of that date, which also orders two such moves made at once); class-day-started, class-day-exists (409: another day runs the same module
     *                 on the new date, as its (module, date) slot records, classday/ClassDaySlots)
     */
    public java.util.Optional<ClassDayMoved> move(MoveClassDay cmd, Clock clock, SeriesDates seriesDates, ClassDayDates classDayDates, ClassDaySlots slots) {
        ClassDayBounds.checkCatalogDate(cmd.newDate(), "Class day " + classDayId + "'s new date", "newDate");
        if (com.polaris.kat.security.strict.InvisibleCharacters.blank(cmd.reason())) {
            throw Refusal.invalidField("reason-required", "reason", "Say why the class day moves; participants and auditors will read it.");
        }
        Instant now = clock.instant();
        if (!ProgramTime.startOf(date).isAfter(now)) {
            throw Refusal.conflict("class-day-started", "Class day " + classDayId + " (" + date + ") has already started and cannot be moved.");
        }
        if (!ProgramTime.startOf(cmd.newDate()).isAfter(now)) {
            throw Refusal.invalidField("class-day-in-past", "newDate", "A class day can only move to a future date; " + cmd.newDate() + " has begun.");
        }
        if (cmd.newDate().equals(date)) {
            return java.util.Optional.empty();
        }
        for (String seriesId : seriesIds) {
            seriesDates.of(seriesId).forEach((otherDay, listedDate) -> {
                if (otherDay.equals(classDayId)) {
                    return;
                }
                // the other day's own stream and the series' have its moves (one transaction); the series' lock orders them
                LocalDate otherDate = classDayDates.currentDate(otherDay).orElse(listedDate);
                if (otherDate.equals(cmd.newDate())) {
                    throw Refusal.invalidField("duplicate-date", "newDate", com.polaris.kat.events.catalog.SeriesIds.named(seriesId) + " already runs " + otherDay + " on " + cmd.newDate()
                            + "; a class day runs one module, 09:00-17:00 Pacific. Choose another date.");
                }
            });
        }
        slots.movedIn(classDayId, moduleCode, seriesIds, date, cmd.newDate());
        ClassDayMoved moved = new ClassDayMoved(classDayId, moduleCode, date, cmd.newDate(), ProgramTime.startOf(cmd.newDate()),
                ProgramTime.endOf(cmd.newDate()), List.copyOf(seriesIds), cmd.reason());
        apply(moved);
        return java.util.Optional.of(moved);
    }

    /**
     * Sets the make-up places the registrar allows on the day, until it starts (a make-up is booked only
     * before the day starts, so later the number can no longer matter).
     *
     * @throws Refusal invalid-make-up-places (422, field places: below 0 or above rules/LiveSessionSize, or the day's room,
     *                 its series' seats and these places, above one live session);
     *                 class-day-started (409); make-up-places-held (409) below the places already held
     */
    @CommandHandler
    public void handle(SetMakeUpPlaces cmd, Clock clock, LiveSessionSize sessions) {
        sessions.checkMakeUpPlaces(cmd.places());
        if (!ProgramTime.startOf(date).isAfter(clock.instant())) {
            throw Refusal.conflict("class-day-started", "Class day " + classDayId + " (" + date + ") has already started; make-ups are booked only"
                    + " before a day starts, so its make-up places can no longer change.");
        }
        if (cmd.places() < makeUps.size()) {
            throw Refusal.conflict("make-up-places-held", "Class day " + classDayId + " has " + makeUps.size()
                    + (makeUps.size() == 1 ? " make-up place" : " make-up places") + " held; it cannot allow fewer than that ("
                    + cmd.places() + " asked).");
        }
        if (cmd.places() != makeUpPlaces) {
            sessions.checkClassDayRoom(classDayId, seatsBySeries, cmd.places(), "invalid-make-up-places", "places");
            apply(new MakeUpPlacesSet(classDayId, makeUpPlaces, cmd.places()));
        }
    }

    public List<String> seriesIds() {
        return new ArrayList<>(seriesIds);
    }

    public String moduleCode() {
        return moduleCode;
    }

    public LocalDate date() {
        return date;
    }

    /**
     * Takes a make-up place. The day's room (product rule) is the seats of the series that use it
     * plus the make-up places allowed; each series sells its own seats for all of its days, so a
     * make-up takes one of the make-up places, never a seat a series has not sold yet: registrations
     * and make-ups together then never exceed the room (issue 14: a make-up on an unsold seat let a
     * later registration overbook a shared day).
     *
     * @param now the request instant (UTC)
     * @throws Refusal class-day-started, class-day-full (409)
     */
    public void takeMakeUpPlace(String seriesId, String registrationId, Instant now) {
        if (!ProgramTime.startOf(date).isAfter(now)) {
            throw Refusal.conflict("class-day-started", "Class day " + classDayId + " (" + date + ") has already started; choose a later day.");
        }
        if (makeUps.contains(registrationId)) {
            return;
        }
        int room = makeUpPlacesLeft();
        if (room <= 0) {
            throw Refusal.conflict("class-day-full", "Class day " + classDayId + " has no make-up place left (" + makeUpPlaces
                    + " allowed, " + makeUps.size() + " held); choose another day.");
        }
        apply(new ClassDayMakeUpTaken(classDayId, seriesId, registrationId, room));
    }

    /**
     * Frees the registration's make-up place, if it holds one (see classday/ClassDayPlaces).
     *
     * @param reason why, as the audit trail shows it
     */
    public void releaseMakeUpPlace(String registrationId, String reason) {
        if (makeUps.contains(registrationId)) {
            apply(new ClassDayMakeUpReleased(classDayId, registrationId, reason, makeUps.size() - 1));
        }
    }

    /** The most numbers and runs of lines a refusal names before "and N more lines": a few thousand lines stay one short sentence. */
    static final int MOST_LINE_RUNS_NAMED = 20;

    /**
     * Line numbers as people write them, three or more consecutive ones as a run: "5, 8, 9, 11 to 14"; past
     * {@link #MOST_LINE_RUNS_NAMED} numbers and runs, "..., and 4,980 more lines", so a refusal over a 5,000-line request stays one short sentence.
     *
     * @param lines line numbers, ascending, each once
     */
    static String numbers(java.util.Collection<Long> lines) {
        List<long[]> runs = new ArrayList<>();
        for (long line : lines) {
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && line == last[1] + 1) {
                last[1] = line;
            } else {
                runs.add(new long[]{line, line});
            }
        }
        List<String> named = new ArrayList<>();
        long rest = lines.size();
        for (long[] run : runs) {
            if (named.size() >= MOST_LINE_RUNS_NAMED) {
                break;
            }
            if (run[1] - run[0] >= 2) {
                named.add(run[0] + " to " + run[1]);
                rest -= run[1] - run[0] + 1;
                continue;
            }
            for (long line = run[0]; line <= run[1] && named.size() < MOST_LINE_RUNS_NAMED; line++) {
                named.add(String.valueOf(line));
                rest--;
            }
        }
        return String.join(", ", named)
                + (rest == 0 ? "" : ", and " + String.format(java.util.Locale.US, "%,d", rest) + " more line" + (rest == 1 ? "" : "s"));
    }

    /** The registrations holding a make-up place on this day. */
    public Set<String> makeUpRegistrationIds() {
        return Set.copyOf(makeUps);
    }

    /**
     * Records that a participant report (by its SHA-256, read in a time zone) was imported for this day, with its
     * counts only (no names or e-mail addresses: guests' rows are personal data this service does not keep). Whether the
     * import was a repeat is decided per registration (the readings its attendance came from, registration/ModuleAttendance);
     * the desk records an import only when it changed someone's attendance or the file is new on the day.
     */
    public void recordReportImported(ParticipantReportImported imported) {
        apply(imported);
    }

    /** The lines of the report with this SHA-256 set aside on this day, each with the reason it was first set aside with. */
    public java.util.Map<Long, String> linesSetAside(String sha256) {
        return java.util.Map.copyOf(ignoredLines.getOrDefault(sha256, java.util.Map.of()));
    }

    /**
     * Whether the participant report with this SHA-256 was imported on this day as another meeting of the day (the box ticked)
     * at least once: its times are another meeting's, so an import that replaces them says so (a fresh reviewer's afternoon
     * report, imported first with the box, was dropped by the morning's imported without it, with no word).
     */
    public boolean importedAsAnotherMeeting(String sha256) {
        return importedAsAnotherMeeting.contains(sha256);
    }

    /** Whether a participant report with this SHA-256 was imported for this day (in any time zone). */
    public boolean reportFileImported(String sha256) {
        return latestReadingIn.containsKey(sha256);
    }

    /**
     * Whether the latest import of the participant report with this SHA-256 on this day read its times in this time zone (an
     * IANA id) or in another name of the same local time around the day ({@link ReportReadings#readAlike}: US/Pacific or PST8PDT for
     * America/Los_Angeles): a file is added as another meeting of the day only in the zone it was last read in, since one
     * file is one meeting (a fresh reviewer's file read right, then wrong, then added in the right zone mixed both readings
     * and gave CE hours not earned; before that, a wrong-zone reading added beside the right one filled an hour missed).
     */
    public boolean lastReadIn(String sha256, String timeZone) {
        String latest = latestReadingIn.get(sha256);
        return latest != null && (latest.equals(timeZone) || ReportReadings.readAlike(latest, timeZone, date));
    }

    /**
     * Sets rows of an imported participant report aside with a reason. Only the lines the import left
     * unmatched may be set aside (a matched row is someone's attendance, corrected with a reason on
     * their registration instead); a line named twice counts once, lines already set aside are left out
     * (their first reason stands), and a request that sets nothing new aside appends nothing (a repeat). For a report imported under revision 1 of
     * {@code ParticipantReportImported}, whose unmatched lines were not recorded, any line is taken.
     *
     * @throws Refusal participant-report-not-found (404) when no report with that SHA-256 was imported for the day;
     *                 reason-required, invalid-lines (422); lines-not-unmatched (422) naming the lines that were matched or not in the report
     */
    @CommandHandler
    public com.polaris.kat.events.attendance.RowsSetAside handle(IgnoreParticipantReportRows cmd) {
        if (!reportFileImported(cmd.sourceFileSha256())) {
            throw Refusal.notFound("participant-report-not-found", "No participant report with SHA-256 " + cmd.sourceFileSha256()
                    + " was imported for class day " + classDayId + ".");
        }
        if (com.polaris.kat.security.strict.InvisibleCharacters.blank(cmd.reason())) {
            throw Refusal.invalidField("reason-required", "reason", "Say why the rows are set aside (e.g. the host's assistant, not a participant).");
        }
        if (cmd.lines().isEmpty() || cmd.lines().stream().anyMatch(l -> l == null || l < 1)) {
            throw Refusal.invalidField("invalid-lines", "lines", "Name the report's lines to set aside: line numbers of 1 or more, as the import answered them.");
        }
        java.util.SortedSet<Long> open = unmatchedLines.get(cmd.sourceFileSha256());
        java.util.Map<Long, String> ignored = ignoredLines.getOrDefault(cmd.sourceFileSha256(), java.util.Map.of());
        java.util.SortedSet<Long> asked = new java.util.TreeSet<>(cmd.lines());
        if (open != null) {
            List<Long> notUnmatched = asked.stream().filter(l -> !open.contains(l) && !ignored.containsKey(l)).toList();
            if (!notUnmatched.isEmpty()) {
                // "not among", not "was not left unmatched": the line may not be in the report at all (a fresh reviewer's line 400 of 15)
                throw Refusal.invalidField("lines-not-unmatched", "lines", (notUnmatched.size() == 1 ? "Line " : "Lines ") + numbers(notUnmatched)
                        + (notUnmatched.size() == 1 ? " is" : " are") + " not among the lines the report's import left unmatched (unmatched and not yet"
                        + " set aside: " + (open.isEmpty() ? "none" : numbers(open)) + "); a matched row is attendance, corrected on the registration with a reason.");
            }
        }
        List<com.polaris.kat.events.attendance.RowsSetAside.Earlier> before = asked.stream().filter(ignored::containsKey)
                .map(l -> new com.polaris.kat.events.attendance.RowsSetAside.Earlier(l, ignored.get(l))).toList();
        asked.removeAll(ignored.keySet());
        if (!asked.isEmpty()) {
            apply(new ParticipantReportRowsIgnored(classDayId, cmd.sourceFileSha256(), List.copyOf(asked), cmd.reason()));
        }
        return new com.polaris.kat.events.attendance.RowsSetAside(List.copyOf(asked), before);
    }

    @EventSourcingHandler
    void on(ParticipantReportImported e) {
        latestReadingIn.put(e.sourceFileSha256(), e.timeZone());
        if (Boolean.TRUE.equals(e.addedToRecorded())) {
            importedAsAnotherMeeting.add(e.sourceFileSha256());
        }
        if (e.unmatchedLines() != null) {
            // a file imported again (another zone, or added back) leaves unmatched the lines it did before: those set aside stay so
            java.util.SortedSet<Long> open = new java.util.TreeSet<>(e.unmatchedLines());
            open.removeAll(ignoredLines.getOrDefault(e.sourceFileSha256(), java.util.Map.of()).keySet());
            unmatchedLines.put(e.sourceFileSha256(), open);
        }
    }

    @EventSourcingHandler
    void on(ParticipantReportRowsIgnored e) {
        java.util.Map<Long, String> reasons = ignoredLines.computeIfAbsent(e.sourceFileSha256(), k -> new java.util.HashMap<>());
        e.lines().forEach(l -> reasons.putIfAbsent(l, e.reason()));
        java.util.SortedSet<Long> open = unmatchedLines.get(e.sourceFileSha256());
        if (open != null) {
            open.removeAll(e.lines());
        }
    }

    /** Make-up places allowed less those held; never below 0. */
    public int makeUpPlacesLeft() {
        return Math.max(0, makeUpPlaces - makeUps.size());
    }

    @EventSourcingHandler
    void on(ClassDayMakeUpTaken e) {
        makeUps.add(e.registrationId());
    }

    @EventSourcingHandler
    void on(ClassDayMakeUpReleased e) {
        makeUps.remove(e.registrationId());
    }

    @EventSourcingHandler
    void on(ClassDayScheduled e) {
        classDayId = e.classDayId();
        moduleCode = e.moduleCode();
        date = e.date();
        seriesIds.add(e.firstSeriesId());
    }

    @EventSourcingHandler
    void on(ClassDaySharedWithSeries e) {
        seriesIds.add(e.seriesId());
    }

    @EventSourcingHandler
    void on(ClassDayMoved e) {
        date = e.toDate();
    }

    @EventSourcingHandler
    void on(com.polaris.kat.events.catalog.CatalogEvents.ClassDaySeatsHeld e) {
        seatsBySeries.put(e.seriesId(), e.seats());
    }

    @EventSourcingHandler
    void on(MakeUpPlacesSet e) {
        makeUpPlaces = e.toPlaces();
    }
}
