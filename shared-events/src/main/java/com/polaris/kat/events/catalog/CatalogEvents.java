package com.polaris.kat.events.catalog;

import com.polaris.kat.events.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Facts about the catalog. Each carries what a reader needs years later without other events. */
public final class CatalogEvents {
    private CatalogEvents() {
    }

    public record ModuleDefined(String moduleCode, String title, BigDecimal ceHours) {
    }

    public record ModuleCeHoursChanged(String moduleCode, BigDecimal fromHours, BigDecimal toHours,
                                       String reason) {
    }

    /** A class day as a series lists it: the module, its title and approved hours at scheduling time. */
    public record SeriesClassDay(String classDayId, String moduleCode, String moduleTitle, LocalDate date,
                                 Instant startsAt, Instant endsAt, BigDecimal ceHours) {
    }

    public record SeriesScheduled(String seriesId, int seriesNumber, int capacity, Money price,
                                  Money ceOptionPrice, List<SeriesClassDay> classDays,
                                  String refundPolicyVersion) {
    }

    public record SeriesCapacityChanged(String seriesId, int fromCapacity, int toCapacity, int seatsTaken,
                                        String reason) {
    }

    public record SeriesClassDayRescheduled(String seriesId, String classDayId, String moduleCode,
                                            LocalDate fromDate, LocalDate toDate, Instant startsAt,
                                            Instant endsAt, String reason) {
    }

    public record ClassDayScheduled(String classDayId, String moduleCode, LocalDate date, Instant startsAt,
                                    Instant endsAt, String firstSeriesId) {
    }

    public record ClassDaySharedWithSeries(String classDayId, String seriesId) {
    }

    public record ClassDayMoved(String classDayId, String moduleCode, LocalDate fromDate, LocalDate toDate,
                                Instant startsAt, Instant endsAt, List<String> affectedSeriesIds,
                                String reason) {
    }

    public record MakeUpPlacesSet(String classDayId, int fromPlaces, int toPlaces) {
    }
}
