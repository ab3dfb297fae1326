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

    public record ScheduleSeries(@TargetAggregateIdentifier String seriesId, int seriesNumber, int capacity,
                                 Money price, Money ceOptionPrice, List<ClassDayPlan> classDays) {
    }

    public record ChangeSeriesCapacity(@TargetAggregateIdentifier String seriesId, int capacity, String reason) {
    }

    /** A series starts using a class day (creating it if it is the first), holding {@code seats} seats on it (its capacity). */
    public record UseClassDay(@TargetAggregateIdentifier String classDayId, String moduleCode, LocalDate date,
                              String seriesId, int seats) {
    }

    public record MoveClassDay(@TargetAggregateIdentifier String classDayId, LocalDate newDate, String reason) {
    }

    /** Handed to each series using a moved class day, in the move's own unit of work (enrollment-service classday/ClassDayMoves). */
    public record RescheduleSeriesClassDay(@TargetAggregateIdentifier String seriesId, String classDayId,
                                           LocalDate newDate, String reason) {
    }

    public record SetMakeUpPlaces(@TargetAggregateIdentifier String classDayId, int places) {
    }
}
