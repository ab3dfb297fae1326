package com.polaris.kat.projection.catalog;

import com.polaris.kat.projection.web.Freshness;
import com.polaris.kat.projection.web.NotFound;
import com.polaris.kat.projection.web.PageParams;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** The catalog: series with their class days in date order, modules and hours, capacity. */
@RestController
@RequestMapping("/api/catalog")
public class CatalogQueryController {

    private final CatalogQueries queries;
    private final Freshness freshness;

    public CatalogQueryController(CatalogQueries queries, Freshness freshness) {
        this.queries = queries;
        this.freshness = freshness;
    }

    @GetMapping("/modules")
    public List<CatalogQueries.Module> modules(@RequestParam(required = false) String minPosition) {
        return freshness.read("catalog", minPosition, queries::modules);
    }

    @GetMapping("/series")
    public Map<String, Object> series(@RequestParam(required = false) String page, @RequestParam(required = false) String size,
                                      @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        return freshness.read("catalog", minPosition, () -> p.result(queries.series(p), queries.seriesCount()));
    }

    @GetMapping("/series/{number}")
    public CatalogQueries.Series series(@PathVariable String number, @RequestParam(required = false) String minPosition) {
        int n;
        try {
            n = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new NotFound("Series are addressed by their number, e.g. /api/catalog/series/20.");
        }
        return freshness.read("catalog", minPosition, () -> queries.series(n)).orElseThrow(() -> new NotFound("There is no Series " + n + " in the catalog."));
    }
}
