package com.polaris.kat.projection.ledger;

import io.swagger.v3.oas.annotations.Parameter;

import com.polaris.kat.projection.catalog.SeriesFilter;
import com.polaris.kat.projection.web.Freshness;
import com.polaris.kat.projection.web.Page;
import com.polaris.kat.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.polaris.kat.projection.web.PageParams;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;


/**
 * Finance: the refund ledger, its totals for a period, and its CSV export (shared/product-rules
 * "Cancellation, refunds and credit"). from/to are dates (whole UTC days) or UTC instants, from
 * inclusive, to exclusive. Every query honours {@code ?minPosition=} and may answer 503
 * projection-behind or projection-rebuilding.
 */
@RestController
@Tag(name = "ledger", description = "Finance: the refund ledger, its totals, its CSV export")
@ApiProblem(status = 503, types = {"projection-behind", "projection-rebuilding"})
public class LedgerQueryController {

    /** The period's start, as the OpenAPI description gives it. */
    static final String FROM = "Start of the period, inclusive: an ISO date (that day's 00:00 UTC, e.g. 2026-11-01) or an instant "
            + "(2026-11-01T08:00:00Z for midnight Pacific). Default: the first entry.";
    /** The period's end, as the OpenAPI description gives it. */
    static final String TO = "End of the period, exclusive: an ISO date (that day's 00:00 UTC, so to=2026-12-01 ends with November "
            + "in UTC) or an instant. Must be after from. Default: now. The staff console sends Pacific days as instants.";


    /** The series filter of the entries, as the OpenAPI description gives it. */
    static final String SERIES = "Only the entries of this series (its id, e.g. series-20; 404 series-not-found when there is none). Default: any.";

    /** The series filter of the totals, as the OpenAPI description gives it. */
    static final String SERIES_TOTALS = "Only this series' entries count (its id, e.g. series-20; 404 series-not-found when there is none);"
            + " creditOutstandingAtEnd stays the balance of all credit at `to`, since credit belongs to a clinician, not a series."
            + " Default: every series.";

    /** The entry type filter, as the OpenAPI description gives it. */
    static final String TYPE = "Only entries of this type (one of the values listed; another is 400 invalid-query). Default: any.";

    /** The reference filter, as the OpenAPI description gives it. */
    static final String REFERENCE = "Only entries that name this reference (at most 100 characters), compared as payouts compare refund references: case, spaces and"
            + " punctuation aside (\"RE-a1\" finds re_A1): a payment's charge reference"
            + " (each PAYMENT_RECEIVED entry says how many payments name its reference, paymentsUnderReference) or a payout's refund"
            + " reference. Default: any.";

    /** The registration filter, as the OpenAPI description gives it. */
    static final String REGISTRATION = "Only the entries of this registration (its payment, refund decision, payouts, and the credit"
            + " its cancellation issued or its purchase applied), at most 36 characters. Default: any.";

    /** The clinician filter, as the OpenAPI description gives it. */
    static final String CLINICIAN = "Only the entries of this clinician (pseudonymous id, as the credit and audit reads name it): the"
            + " payments, refund decisions, payouts and credit of all their registrations, at most 36 characters. Default: any.";

    private static final java.util.List<String> READS = java.util.List.of("ledger");

    private final LedgerQueries ledger;
    private final Freshness freshness;
    private final SeriesFilter series;

    public LedgerQueryController(LedgerQueries ledger, Freshness freshness, SeriesFilter series) {
        this.ledger = ledger;
        this.freshness = freshness;
        this.series = series;
    }

    /** The query on the ledger, after its series filter is known to name a series (404 series-not-found otherwise). */
    private <T> T read(LedgerQueries.Filter f, String minPosition, java.util.function.Supplier<T> query) {
        return freshness.read(series.reads(READS, f.seriesId()), minPosition, () -> {
            series.requireKnown(f.seriesId());
            return query.get();
        });
    }

    /**
     * The entries of a period, series, type, reference and registration, in the order they occurred (a page). Problems: 400 invalid-query;
     * 404 series-not-found.
     */
    @GetMapping("/api/ledger/entries")
    @Operation(summary = "List the refund ledger's entries, filtered by period, series and type")
    @ApiProblem(status = 404, types = "series-not-found")
    public Page<LedgerQueries.LedgerEntry> entries(@Parameter(description = FROM) @RequestParam(required = false) String from, @Parameter(description = TO) @RequestParam(required = false) String to,
                                       @Parameter(description = SERIES) @RequestParam(required = false) String seriesId, @Parameter(description = TYPE) @RequestParam(required = false) String type,
                                       @Parameter(description = REFERENCE) @RequestParam(required = false) String reference,
                                       @Parameter(description = REGISTRATION) @RequestParam(required = false) String registrationId,
                                       @Parameter(description = CLINICIAN) @RequestParam(required = false) String clinicianId,
                                       @RequestParam(required = false) String page, @RequestParam(required = false) String size,
                                       @RequestParam(required = false) String minPosition) {
        LedgerQueries.Filter f = LedgerQueries.Filter.parse(from, to, seriesId, type, reference, registrationId, clinicianId);
        PageParams p = PageParams.parse(page, size);
        return read(f, minPosition, () -> ledger.entries(f, p));
    }

    /** The totals of a period (and series). Problems: 400 invalid-query; 404 series-not-found. */
    @GetMapping("/api/ledger/totals")
    @Operation(summary = "Read the refund ledger's totals for a period, to the cent")
    @ApiProblem(status = 404, types = "series-not-found")
    public LedgerQueries.LedgerTotals totals(@Parameter(description = FROM) @RequestParam(required = false) String from, @Parameter(description = TO) @RequestParam(required = false) String to,
                                      @Parameter(description = SERIES_TOTALS) @RequestParam(required = false) String seriesId, @RequestParam(required = false) String minPosition) {
        LedgerQueries.Filter f = LedgerQueries.Filter.parse(from, to, seriesId, null);
        return read(f, minPosition, () -> ledger.totals(f));
    }

    /** The entries as CSV (RFC 4180, UTF-8, formula-safe), the same filters as the JSON list, unpaged. Problems: 400 invalid-query; 404 series-not-found. */
    @GetMapping(value = "/api/ledger/entries.csv", produces = "text/csv")
    @Operation(summary = "Export the refund ledger's entries as CSV")
    @ApiProblem(status = 404, types = "series-not-found")
    @ApiResponse(responseCode = "200", description = "The entries as CSV (RFC 4180), one header row",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string",
                    example = "entry_id,position,occurred_at,entry_type,series_id,registration_id,clinician_id,amount,admin_fee_kept,"
                            + "processing_fee_kept,retained,policy_version,rule,reference,reverses_entry_id,note,actor,payout_status,"
                            + "processing_fee_charged,payouts_recorded,payments_under_reference,paid_under_reference\r\n")))
    public ResponseEntity<String> csv(@Parameter(description = FROM) @RequestParam(required = false) String from, @Parameter(description = TO) @RequestParam(required = false) String to,
                                      @Parameter(description = SERIES) @RequestParam(required = false) String seriesId, @Parameter(description = TYPE) @RequestParam(required = false) String type,
                                      @Parameter(description = REFERENCE) @RequestParam(required = false) String reference,
                                      @Parameter(description = REGISTRATION) @RequestParam(required = false) String registrationId,
                                      @Parameter(description = CLINICIAN) @RequestParam(required = false) String clinicianId,
                                      @RequestParam(required = false) String minPosition) {
        LedgerQueries.Filter f = LedgerQueries.Filter.parse(from, to, seriesId, type, reference, registrationId, clinicianId);
        String csv = read(f, minPosition, () -> ledger.csv(f));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"refund-ledger.csv\"")
                .body(csv);
    }
}
