package com.polaris.kat.events.catalog;

import org.axonframework.serialization.Revision;

import com.polaris.kat.events.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Facts about the catalog. Each carries what a reader needs years later without other events. */
public final class CatalogEvents {
    private CatalogEvents() {
    }

    /**
     * Module stream ({@code moduleCode}, e.g. "M4"): a module of the program is defined with its title and approved CE
     * hours (decimal hours, more than 0, at most 8, two decimals at most; product rules, "The program and its catalog").
     * Series scheduled later copy the title and hours into their class days.
     */
    @Revision("1")
    public record ModuleDefined(String moduleCode, String title, BigDecimal ceHours) {
    }

    /**
     * Module stream: compliance approved other CE hours for the module ({@code fromHours} to {@code toHours}, decimal
     * hours) and why, from {@code effectiveFrom} (UTC instant, when the change was recorded; since 2026-12-06 always after the
     * module's previous change, by a microsecond when the clock had not passed it, before that never before it). A class day of the module earns the hours approved when it starts: every day starting after
     * {@code effectiveFrom} (in any series, already scheduled or not, and as a make-up) earns {@code toHours}, every day that
     * had started by then keeps the hours approved before (product rules, "The program and its catalog": compliance may
     * approve fewer; a CE decision names the hours it granted). {@code effectiveFrom} null: a change of revision 1 (before
     * 2026-12-06), which applied to series scheduled after it only, so it is in their {@link SeriesScheduled} hours and
     * reaches no day of a series scheduled before it ({@code ModuleCeHoursChangedEffectiveFrom}).
     */
    @Revision("2")
    public record ModuleCeHoursChanged(String moduleCode, BigDecimal fromHours, BigDecimal toHours,
                                       String reason, Instant effectiveFrom) {
    }

    /**
     * A class day as a series lists it: the module, its title, and the hours approved for the module when the series was
     * scheduled ({@code ceHours}; a day earns the hours approved when it starts, which a later {@link ModuleCeHoursChanged}
     * may make others).
     */
    public record SeriesClassDay(String classDayId, String moduleCode, String moduleTitle, LocalDate date,
                                 Instant startsAt, Instant endsAt, BigDecimal ceHours) {
    }

    /**
     * Series stream ({@code series-<number>}, {@link SeriesIds}): the series is scheduled with its seat capacity, its
     * price and CE option price (cents; the CE option may cost 0), its class days as the catalog stood then, and the refund
     * policy version that governs every seat it sells ("v1"; product rules, "Cancellation, refunds and credit").
     */
    @Revision("1")
    public record SeriesScheduled(String seriesId, int seriesNumber, int capacity, Money price,
                                  Money ceOptionPrice, List<SeriesClassDay> classDays,
                                  String refundPolicyVersion) {
    }

    /**
     * Series stream: the registrar changed the seat capacity from {@code fromCapacity} to {@code toCapacity}, with
     * {@code seatsTaken} active registrations and {@code seatsHeldByOffers} seats held by open waitlist offers at that moment
     * (the check's inputs: the new capacity is never below their sum) and the registrar's reason. Only while registration is
     * open. {@code seatsHeldByOffers} is null in revision 1 events, which did not record it (derivable from the stream's
     * offer events before them).
     */
    @Revision("2")
    public record SeriesCapacityChanged(String seriesId, int fromCapacity, int toCapacity, int seatsTaken,
                                        String reason, Integer seatsHeldByOffers) {
    }

    /**
     * Series stream: one of the series' class days now runs on {@code toDate} instead of {@code fromDate}, from
     * {@code startsAt} to {@code endsAt} (UTC instants of 09:00-17:00 America/Los_Angeles, {@link
     * com.polaris.kat.events.time.ProgramTime}). Appended in the same transaction as the day's {@link ClassDayMoved}; the
     * cancellation cutoff and the registration deadline follow the series' earliest day as it now stands.
     */
    @Revision("1")
    public record SeriesClassDayRescheduled(String seriesId, String classDayId, String moduleCode,
                                            LocalDate fromDate, LocalDate toDate, Instant startsAt,
                                            Instant endsAt, String reason) {
    }

    /**
     * Class day stream ({@code classDayId}, {@link ClassDayIds}): a class day of a module is created on a date, from
     * {@code startsAt} to {@code endsAt} (UTC instants), by the first series that lists that module on that date
     * ({@code firstSeriesId}). Its room is the seats of its series plus its make-up places (product rules).
     */
    @Revision("1")
    public record ClassDayScheduled(String classDayId, String moduleCode, LocalDate date, Instant startsAt,
                                    Instant endsAt, String firstSeriesId) {
    }

    /**
     * Class day stream: another series uses this class day too (product rules: "a class day can host several series";
     * Series 19 and 20 share their M4, M5 and practice days), so the day's roster and attendance include its registrations.
     */
    @Revision("1")
    public record ClassDaySharedWithSeries(String classDayId, String seriesId) {
    }

    /**
     * Class day stream: the day moved from {@code fromDate} to {@code toDate}, now from {@code startsAt} to
     * {@code endsAt} (UTC instants), with the registrar's reason. {@code affectedSeriesIds}: every series using the day, each
     * of which appends its {@link SeriesClassDayRescheduled} in the same transaction. The day keeps its id.
     */
    @Revision("1")
    public record ClassDayMoved(String classDayId, String moduleCode, LocalDate fromDate, LocalDate toDate,
                                Instant startsAt, Instant endsAt, List<String> affectedSeriesIds,
                                String reason) {
    }

    /**
     * Class day stream: the registrar allows {@code toPlaces} make-up places on the day (was {@code fromPlaces}):
     * seats for clinicians of other series who make up a missed module here (product rules, "Attendance and CE").
     */
    @Revision("1")
    public record MakeUpPlacesSet(String classDayId, int fromPlaces, int toPlaces) {
    }

    /**
     * The seats a series holds on a class day: its seat capacity, when it starts using the day and whenever it
     * changes. A class day's room is the seats of its series plus its make-up places (product rules), and it may
     * not exceed what one live session holds.
     */
    @Revision("1")
    public record ClassDaySeatsHeld(String classDayId, String seriesId, int seats) {
    }

    /**
     * A class day runs on this date from now on: scheduled there ({@code movedFrom} null) or moved there from
     * {@code movedFrom}. On the stream of a date slot, which holds one class day a date of its owner:
     * <ul>
     *   <li>a module's slot ({@code <module>@<date>}, {@code seriesId} null): the module's one live session that day
     *       (product rules); taken by every day that comes to run on the date;</li>
     *   <li>a series' slot ({@code <seriesId>@<date>}): the series' one class day that day (a class day runs one module,
     *       09:00-17:00 Pacific); taken by a day of the series that moves to the date.</li>
     * </ul>
     * The slot's day is its last taker while that day still runs on the date (a day moving away leaves it by its own
     * {@code ClassDayMoved}).
     */
    @Revision("1")
    public record ClassDaySlotTaken(String slotId, String moduleCode, String seriesId, LocalDate date, String classDayId,
                                    LocalDate movedFrom) {
    }
}
