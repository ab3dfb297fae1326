package com.polaris.kat.enrollment.classday;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.support.Fixtures;
import com.polaris.kat.enrollment.support.RefusalMatchers;
import com.polaris.kat.events.catalog.CatalogCommands.MoveClassDay;
import com.polaris.kat.events.attendance.AttendanceEvents.ClassDayMakeUpReleased;
import com.polaris.kat.events.attendance.AttendanceEvents.ClassDayMakeUpTaken;
import com.polaris.kat.events.catalog.CatalogCommands.SetMakeUpPlaces;
import com.polaris.kat.events.catalog.CatalogCommands.UseClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDayMoved;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDayScheduled;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDaySharedWithSeries;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDaySeatsHeld;
import com.polaris.kat.events.catalog.CatalogEvents.MakeUpPlacesSet;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;

class ClassDayTest {

    private static final LocalDate NOV_13 = LocalDate.parse("2023-11-13");
    private static final ClassDayScheduled M4_SCHEDULED_FOR_19 = new ClassDayScheduled("M4-2023-11-13", "M4", NOV_13,
            Instant.parse("2023-11-13T17:00:00Z"), Instant.parse("2023-11-14T01:00:00Z"), "series-19");

    private AggregateTestFixture<ClassDay> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ClassDay.class);
        fixture.registerInjectableResource(Fixtures.clockAt("2023-09-01T00:00:00Z"));
        fixture.registerInjectableResource(Fixtures.SESSIONS);
        fixture.registerInjectableResource((SeriesDates) seriesId -> seriesId.equals("series-20")
                ? java.util.Map.of("M4-2023-11-13", NOV_13, "M5-2023-11-20", LocalDate.parse("2023-11-20")) : java.util.Map.of());
        fixture.registerInjectableResource((ClassDayDates) id -> java.util.Optional.empty());
        // another M4 day runs on 2023-11-27 (moved there from 2023-12-04)
        slots = new Slots(java.util.Map.of("M4@2023-11-27", "M4-2023-12-04"));
        fixture.registerInjectableResource(slots);
        series = new Series(new java.util.TreeSet<>(List.of("series-19", "series-20")));
        makeUps = new MakeUps(new java.util.TreeMap<>(java.util.Map.of("r-ada", "series-7")), series.calls);
        fixture.registerAnnotatedCommandHandler(new ClassDayMoves(fixture.getRepository(), series, makeUps, ids -> series.calls.add("date locks " + ids),
                liveSessions()));
    }

    /** The clinicians' live sessions as a move asks them to follow it; records the call with the series' calls. */
    private com.polaris.kat.enrollment.livesession.LiveSessionHolds liveSessions() {
        return new com.polaris.kat.enrollment.livesession.LiveSessionHolds() {
            @Override
            public void hold(String clinicianId, String registrationId, String seriesId, int seriesNumber,
                             java.util.SortedMap<String, LocalDate> classDays,
                             com.polaris.kat.enrollment.livesession.LiveSessionHolds.Asking asking, java.time.Instant at) {
                throw new AssertionError("a move holds no place");
            }

            @Override
            public void followMove(java.util.SortedSet<String> clinicianIds, String classDayId, LocalDate toDate, String reason,
                                   java.time.Instant at) {
                series.calls.add("live sessions of " + clinicianIds + " follow " + classDayId + " " + toDate + " (" + reason + ")");
            }

            @Override
            public void free(String clinicianId, String registrationId, java.util.Collection<String> classDayIds, String reason,
                             java.time.Instant at) {
                throw new AssertionError("a move frees no place");
            }
        };
    }

    private Slots slots;
    private Series series;
    private MakeUps makeUps;

    /** The registrations holding make-ups on a day as a move finds them; records what the move asks of them with the series' calls. */
    static final class MakeUps implements ClassDayMakeUps {
        final java.util.SortedMap<String, String> holders;
        final List<String> calls;

        MakeUps(java.util.SortedMap<String, String> holders, List<String> calls) {
            this.holders = holders;
            this.calls = calls;
        }

        @Override
        public java.util.SortedMap<String, String> holders(String classDayId) {
            return holders;
        }

        @Override
        public void lock(java.util.SortedSet<String> registrationIds) {
            calls.add("lock registrations " + registrationIds);
        }

        @Override
        public void checkNoMakeUpOn(java.util.SortedMap<String, String> members, ClassDayMoved move) {
            calls.add("no make-up of " + members.keySet() + " on " + move.toDate());
        }

        @Override
        public void follow(ClassDayMoved move, java.util.SortedSet<String> registrationIds) {
            calls.add("make-ups follow " + move.classDayId() + " " + move.toDate() + " " + registrationIds);
        }

        @Override
        public String clinicianOf(String registrationId) {
            return "clin-of-" + registrationId;
        }
    }

    /** The series using a day as a move finds them; records what the move asks of them, in order. */
    static final class Series implements ClassDaySeries {
        final java.util.SortedSet<String> using;
        final List<String> calls = new java.util.ArrayList<>();

        Series(java.util.SortedSet<String> using) {
            this.using = using;
        }

        @Override
        public java.util.SortedSet<String> using(String classDayId) {
            return using;
        }

        @Override
        public void lock(java.util.SortedSet<String> seriesIds) {
            calls.add("lock " + seriesIds);
        }

        @Override
        public java.util.SortedSet<String> activeRegistrations(String seriesId) {
            return new java.util.TreeSet<>(List.of("r-of-" + seriesId));
        }

        @Override
        public java.util.SortedSet<String> activeClinicians(String seriesId) {
            return new java.util.TreeSet<>(List.of("clin-of-" + seriesId));
        }

        @Override
        public void follow(ClassDayMoved move) {
            calls.add("follow " + move.classDayId() + " " + move.toDate() + " " + move.affectedSeriesIds());
        }
    }

    /** The (module, date) slots as a move finds them: which day runs there; records the days moved in. */
    static final class Slots implements ClassDaySlots {
        private final java.util.Map<String, String> running;
        final List<String> movedIn = new java.util.ArrayList<>();

        Slots(java.util.Map<String, String> running) {
            this.running = running;
        }

        private java.util.Optional<String> runningDay(String moduleCode, LocalDate date) {
            return java.util.Optional.ofNullable(running.get(ClassDaySlot.idOf(moduleCode, date)));
        }

        @Override
        public String dayOn(String moduleCode, LocalDate date) {
            throw new AssertionError("a class day's own commands schedule no day");
        }

        @Override
        public void scheduled(String classDayId, String moduleCode, LocalDate date) {
            throw new AssertionError("a class day's own commands schedule no day");
        }

        @Override
        public void movedIn(String classDayId, String moduleCode, java.util.Collection<String> seriesIds, LocalDate from, LocalDate to) {
            runningDay(moduleCode, to).filter(d -> !d.equals(classDayId)).ifPresent(d -> {
                throw ClassDaySlot.moduleTaken(d, classDayId, moduleCode, to);
            });
            movedIn.add(classDayId + " " + seriesIds + " " + from + " " + to);
        }
    }

    /** Found by fresh reviewers: a day moved onto a date where another day of its module ran made two sessions of it. */
    @Test
    void aDayDoesNotMoveOntoADateWhereItsModuleAlreadyRunsAndTakesTheSlotOfTheDateItMovesTo() {
        fixture.given(M4_SCHEDULED_FOR_19)
                .when(new MoveClassDay("M4-2023-11-13", LocalDate.parse("2023-11-27"), "trainer ill"))
                .expectException(RefusalMatchers.refusal("class-day-exists"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("M4-2023-12-04 already runs M4 on 2023-11-27"))
                .expectNoEvents();
        org.assertj.core.api.Assertions.assertThat(slots.movedIn).isEmpty();
        fixture.given(M4_SCHEDULED_FOR_19)
                .when(new MoveClassDay("M4-2023-11-13", LocalDate.parse("2023-12-04"), "its day moved away"))
                .expectSuccessfulHandlerExecution();
        org.assertj.core.api.Assertions.assertThat(slots.movedIn).containsExactly("M4-2023-11-13 [series-19] 2023-11-13 2023-12-04");
    }

    /** A day found through its slot that moved away before the series took its lock is not joined: the command is retried. */
    @Test
    void aSeriesDoesNotJoinADayThatMovedAwayFromTheDateItAsked() {
        fixture.given(M4_SCHEDULED_FOR_19, new ClassDayMoved("M4-2023-11-13", "M4", NOV_13, LocalDate.parse("2023-11-14"),
                        Instant.parse("2023-11-14T17:00:00Z"), Instant.parse("2023-11-15T01:00:00Z"), List.of("series-19"), "trainer ill"))
                .when(new UseClassDay("M4-2023-11-13", "M4", NOV_13, "series-20", 30))
                .expectException(org.axonframework.modelling.command.ConcurrencyException.class)
                .expectNoEvents();
    }

    @Test
    void theFirstSeriesToUseADayCreatesIt() {
        fixture.givenNoPriorActivity()
                .when(new UseClassDay("M4-2023-11-13", "M4", NOV_13, "series-19", 30))
                .expectEvents(M4_SCHEDULED_FOR_19, new ClassDaySeatsHeld("M4-2023-11-13", "series-19", 30));
    }

    @Test
    void aSecondSeriesSharesAnExistingClassDay() {
        fixture.given(M4_SCHEDULED_FOR_19)
                .when(new UseClassDay("M4-2023-11-13", "M4", NOV_13, "series-20", 30))
                .expectEvents(new ClassDaySharedWithSeries("M4-2023-11-13", "series-20"), new ClassDaySeatsHeld("M4-2023-11-13", "series-20", 30));
    }

    /** Found by a fresh reviewer: two 1,000-seat series and 1,000 make-up places had shared one 1,000-person session. */
    @Test
    void aSharedDayHoldsNoMoreThanOneLiveSessionOfSeats() {
        fixture.given(M4_SCHEDULED_FOR_19, new ClassDaySeatsHeld("M4-2023-11-13", "series-19", 600))
                .when(new UseClassDay("M4-2023-11-13", "M4", NOV_13, "series-20", 401))
                .expectException(Refusal.class).expectExceptionMessage(org.hamcrest.Matchers.containsString("1001 participants"))
                .expectNoEvents();
        fixture.given(M4_SCHEDULED_FOR_19, new ClassDaySeatsHeld("M4-2023-11-13", "series-19", 600))
                .when(new UseClassDay("M4-2023-11-13", "M4", NOV_13, "series-20", 400))
                .expectEvents(new ClassDaySharedWithSeries("M4-2023-11-13", "series-20"), new ClassDaySeatsHeld("M4-2023-11-13", "series-20", 400));
    }

    @Test
    void makeUpPlacesCountInTheDaysRoom() {
        fixture.given(M4_SCHEDULED_FOR_19, new ClassDaySeatsHeld("M4-2023-11-13", "series-19", 990))
                .when(new SetMakeUpPlaces("M4-2023-11-13", 11))
                .expectException(Refusal.class).expectExceptionMessage(org.hamcrest.Matchers.containsString("series-19 990 seats, 11 make-up places"))
                .expectNoEvents();
        fixture.given(M4_SCHEDULED_FOR_19, new ClassDaySeatsHeld("M4-2023-11-13", "series-19", 990), new MakeUpPlacesSet("M4-2023-11-13", 0, 10))
                .when(new UseClassDay("M4-2023-11-13", "M4", NOV_13, "series-20", 1))
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void usingADayTwiceForTheSameSeriesIsANoOp() {
        fixture.given(M4_SCHEDULED_FOR_19)
                .when(new UseClassDay("M4-2023-11-13", "M4", NOV_13, "series-19", 30))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void movingASharedClassDayNamesEverySeriesItAffects() {
        fixture.given(M4_SCHEDULED_FOR_19, new ClassDaySharedWithSeries("M4-2023-11-13", "series-20"))
                .when(new MoveClassDay("M4-2023-11-13", LocalDate.parse("2023-11-15"), "trainer ill"))
                .expectEvents(new ClassDayMoved("M4-2023-11-13", "M4", NOV_13, LocalDate.parse("2023-11-15"),
                        Instant.parse("2023-11-15T17:00:00Z"), Instant.parse("2023-11-16T01:00:00Z"),
                        List.of("series-19", "series-20"), "trainer ill"));
    }

    /**
     * Every series using the day is locked before the day and follows the move in the same unit of work (a fresh
     * reviewer's cancellations sent with a move had been decided on the old cutoff while the series followed later).
     */
    @Test
    void theSeriesUsingADayAreLockedFirstAndFollowItsMoveInTheSameUnitOfWork() {
        fixture.given(M4_SCHEDULED_FOR_19, new ClassDaySharedWithSeries("M4-2023-11-13", "series-20"))
                .when(new MoveClassDay("M4-2023-11-13", LocalDate.parse("2023-11-15"), "trainer ill"))
                .expectSuccessfulHandlerExecution();
        org.assertj.core.api.Assertions.assertThat(series.calls).containsExactly("date locks [series-19, series-20, series-7]", "lock registrations [r-ada]", "lock [series-19, series-20, series-7]",
                "no make-up of [r-of-series-19, r-of-series-20] on 2023-11-15", "follow M4-2023-11-13 2023-11-15 [series-19, series-20]",
                "make-ups follow M4-2023-11-13 2023-11-15 []",
                // last: each clinician holding a place on the day records its new date (one live day at a time)
                "live sessions of [clin-of-series-19, clin-of-series-20] follow M4-2023-11-13 2023-11-15 (trainer ill)");
    }

    /**
     * The registrations holding make-ups on the day are locked first (the lock order: registration, series, class day),
     * their own series with the series using the day, and their make-ups follow the move in its unit of work; a make-up booked after they were read fails the move with a
     * conflict, retried (a fresh reviewer's make-up had kept the day's old date).
     */
    @Test
    void theMakeUpsOnADayFollowItsMoveAndOneBookedMeanwhileIsAConflict() {
        fixture.given(M4_SCHEDULED_FOR_19, new ClassDayMakeUpTaken("M4-2023-11-13", "series-7", "r-ada", 1))
                .when(new MoveClassDay("M4-2023-11-13", LocalDate.parse("2023-11-15"), "trainer ill"))
                .expectSuccessfulHandlerExecution();
        org.assertj.core.api.Assertions.assertThat(series.calls).containsExactly("date locks [series-19, series-20, series-7]", "lock registrations [r-ada]", "lock [series-19, series-20, series-7]",
                "no make-up of [r-of-series-19] on 2023-11-15", "follow M4-2023-11-13 2023-11-15 [series-19]",
                "make-ups follow M4-2023-11-13 2023-11-15 [r-ada]", "live sessions of [clin-of-r-ada, clin-of-series-19] follow M4-2023-11-13 2023-11-15 (trainer ill)");
        fixture.given(M4_SCHEDULED_FOR_19, new ClassDayMakeUpTaken("M4-2023-11-13", "series-7", "r-ada", 1),
                        new ClassDayMakeUpTaken("M4-2023-11-13", "series-8", "r-bo", 0))
                .when(new MoveClassDay("M4-2023-11-13", LocalDate.parse("2023-11-15"), "trainer ill"))
                .expectException(org.axonframework.modelling.command.ConcurrencyException.class)
                .expectNoEvents();
    }

    /** A series that joined the day after its users were read (so not locked) fails the move with a conflict: retried. */
    @Test
    void aSeriesThatJoinedTheDayUnlockedMakesTheMoveRetry() {
        series.using.remove("series-20");
        fixture.given(M4_SCHEDULED_FOR_19, new ClassDaySharedWithSeries("M4-2023-11-13", "series-20"))
                .when(new MoveClassDay("M4-2023-11-13", LocalDate.parse("2023-11-15"), "trainer ill"))
                .expectException(org.axonframework.modelling.command.ConcurrencyException.class).expectNoEvents();
        org.assertj.core.api.Assertions.assertThat(series.calls).containsExactly("date locks [series-19, series-7]", "lock registrations [r-ada]", "lock [series-19, series-7]");
    }

    @Test
    void aRepeatedMoveChangesNothing() {
        fixture.given(M4_SCHEDULED_FOR_19)
                .when(new MoveClassDay("M4-2023-11-13", NOV_13, "trainer ill"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        org.assertj.core.api.Assertions.assertThat(series.calls).containsExactly("date locks [series-19, series-20, series-7]", "lock registrations [r-ada]", "lock [series-19, series-20, series-7]");
    }

    @Test
    void aDayCannotMoveOntoADateWhereASeriesUsingItRunsAnotherModule() {
        fixture.given(M4_SCHEDULED_FOR_19, new ClassDaySharedWithSeries("M4-2023-11-13", "series-20"))
                .when(new MoveClassDay("M4-2023-11-13", LocalDate.parse("2023-11-20"), "trainer ill"))
                .expectException(Refusal.class).expectExceptionMessage(org.hamcrest.Matchers.containsString("Series 20 already runs M5-2023-11-20"))
                .expectNoEvents();
    }

    @Test
    void aClassDayCannotMoveIntoThePast() {
        fixture.given(M4_SCHEDULED_FOR_19)
                .when(new MoveClassDay("M4-2023-11-13", LocalDate.parse("2023-08-30"), "oops"))
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void aClassDayThatHasStartedCannotMove() {
        fixture = new AggregateTestFixture<>(ClassDay.class);
        fixture.registerInjectableResource(Fixtures.clockAt("2023-11-13T17:00:00Z"));
        fixture.registerInjectableResource((SeriesDates) seriesId -> java.util.Map.of());
        fixture.registerInjectableResource((ClassDayDates) id -> java.util.Optional.empty());
        fixture.registerInjectableResource(new Slots(java.util.Map.of()));
        fixture.registerAnnotatedCommandHandler(new ClassDayMoves(fixture.getRepository(), series, makeUps, ids -> series.calls.add("date locks " + ids),
                liveSessions()));
        fixture.given(M4_SCHEDULED_FOR_19)
                .when(new MoveClassDay("M4-2023-11-13", LocalDate.parse("2023-11-20"), "late change"))
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void aMoveNeedsAReason() {
        fixture.given(M4_SCHEDULED_FOR_19)
                .when(new MoveClassDay("M4-2023-11-13", LocalDate.parse("2023-11-20"), ""))
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void makeUpPlacesAreSetAndNeverNegative() {
        fixture.given(M4_SCHEDULED_FOR_19)
                .when(new SetMakeUpPlaces("M4-2023-11-13", 3))
                .expectEvents(new MakeUpPlacesSet("M4-2023-11-13", 0, 3));
        fixture.given(M4_SCHEDULED_FOR_19)
                .when(new SetMakeUpPlaces("M4-2023-11-13", -1))
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void makeUpPlacesCannotBeLoweredBelowThePlacesHeldAndAFreedPlaceCountsAgain() {
        fixture.given(M4_SCHEDULED_FOR_19, new MakeUpPlacesSet("M4-2023-11-13", 0, 2),
                        new ClassDayMakeUpTaken("M4-2023-11-13", "series-14", "r1", 2),
                        new ClassDayMakeUpTaken("M4-2023-11-13", "series-14", "r2", 1))
                .when(new SetMakeUpPlaces("M4-2023-11-13", 1))
                .expectException(RefusalMatchers.refusal("make-up-places-held")).expectNoEvents();
        fixture.given(M4_SCHEDULED_FOR_19, new MakeUpPlacesSet("M4-2023-11-13", 0, 2),
                        new ClassDayMakeUpTaken("M4-2023-11-13", "series-14", "r1", 2),
                        new ClassDayMakeUpTaken("M4-2023-11-13", "series-14", "r2", 1),
                        new ClassDayMakeUpReleased("M4-2023-11-13", "r1", "registration cancelled", 1))
                .when(new SetMakeUpPlaces("M4-2023-11-13", 1))
                .expectEvents(new MakeUpPlacesSet("M4-2023-11-13", 2, 1));
    }

    private static final org.hamcrest.Matcher<Refusal> INVALID_DATE = RefusalMatchers.refusal("invalid-date");

    @Test
    void aClassDayMovesUpToTheLastDayOf2100AndNoFurther() {
        fixture.given(M4_SCHEDULED_FOR_19)
                .when(new MoveClassDay("M4-2023-11-13", LocalDate.parse("2101-01-01"), "typo"))
                .expectException(INVALID_DATE).expectNoEvents();
        fixture.given(M4_SCHEDULED_FOR_19)
                .when(new MoveClassDay("M4-2023-11-13", LocalDate.parse("+300000-01-01"), "typo"))
                .expectException(INVALID_DATE).expectNoEvents();
        fixture.given(M4_SCHEDULED_FOR_19)
                .when(new MoveClassDay("M4-2023-11-13", LocalDate.parse("2100-12-31"), "far ahead"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aClassDayBefore2000IsNeverCreated() {
        fixture.givenNoPriorActivity()
                .when(new UseClassDay("M4-1999-12-31", "M4", LocalDate.parse("1999-12-31"), "series-19", 30))
                .expectException(INVALID_DATE).expectNoEvents();
        setUp();
        fixture.givenNoPriorActivity()
                .when(new UseClassDay("M4-2000-01-01", "M4", LocalDate.parse("2000-01-01"), "series-19", 30))
                .expectSuccessfulHandlerExecution();
    }

    private static com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportImported imported(java.util.List<Long> unmatchedLines) {
        return new com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportImported("M4-2023-11-13", "a".repeat(64),
                "America/Los_Angeles", 9, 6, 0, 0, unmatchedLines == null ? 2 : unmatchedLines.size(), unmatchedLines, false, null);
    }

    private static com.polaris.kat.events.attendance.AttendanceCommands.IgnoreParticipantReportRows ignore(Long... lines) {
        return new com.polaris.kat.events.attendance.AttendanceCommands.IgnoreParticipantReportRows("M4-2023-11-13", "a".repeat(64),
                java.util.List.of(lines), "the host's assistant");
    }

    @Test
    void onlyRowsTheImportLeftUnmatchedCanBeSetAsideAndARepeatAppendsNothing() {
        fixture.given(M4_SCHEDULED_FOR_19, imported(java.util.List.of(8L, 9L)))
                .when(ignore(3L, 9L))
                .expectException(com.polaris.kat.enrollment.rules.Refusal.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("Line 3 is not among the lines the report's import left unmatched"
                        + " (unmatched and not yet set aside: 8, 9)"))
                .expectNoEvents();
        fixture.given(M4_SCHEDULED_FOR_19, imported(java.util.List.of(8L, 9L)))
                .when(ignore(9L, 9L))
                .expectEvents(new com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportRowsIgnored("M4-2023-11-13",
                        "a".repeat(64), java.util.List.of(9L), "the host's assistant"));
        fixture.given(M4_SCHEDULED_FOR_19, imported(java.util.List.of(8L, 9L)),
                        new com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportRowsIgnored("M4-2023-11-13", "a".repeat(64),
                                java.util.List.of(9L), "the host's assistant"))
                .when(ignore(9L))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aFileImportedAgainKeepsTheLinesSetAsideOutOfThoseStillOpen() {
        // the same file added back as another meeting of the day (event revision 3) leaves unmatched the lines it did before
        com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportImported addedBack =
                new com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportImported("M4-2023-11-13", "a".repeat(64),
                        "America/Los_Angeles", 9, 0, 6, 0, 2, java.util.List.of(8L, 9L), true, 0);
        fixture.given(M4_SCHEDULED_FOR_19, imported(java.util.List.of(8L, 9L)),
                        new com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportRowsIgnored("M4-2023-11-13", "a".repeat(64),
                                java.util.List.of(9L), "the host's assistant"), addedBack)
                .when(ignore(3L))
                .expectException(com.polaris.kat.enrollment.rules.Refusal.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("(unmatched and not yet set aside: 8)"))
                .expectNoEvents();
    }

    @Test
    void aReportImportedBeforeItsUnmatchedLinesWereRecordedTakesAnyLine() {
        fixture.given(M4_SCHEDULED_FOR_19, imported(null))
                .when(ignore(3L))
                .expectEvents(new com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportRowsIgnored("M4-2023-11-13",
                        "a".repeat(64), java.util.List.of(3L), "the host's assistant"));
    }

    @Test
    void aRefusalNamesLinesAsRunsAndAFewThousandStayOneShortSentence() {
        assertThat(ClassDay.numbers(java.util.List.of(5L))).isEqualTo("5");
        assertThat(ClassDay.numbers(java.util.List.of(5L, 8L, 9L, 11L, 12L, 13L, 14L))).isEqualTo("5, 8, 9, 11 to 14");
        java.util.List<Long> many = java.util.stream.LongStream.rangeClosed(1, 5000).filter(l -> l % 7 != 0).boxed().toList();
        String named = ClassDay.numbers(many);
        assertThat(named).startsWith("1 to 6, 8 to 13, 15 to 20,").endsWith(", and 4,166 more lines").hasSizeLessThan(300);
        fixture.given(M4_SCHEDULED_FOR_19, imported(java.util.List.of(8L)))
                .when(new com.polaris.kat.events.attendance.AttendanceCommands.IgnoreParticipantReportRows("M4-2023-11-13", "a".repeat(64),
                        java.util.stream.LongStream.rangeClosed(1, 5000).boxed().toList(), "the host's assistant"))
                .expectException(com.polaris.kat.enrollment.rules.Refusal.class)
                .expectExceptionMessage("Lines 1 to 7, 9 to 5000 are not among the lines the report's import left unmatched (unmatched and not yet"
                        + " set aside: 8); a matched row is attendance, corrected on the registration with a reason.")
                .expectNoEvents();
    }
}
