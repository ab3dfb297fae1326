package com.polaris.kat.projection.registrations;

import com.polaris.kat.projection.catalog.CatalogQueries;
import com.polaris.kat.projection.web.Freshness;
import com.polaris.kat.projection.web.Page;
import com.polaris.kat.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.polaris.kat.projection.web.PageParams;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Seat availability (front end, attendance staff, administrators), class-day rosters and a
 * registration's attendance (attendance staff), one registration (front end). Every query honours
 * {@code ?minPosition=} and may answer 503 projection-behind or projection-rebuilding.
 */
@RestController
@Tag(name = "registrations", description = "Seat availability, class-day rosters, registrations and their attendance")
@ApiProblem(status = 503, types = {"projection-behind", "projection-rebuilding"})
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

    /** Every series' seats, highest series number first (a page). */
    @GetMapping("/api/availability/series")
    @Operation(summary = "List seat availability of every series, highest series number first")
    public Page<SeatQueries.SeriesAvailability> seriesAvailabilityList(@RequestParam(required = false) String page,
                                                                       @RequestParam(required = false) String size,
                                                                       @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        return freshness.read(READS, minPosition, () -> p.page(seats.seriesAvailability(p), catalog.seriesCount()));
    }

    /** One series' seats. Problems: 404 not-found. */
    @GetMapping("/api/availability/series/{seriesId}")
    @Operation(summary = "Read a series' seat availability")
    public SeatQueries.SeriesAvailability seriesAvailability(@PathVariable String seriesId, @RequestParam(required = false) String minPosition) {
        return freshness.read(READS, minPosition, () -> seats.seriesAvailability(seriesId));
    }

    /** A class day's room (shared by its series and make-ups). Problems: 404 not-found. */
    @GetMapping("/api/availability/class-days/{classDayId}")
    @Operation(summary = "Read a class day's room: its series' seats, make-up places, expected attendees, make-up room left")
    public SeatQueries.ClassDayAvailability classDay(@PathVariable String classDayId, @RequestParam(required = false) String minPosition) {
        return freshness.read(READS, minPosition, () -> seats.classDayAvailability(classDayId));
    }

    /** Who is expected on a class day, with names and licenses (attendance staff), by name (a page). Problems: 404 not-found. */
    @GetMapping("/api/class-days/{classDayId}/roster")
    @Operation(summary = "Read a class day's roster: expected attendees from every series and make-ups, with their attendance")
    public SeatQueries.RosterPage roster(@PathVariable String classDayId, @RequestParam(required = false) String page,
                                         @RequestParam(required = false) String size, @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        return freshness.read(READS, minPosition, () -> seats.roster(classDayId, p));
    }

    /** One registration's state, for the front end that holds its id (no personal data). Problems: 404 not-found. */
    @GetMapping("/api/registrations/{registrationId}")
    @Operation(summary = "Read a registration's state by its id")
    public SeatQueries.RegistrationView registration(@PathVariable String registrationId, @RequestParam(required = false) String minPosition) {
        return freshness.read(READS, minPosition, () -> seats.registration(registrationId));
    }

    /**
     * A registration's attendance, evaluations and make-ups per module (attendance staff; where the
     * attendance, correction, evaluation and make-up commands point). Problems: 404 not-found.
     */
    @GetMapping("/api/registrations/{registrationId}/attendance")
    @Operation(summary = "Read a registration's attendance, evaluations and make-ups, module by module")
    public SeatQueries.RegistrationAttendance attendance(@PathVariable String registrationId, @RequestParam(required = false) String minPosition) {
        return freshness.read(READS, minPosition, () -> seats.attendance(registrationId));
    }
}
