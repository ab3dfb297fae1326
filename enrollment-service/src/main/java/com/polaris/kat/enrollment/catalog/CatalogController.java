package com.polaris.kat.enrollment.catalog;

import com.polaris.kat.enrollment.web.CommandSender;
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
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Administrators manage the catalog: modules, series, class days. */
@RestController
@RequestMapping("/api/catalog")
public class CatalogController {

    private final CommandSender sender;

    public CatalogController(CommandSender sender) {
        this.sender = sender;
    }

    public record DefineModuleRequest(@NotBlank String code, @NotBlank @Size(max = 200) String title,
                                      @NotNull BigDecimal ceHours) {
    }

    public record ChangeCeHoursRequest(@NotNull BigDecimal ceHours, @NotBlank @Size(max = 500) String reason) {
    }

    public record ClassDayRequest(@NotBlank String module, @NotNull LocalDate date) {
    }

    public record ScheduleSeriesRequest(@NotNull Integer seriesNumber, @NotNull Integer capacity,
                                        @NotNull @jakarta.validation.constraints.PositiveOrZero @jakarta.validation.constraints.Max(Money.MAX_REQUEST_CENTS) Long priceCents,
                                        @NotNull @jakarta.validation.constraints.PositiveOrZero @jakarta.validation.constraints.Max(Money.MAX_REQUEST_CENTS) Long ceOptionPriceCents,
                                        @NotEmpty @Size(max = 12) List<@Valid @NotNull ClassDayRequest> classDays) {
    }

    public record ChangeCapacityRequest(@NotNull Integer capacity, @NotBlank @Size(max = 500) String reason) {
    }

    public record MoveClassDayRequest(@NotNull LocalDate newDate, @NotBlank @Size(max = 500) String reason) {
    }

    public record MakeUpPlacesRequest(@NotNull Integer places) {
    }

    @PostMapping("/modules")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, String> defineModule(@Valid @RequestBody DefineModuleRequest r) {
        sender.send(new DefineModule(r.code(), r.title(), r.ceHours()));
        return Map.of("moduleCode", r.code());
    }

    @PutMapping("/modules/{code}/ce-hours")
    public Map<String, String> changeCeHours(@PathVariable String code, @Valid @RequestBody ChangeCeHoursRequest r) {
        sender.send(new ChangeModuleCeHours(code, r.ceHours(), r.reason()), r.reason());
        return Map.of("moduleCode", code);
    }

    @PostMapping("/series")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, String> scheduleSeries(@Valid @RequestBody ScheduleSeriesRequest r) {
        String seriesId = SeriesIds.of(r.seriesNumber());
        sender.send(new ScheduleSeries(seriesId, r.seriesNumber(), r.capacity(), Money.ofCents(r.priceCents()),
                Money.ofCents(r.ceOptionPriceCents()),
                r.classDays().stream().map(d -> new ClassDayPlan(d.module(), d.date())).toList()));
        return Map.of("seriesId", seriesId);
    }

    @PutMapping("/series/{seriesId}/capacity")
    public Map<String, String> changeCapacity(@PathVariable String seriesId, @Valid @RequestBody ChangeCapacityRequest r) {
        sender.send(new ChangeSeriesCapacity(seriesId, r.capacity(), r.reason()), r.reason());
        return Map.of("seriesId", seriesId);
    }

    @PostMapping("/class-days/{classDayId}/move")
    public Map<String, String> moveClassDay(@PathVariable String classDayId, @Valid @RequestBody MoveClassDayRequest r) {
        sender.send(new MoveClassDay(classDayId, r.newDate(), r.reason()), r.reason());
        return Map.of("classDayId", classDayId);
    }

    @PutMapping("/class-days/{classDayId}/make-up-places")
    public Map<String, String> setMakeUpPlaces(@PathVariable String classDayId, @Valid @RequestBody MakeUpPlacesRequest r) {
        sender.send(new SetMakeUpPlaces(classDayId, r.places()));
        return Map.of("classDayId", classDayId);
    }
}
