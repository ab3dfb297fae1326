package com.polaris.kat.projection.participantreports;

import com.polaris.kat.projection.web.Freshness;
import com.polaris.kat.projection.web.Page;
import com.polaris.kat.projection.web.PageParams;
import com.polaris.kat.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The participant reports imported for a class day, for attendance staff finishing a day's import:
 * counts, the unmatched lines still open, the rows set aside with their reasons. Honours
 * {@code ?minPosition=} (e.g. the import's {@code KAT-Event-Position}); may answer 503
 * projection-behind or projection-rebuilding.
 */
@RestController
@Tag(name = "registrations", description = "Seat availability, class-day rosters, registrations and their attendance")
@ApiProblem(status = 503, types = {"projection-behind", "projection-rebuilding"})
public class ParticipantReportQueryController {

    private final ParticipantReportQueries reports;
    private final Freshness freshness;

    public ParticipantReportQueryController(ParticipantReportQueries reports, Freshness freshness) {
        this.reports = reports;
        this.freshness = freshness;
    }

    /** A class day's imported participant reports, newest first (a page). Problems: 400 invalid-query; 404 not-found. */
    @GetMapping("/api/class-days/{classDayId}/participant-reports")
    @Operation(summary = "List a class day's imported participant reports: counts, unmatched lines still open, rows set aside")
    public Page<ParticipantReportQueries.ImportedReport> reports(@PathVariable String classDayId, @RequestParam(required = false) String page,
                                                                 @RequestParam(required = false) String size,
                                                                 @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        return freshness.read("catalog", minPosition, () -> reports.reports(classDayId, p));
    }
}
