package com.polaris.kat.enrollment.catalog;

import com.polaris.kat.enrollment.web.CommandSender;
import com.polaris.kat.enrollment.web.ReadLocations;
import com.polaris.kat.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import com.polaris.kat.events.catalog.CatalogCommands.ChangeModuleCeHours;
import com.polaris.kat.events.catalog.CatalogCommands.ChangeSeriesCapacity;
import com.polaris.kat.events.catalog.CatalogCommands.ClassDayPlan;
import com.polaris.kat.events.catalog.CatalogCommands.DefineModule;
import com.polaris.kat.events.catalog.CatalogCommands.MoveClassDay;
import com.polaris.kat.events.catalog.CatalogCommands.ScheduleSeries;
import com.polaris.kat.events.catalog.CatalogCommands.SetMakeUpPlaces;
import com.polaris.kat.events.catalog.SeriesIds;
import com.polaris.kat.events.money.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Administrators manage the catalog: modules, series, class days (docs/product-rules "The program
 * and its catalog"). Every answer is a typed record; refusals are problems (docs/problems.md), and
 * every command may answer 503 write-conflict or stream-unreadable.
 */
@RestController
@Tag(name = "catalog", description = "Administrators: modules, series, class days")
@ApiProblem(status = 503, types = {"write-conflict", "stream-unreadable"})
@RequestMapping("/api/catalog")
public class CatalogController {

    private final CommandSender sender;
    private final ReadLocations locations;

    public CatalogController(CommandSender sender, ReadLocations locations) {
        this.sender = sender;
        this.locations = locations;
    }

    public record DefineModuleRequest(@NotBlank String code, @NotBlank @Size(max = 200) String title,
                                      @NotNull BigDecimal ceHours) {
    }

    public record ChangeCeHoursRequest(@NotNull BigDecimal ceHours, @NotBlank @Size(max = 500) String reason) {
    }

    public record ClassDayRequest(@NotBlank @Size(max = 20) String module, @NotNull LocalDate date) {
    }

    public record ScheduleSeriesRequest(@NotNull Integer seriesNumber,
                                        @Schema(description = "seats, 1 to the most one live session holds (1000 by default)", example = "30") @NotNull Integer capacity,
                                        @NotNull @jakarta.validation.constraints.PositiveOrZero @jakarta.validation.constraints.Max(Money.MAX_REQUEST_CENTS) Long priceCents,
                                        @NotNull @jakarta.validation.constraints.PositiveOrZero @jakarta.validation.constraints.Max(Money.MAX_REQUEST_CENTS) Long ceOptionPriceCents,
                                        @NotEmpty @Size(max = 12) List<@Valid @NotNull ClassDayRequest> classDays) {
    }

    public record ChangeCapacityRequest(@Schema(description = "seats, 1 to the most one live session holds (1000 by default)", example = "40") @NotNull Integer capacity,
                                        @NotBlank @Size(max = 500) String reason) {
    }

    public record MoveClassDayRequest(@NotNull LocalDate newDate, @NotBlank @Size(max = 500) String reason) {
    }

    public record MakeUpPlacesRequest(@Schema(description = "make-up places, 0 to the most one live session holds (1000 by default)", example = "3") @NotNull Integer places) {
    }

    /** A module the catalog now has (or changed): its code. */
    @Schema(description = "The module that was defined or changed.", example = "{\"moduleCode\":\"M1\"}")
    public record ModuleRef(@Schema(description = "the module's code", example = "M1") String moduleCode) {
    }

    /** A series the catalog now has (or changed): its id. */
    @Schema(description = "The series that was scheduled or changed.", example = "{\"seriesId\":\"series-30\"}")
    public record SeriesRef(@Schema(description = "series-<number>", example = "series-30") String seriesId) {
    }

    /** A class day that changed: its id. */
    @Schema(description = "The class day that changed.", example = "{\"classDayId\":\"M1-2030-01-07\"}")
    public record ClassDayRef(@Schema(description = "<module>-<date first scheduled on>, or <module>-<date>-<n> for the n-th day scheduled"
            + " for that module and date (those before it moved away; a day keeps its id when it moves)", example = "M1-2030-01-07") String classDayId) {
    }

    /**
     * Defines a module: 201 {@link ModuleRef}, {@code Location} its read URL.
     * Problems: 409 module-exists; 422 invalid-module-code, invalid-module-title, invalid-ce-hours.
     */
    @PostMapping("/modules")
    @Operation(summary = "Define a module with its approved CE hours")
    @ApiResponse(responseCode = "201", description = "Defined; Location is where it can be read")
    @ApiProblem(status = 409, types = "module-exists")
    @ApiProblem(status = 422, types = {"invalid-module-code", "invalid-module-title", "invalid-ce-hours"})
    public ResponseEntity<ModuleRef> defineModule(@Valid @RequestBody DefineModuleRequest r) {
        sender.sendOnce(new DefineModule(r.code(), r.title(), r.ceHours()), null);
        return ResponseEntity.created(locations.module(r.code())).body(new ModuleRef(r.code()));
    }

    /**
     * Changes a module's approved CE hours from now on, with a reason: every class day of the module that starts after now
     * earns them (in every series, scheduled before or after, and as a make-up); a day that has started keeps the hours
     * approved before. Problems: 404 not-found; 422 invalid-ce-hours, reason-required.
     */
    @PutMapping("/modules/{code}/ce-hours")
    @Operation(summary = "Change a module's approved CE hours, with a reason",
            description = "The new hours apply from now on: every class day of the module that starts after now earns them, in every "
                    + "series (already scheduled or not) and as a make-up; a class day that has started keeps the hours approved before, "
                    + "whenever its attendance is recorded. The change, its reason and who made it are read at "
                    + "GET /api/catalog/modules/{code}/ce-hours-changes (projection service).")
    @ApiProblem(status = 422, types = {"invalid-ce-hours"})
    public ModuleRef changeCeHours(@PathVariable String code, @Valid @RequestBody ChangeCeHoursRequest r) {
        sender.sendOnce(new ChangeModuleCeHours(code, r.ceHours(), r.reason()), r.reason());
        return new ModuleRef(code);
    }

    /**
     * Schedules a series: 201 {@link SeriesRef}, {@code Location} its read URL (by number).
     * Problems: 409 series-exists, class-day-module-mismatch; 422 the series definition's types (docs/problems.md;
     * invalid-capacity names the field capacity).
     */
    @PostMapping("/series")
    @Operation(summary = "Schedule a series: number, capacity, prices in cents, class days")
    @ApiResponse(responseCode = "201", description = "Scheduled; Location is where it can be read")
    @ApiProblem(status = 409, types = {"series-exists", "class-day-module-mismatch"})
    @ApiProblem(status = 422, types = {"invalid-series-number", "invalid-series-id", "invalid-capacity", "invalid-price", "no-class-days",
            "invalid-class-day", "duplicate-module", "duplicate-date", "unknown-module", "class-day-in-past", "invalid-date"})
    public ResponseEntity<SeriesRef> scheduleSeries(@Valid @RequestBody ScheduleSeriesRequest r) {
        String seriesId = SeriesIds.of(r.seriesNumber());
        sender.sendOnce(new ScheduleSeries(seriesId, r.seriesNumber(), r.capacity(), Money.ofCents(r.priceCents()),
                Money.ofCents(r.ceOptionPriceCents()),
                r.classDays().stream().map(d -> new ClassDayPlan(d.module(), d.date())).toList()), null);
        return ResponseEntity.created(locations.series(r.seriesNumber())).body(new SeriesRef(seriesId));
    }

    /**
     * Changes a series' seat capacity, with a reason, until registration closes (its first class day starts).
     * Problems: 404 not-found; 409 capacity-below-seats-taken, registration-closed; 422 invalid-capacity (field capacity).
     */
    @PutMapping("/series/{seriesId}/capacity")
    @Operation(summary = "Change a series' seat capacity, with a reason")
    @ApiProblem(status = 409, types = {"capacity-below-seats-taken", "registration-closed"})
    @ApiProblem(status = 422, types = {"invalid-capacity"})
    public SeriesRef changeCapacity(@PathVariable String seriesId, @Valid @RequestBody ChangeCapacityRequest r) {
        sender.sendOnce(new ChangeSeriesCapacity(seriesId, r.capacity(), r.reason()), r.reason());
        return new SeriesRef(seriesId);
    }

    /**
     * Moves a class day (for every series that uses it and every make-up booked on it), with a reason. Problems: 404
     * not-found; 409 class-day-started; 422 class-day-in-past, invalid-date, duplicate-date (a series using the day runs
     * another module that date), make-up-on-series-date (a make-up's own series does), make-up-date-taken (another make-up
     * of a registration holding one on the day is on that date).
     */
    @PostMapping("/class-days/{classDayId}/move")
    @Operation(summary = "Move a class day to another date, with a reason")
    @ApiProblem(status = 409, types = {"class-day-started", "class-day-exists", "date-already-held"})
    @ApiProblem(status = 422, types = {"class-day-in-past", "invalid-date", "duplicate-date", "make-up-on-series-date", "make-up-date-taken"})
    public ClassDayRef moveClassDay(@PathVariable String classDayId, @Valid @RequestBody MoveClassDayRequest r) {
        sender.sendOnce(new MoveClassDay(classDayId, r.newDate(), r.reason()), r.reason());
        return new ClassDayRef(classDayId);
    }

    /**
     * Sets how many make-up places a class day offers, until it starts.
     * Problems: 404 not-found; 409 make-up-places-held, class-day-started; 422 invalid-make-up-places (field places).
     */
    @PutMapping("/class-days/{classDayId}/make-up-places")
    @Operation(summary = "Set a class day's make-up places")
    @ApiProblem(status = 409, types = {"make-up-places-held", "class-day-started"})
    @ApiProblem(status = 422, types = "invalid-make-up-places")
    public ClassDayRef setMakeUpPlaces(@PathVariable String classDayId, @Valid @RequestBody MakeUpPlacesRequest r) {
        sender.sendOnce(new SetMakeUpPlaces(classDayId, r.places()), null);
        return new ClassDayRef(classDayId);
    }
}
