package com.polaris.kat.projection.ledger;

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

    private final LedgerQueries ledger;
    private final Freshness freshness;

    public LedgerQueryController(LedgerQueries ledger, Freshness freshness) {
        this.ledger = ledger;
        this.freshness = freshness;
    }

    /** The entries of a period, series and type, in the order they occurred (a page). Problems: 400 invalid-query. */
    @GetMapping("/api/ledger/entries")
    @Operation(summary = "List the refund ledger's entries, filtered by period, series and type")
    public Page<LedgerQueries.LedgerEntry> entries(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                       @RequestParam(required = false) String seriesId, @RequestParam(required = false) String type,
                                       @RequestParam(required = false) String page, @RequestParam(required = false) String size,
                                       @RequestParam(required = false) String minPosition) {
        LedgerQueries.Filter f = LedgerQueries.Filter.parse(from, to, seriesId, type);
        PageParams p = PageParams.parse(page, size);
        return freshness.read("ledger", minPosition, () -> ledger.entries(f, p));
    }

    /** The totals of a period (and series). Problems: 400 invalid-query. */
    @GetMapping("/api/ledger/totals")
    @Operation(summary = "Read the refund ledger's totals for a period, to the cent")
    public LedgerQueries.LedgerTotals totals(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                      @RequestParam(required = false) String seriesId, @RequestParam(required = false) String minPosition) {
        LedgerQueries.Filter f = LedgerQueries.Filter.parse(from, to, seriesId, null);
        return freshness.read("ledger", minPosition, () -> ledger.totals(f));
    }

    /** The entries as CSV (RFC 4180, UTF-8, formula-safe), the same filters as the JSON list, unpaged. Problems: 400 invalid-query. */
    @GetMapping(value = "/api/ledger/entries.csv", produces = "text/csv")
    @Operation(summary = "Export the refund ledger's entries as CSV")
    @ApiResponse(responseCode = "200", description = "The entries as CSV (RFC 4180), one header row",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string",
                    example = "entry_id,position,occurred_at,entry_type,series_id,registration_id,clinician_id,amount,admin_fee_kept,"
                            + "processing_fee_kept,retained,policy_version,rule,reference,reverses_entry_id,note,actor\r\n")))
    public ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                      @RequestParam(required = false) String seriesId, @RequestParam(required = false) String type,
                                      @RequestParam(required = false) String minPosition) {
        LedgerQueries.Filter f = LedgerQueries.Filter.parse(from, to, seriesId, type);
        String csv = freshness.read("ledger", minPosition, () -> ledger.csv(f));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"refund-ledger.csv\"")
                .body(csv);
    }
}
