package com.polaris.kat.projection.ceroster;

import com.polaris.kat.projection.catalog.SeriesFilter;
import com.polaris.kat.projection.web.Freshness;
import com.polaris.kat.web.ApiProblem;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/**
 * Compliance: the CE roster for boards and accreditors as CSV ({@link CeRosterQueries}).
 * {@code GET /api/ce-roster.csv?seriesId=series-20} or {@code ?from=2023-01-01&to=2024-01-01}
 * (class dates, {@code to} excluded); neither, or a bad date, is {@code 400 invalid-query}; a {@code seriesId}
 * that names no series is {@code 404 series-not-found} ({@link SeriesFilter}), not an empty file.
 */
@RestController
@ApiProblem(status = 503, types = {"projection-behind", "projection-rebuilding"})
public class CeRosterController {

    private final CeRosterQueries roster;
    private final Freshness freshness;
    private final SeriesFilter series;

    public CeRosterController(CeRosterQueries roster, Freshness freshness, SeriesFilter series) {
        this.roster = roster;
        this.freshness = freshness;
        this.series = series;
    }

    /** The roster as CSV. Problems: 400 invalid-query; 404 series-not-found; 503 projection-behind, projection-rebuilding. */
    @GetMapping(value = "/api/ce-roster.csv", produces = "text/csv")
    @io.swagger.v3.oas.annotations.Operation(summary = "Export the CE roster for boards and accreditors as CSV: one row per completed module per clinician, by series or period")
    @ApiProblem(status = 404, types = "series-not-found")
    public ResponseEntity<String> csv(
            @io.swagger.v3.oas.annotations.Parameter(description = "a series (series-20, or 20): its modules; give it, or from and to, or all three")
            @RequestParam(required = false) String seriesId,
            @io.swagger.v3.oas.annotations.Parameter(description = "first class date included, an ISO date (2023-01-01; no instant); needs to")
            @RequestParam(required = false) String from,
            @io.swagger.v3.oas.annotations.Parameter(description = "first class date excluded, an ISO date after from (2024-01-01; no instant); needs from")
            @RequestParam(required = false) String to,
            @io.swagger.v3.oas.annotations.Parameter(description = "a command's KAT-Event-Position: the roster reflects it (waits up to 5 s)")
            @RequestParam(required = false) String minPosition) {
        CeRosterQueries.Filter filter = CeRosterQueries.Filter.parse(seriesId, from, to);
        String name = filter.seriesId() != null ? "ce-roster-" + filter.seriesId() + ".csv" : "ce-roster-" + filter.from() + "-" + filter.to() + ".csv";
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(freshness.read(series.reads(CeRosterQueries.READS, filter.seriesId()), minPosition, () -> {
                    series.requireKnown(filter.seriesId());
                    return roster.csv(filter);
                }));
    }
}
