package com.polaris.kat.projection.catalog;

import com.polaris.kat.projection.web.Freshness;
import com.polaris.kat.projection.web.Page;
import com.polaris.kat.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.polaris.kat.projection.web.NotFound;
import com.polaris.kat.projection.web.PageParams;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;


/**
 * The catalog: series with their class days in date order, modules and hours, capacity
 * (shared/product-rules "The program and its catalog"). Every query honours {@code ?minPosition=}
 * and may answer 503 projection-behind or projection-rebuilding.
 */
@RestController
@Tag(name = "catalog", description = "The catalog: modules, series, class days")
@ApiProblem(status = 503, types = {"projection-behind", "projection-rebuilding"})
@RequestMapping("/api/catalog")
public class CatalogQueryController {

    private final CatalogQueries queries;
    private final Freshness freshness;

    public CatalogQueryController(CatalogQueries queries, Freshness freshness) {
        this.queries = queries;
        this.freshness = freshness;
    }

    /** The modules, by code (a page). Problems: 400 invalid-query; 503 projection-behind, projection-rebuilding. */
    @GetMapping("/modules")
    @Operation(summary = "List the program's modules with their CE hours")
    public Page<CatalogQueries.Module> modules(@RequestParam(required = false) String page, @RequestParam(required = false) String size,
                                               @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        return freshness.read("catalog", minPosition, () -> p.page(queries.modules(p), queries.moduleCount()));
    }

    /** One module by its code (where {@code POST /api/catalog/modules} points). Problems: 404 not-found. */
    @GetMapping("/modules/{code}")
    @Operation(summary = "Read one module by its code")
    public CatalogQueries.Module module(@PathVariable String code, @RequestParam(required = false) String minPosition) {
        return freshness.read("catalog", minPosition, () -> queries.module(code))
                .orElseThrow(() -> new NotFound("There is no module " + code + " in the catalog."));
    }

    /**
     * The history of a module's approved CE hours, oldest first, a page (compliance: who changed them, why, and from when;
     * every class day of the module starting after a change earns its hours; the hours now: {@code GET /modules/{code}}).
     * Problems: 400 invalid-query; 404 not-found.
     */
    @GetMapping("/modules/{code}/ce-hours-changes")
    @Operation(summary = "Read the history of a module's approved CE hours: who changed them, why, and from when",
            description = "Oldest first, a page. Every class day of the module (in any series, and as a make-up) that starts after a change's "
                    + "effectiveFrom earns its toHours; a day that had started keeps the hours approved before. No change: the module's "
                    + "hours are those it was defined with (GET /api/catalog/modules/{code}).")
    public Page<CatalogQueries.CeHoursChange> ceHoursChanges(@PathVariable String code, @RequestParam(required = false) String page,
                                                             @RequestParam(required = false) String size,
                                                             @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        return freshness.read("catalog", minPosition, () -> queries.module(code).map(m -> p.page(queries.ceHoursChanges(code, p),
                        queries.ceHoursChangeCount(code))))
                .orElseThrow(() -> new NotFound("There is no module " + code + " in the catalog."));
    }

    /** The series, highest series number (the latest cohort) first (a page). */
    @GetMapping("/series")
    @Operation(summary = "List the series, highest series number first, with their class days")
    public Page<CatalogQueries.Series> seriesList(@RequestParam(required = false) String page, @RequestParam(required = false) String size,
                                                  @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        return freshness.read("catalog", minPosition, () -> p.page(queries.series(p), queries.seriesCount()));
    }

    /** One series by its number (where {@code POST /api/catalog/series} points). Problems: 404 not-found. */
    @GetMapping("/series/{number}")
    @Operation(summary = "Read one series by its number: class days in date order, shared days, prices, CE hours")
    public CatalogQueries.Series series(@PathVariable String number, @RequestParam(required = false) String minPosition) {
        int n;
        try {
            n = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw NotFound.ofName("Series are addressed by their number, e.g. /api/catalog/series/20.");
        }
        return freshness.read("catalog", minPosition, () -> queries.series(n)).orElseThrow(() -> new NotFound("There is no Series " + n + " in the catalog."));
    }
}
