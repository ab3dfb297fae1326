package com.polaris.kat.projection.ledger;

import com.polaris.kat.projection.web.Freshness;
import com.polaris.kat.projection.web.PageParams;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Finance: the refund ledger, its totals for a period, and its CSV export. */
@RestController
public class LedgerQueryController {

    private final LedgerQueries ledger;
    private final Freshness freshness;

    public LedgerQueryController(LedgerQueries ledger, Freshness freshness) {
        this.ledger = ledger;
        this.freshness = freshness;
    }

    @GetMapping("/api/ledger/entries")
    public Map<String, Object> entries(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                       @RequestParam(required = false) String seriesId, @RequestParam(required = false) String type,
                                       @RequestParam(required = false) String page, @RequestParam(required = false) String size,
                                       @RequestParam(required = false) String minPosition) {
        LedgerQueries.Filter f = LedgerQueries.Filter.parse(from, to, seriesId, type);
        PageParams p = PageParams.parse(page, size);
        return freshness.read("ledger", minPosition, () -> ledger.entries(f, p));
    }

    @GetMapping("/api/ledger/totals")
    public Map<String, Object> totals(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                      @RequestParam(required = false) String seriesId, @RequestParam(required = false) String minPosition) {
        LedgerQueries.Filter f = LedgerQueries.Filter.parse(from, to, seriesId, null);
        return freshness.read("ledger", minPosition, () -> ledger.totals(f));
    }

    @GetMapping(value = "/api/ledger/entries.csv", produces = "text/csv")
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
