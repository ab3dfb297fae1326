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

    @Revision("1")
    public record ModuleDefined(String moduleCode, String title, BigDecimal ceHours) {
    }

    @Revision("1")
    public record ModuleCeHoursChanged(String moduleCode, BigDecimal fromHours, BigDecimal toHours,
                                       String reason) {
    }

    /** A class day as a series lists it: the module, its title and approved hours at scheduling time. */
    public record SeriesClassDay(String classDayId, String moduleCode, String moduleTitle, LocalDate date,
                                 Instant startsAt, Instant endsAt, BigDecimal ceHours) {
    }

    @Revision("1")
    public record SeriesScheduled(String seriesId, int seriesNumber, int capacity, Money price,
                                  Money ceOptionPrice, List<SeriesClassDay> classDays,
                                  String refundPolicyVersion) {
    }

    @Revision("1")
    public record SeriesCapacityChanged(String seriesId, int fromCapacity, int toCapacity, int seatsTaken,
                                        String reason) {
    }

    @Revision("1")
    public record SeriesClassDayRescheduled(String seriesId, String classDayId, String moduleCode,
                                            LocalDate fromDate, LocalDate toDate, Instant startsAt,
                                            Instant endsAt, String reason) {
    }

    @Revision("1")
    public record ClassDayScheduled(String classDayId, String moduleCode, LocalDate date, Instant startsAt,
                                    Instant endsAt, String firstSeriesId) {
    }

    @Revision("1")
    public record ClassDaySharedWithSeries(String classDayId, String seriesId) {
    }

    @Revision("1")
    public record ClassDayMoved(String classDayId, String moduleCode, LocalDate fromDate, LocalDate toDate,
                                Instant startsAt, Instant endsAt, List<String> affectedSeriesIds,
                                String reason) {
    }

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
