package com.polaris.kat.projection.registrations;

import com.polaris.kat.projection.catalog.CatalogQueries;
import com.polaris.kat.projection.web.Freshness;
import com.polaris.kat.projection.web.PageParams;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Seat availability (front end, registrar), class-day rosters (attendance staff), one registration (front end). */
@RestController
public class SeatQueryController {

    /** The tables these views read: the registrations projection's and the catalog's (series, capacity, class days). */
    private static final List<String> READS = List.of("registrations", "catalog");

    private final SeatQueries seats;
    private final CatalogQueries catalog;
    private final Freshness freshness;

    public SeatQueryController(SeatQueries seats, CatalogQueries catalog, Freshness freshness) {
        this.seats = seats;
        this.catalog = catalog;
        this.freshness = freshness;
    }

    @GetMapping("/api/availability/series")
    public Map<String, Object> series(@RequestParam(required = false) String page, @RequestParam(required = false) String size,
                                      @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        return freshness.read(READS, minPosition, () -> p.result(seats.seriesAvailability(p), catalog.seriesCount()));
    }

    @GetMapping("/api/availability/series/{seriesId}")
    public SeatQueries.SeriesAvailability series(@PathVariable String seriesId, @RequestParam(required = false) String minPosition) {
        return freshness.read(READS, minPosition, () -> seats.seriesAvailability(seriesId));
    }

    @GetMapping("/api/availability/class-days/{classDayId}")
    public SeatQueries.ClassDayAvailability classDay(@PathVariable String classDayId, @RequestParam(required = false) String minPosition) {
        return freshness.read(READS, minPosition, () -> seats.classDayAvailability(classDayId));
    }

    @GetMapping("/api/class-days/{classDayId}/roster")
    public Map<String, Object> roster(@PathVariable String classDayId, @RequestParam(required = false) String page,
                                      @RequestParam(required = false) String size, @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        return freshness.read(READS, minPosition, () -> seats.roster(classDayId, p));
    }

    @GetMapping("/api/registrations/{registrationId}")
    public Map<String, Object> registration(@PathVariable String registrationId, @RequestParam(required = false) String minPosition) {
        return freshness.read(READS, minPosition, () -> seats.registration(registrationId));
    }
}
