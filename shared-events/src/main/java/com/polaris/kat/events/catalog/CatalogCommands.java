package com.polaris.kat.events.catalog;

import com.polaris.kat.events.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Commands that manage the catalog: modules, series and class days. */
public final class CatalogCommands {
    private CatalogCommands() {
    }

    /** Defines one of the program's modules with its approved CE hours. */
    public record DefineModule(@TargetAggregateIdentifier String moduleCode, String title,
                               BigDecimal ceHours) {
    }

    /** Compliance approved a different number of CE hours for a module (applies to series scheduled later). */
    public record ChangeModuleCeHours(@TargetAggregateIdentifier String moduleCode, BigDecimal ceHours,
                                      String reason) {
    }

    /** One module on one date, as the registrar plans it. */
    public record ClassDayPlan(String moduleCode, LocalDate date) {
    }

    /**
     * Schedules series {@code seriesNumber} ({@code seriesId} is {@link SeriesIds#of}) with a seat capacity, a price and a
     * CE option price in cents, and one class day per module (any order of dates). Answered by {@link
     * CatalogEvents.SeriesScheduled} plus each day's scheduling or sharing; refusals are the Series aggregate's (series-exists,
     * invalid-capacity, class-day-in-past, ...: docs/problems.md).
     */
    public record ScheduleSeries(@TargetAggregateIdentifier String seriesId, int seriesNumber, int capacity,
                                 Money price, Money ceOptionPrice, List<ClassDayPlan> classDays) {
    }

    /**
     * Sets the series' seat capacity, with the registrar's reason; refused below the seats taken plus those held by
     * waitlist offers (409 capacity-below-seats-taken) or once registration closed (409 registration-closed).
     */
    public record ChangeSeriesCapacity(@TargetAggregateIdentifier String seriesId, int capacity, String reason) {
    }

    /** A series starts using a class day (creating it if it is the first), holding {@code seats} seats on it (its capacity). */
    public record UseClassDay(@TargetAggregateIdentifier String classDayId, String moduleCode, LocalDate date,
                              String seriesId, int seats) {
    }

    /**
     * Moves a class day to {@code newDate} (09:00-17:00 America/Los_Angeles), with the registrar's reason; every series
     * using the day follows in the same transaction ({@link RescheduleSeriesClassDay}).
     */
    public record MoveClassDay(@TargetAggregateIdentifier String classDayId, LocalDate newDate, String reason) {
    }

    /** Handed to each series using a moved class day, in the move's own unit of work (enrollment-service classday/ClassDayMoves). */
    public record RescheduleSeriesClassDay(@TargetAggregateIdentifier String seriesId, String classDayId,
                                           LocalDate newDate, String reason) {
    }

    /**
     * Sets how many make-up places a class day offers to clinicians of other series: never below the places already
     * booked (409 make-up-places-held), only before the day starts (409 class-day-started), and the day's room within one
     * live session (422 invalid-make-up-places).
     */
    public record SetMakeUpPlaces(@TargetAggregateIdentifier String classDayId, int places) {
    }
}
