package com.polaris.kat.projection.credit;

import com.polaris.kat.projection.web.Freshness;
import com.polaris.kat.projection.web.NotFound;
import com.polaris.kat.projection.web.PageParams;
import com.polaris.kat.projection.web.Paged;
import com.polaris.kat.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Finance: who holds credit, and a clinician's credit balance with its history (shared/product-rules "Credit and
 * transfers": balance = issued − applied). Clinicians are named by their pseudonymous ids, as in the ledger (the
 * clinician search, a compliance read, gives names). Honours {@code ?minPosition=}; may answer 503 projection-behind or
 * projection-rebuilding.
 */
@RestController
@Tag(name = "credit", description = "Finance: credit balances and their history")
@ApiProblem(status = 503, types = {"projection-behind", "projection-rebuilding"})
public class CreditQueryController {

    private final JdbcTemplate jdbc;
    private final Freshness freshness;

    public CreditQueryController(JdbcTemplate jdbc, Freshness freshness) {
        this.jdbc = jdbc;
        this.freshness = freshness;
    }

    /** One change of a clinician's credit: amounts in USD as "0.00", occurredAt UTC. */
    @Schema(description = "One change of the credit balance; amounts in USD as \"0.00\".",
            example = "{\"occurredAt\":\"2026-11-26T15:19:15Z\",\"type\":\"ISSUED\",\"amount\":\"2100.00\",\"balanceAfter\":\"2100.00\","
                    + "\"seriesId\":\"series-22\",\"registrationId\":\"9c522cfa-5c60-30fb-98d8-4f887b3245fb\"}")
    public record CreditEntry(Instant occurredAt, String type, String amount, String balanceAfter,
                              @Schema(types = {"string", "null"}) String seriesId, @Schema(types = {"string", "null"}) String registrationId) {
    }

    /** A clinician's credit balance (USD "0.00" and cents) and a page of its history, oldest first ({@link Paged}). */
    @Schema(description = "A clinician's credit balance and a page of its history, oldest first.",
            example = "{\"clinicianId\":\"423a8099-289f-33ab-b292-0e85e60818f9\",\"balance\":\"2100.00\",\"balanceCents\":210000,"
                    + "\"items\":[{\"occurredAt\":\"2026-11-26T15:19:15Z\",\"type\":\"ISSUED\",\"amount\":\"2100.00\","
                    + "\"balanceAfter\":\"2100.00\",\"seriesId\":\"series-22\",\"registrationId\":\"9c522cfa-5c60-30fb-98d8-4f887b3245fb\"}],"
                    + "\"page\":0,\"size\":20,\"totalItems\":1}")
    public record CreditAccountView(String clinicianId, String balance, long balanceCents, List<CreditEntry> items, int page, int size,
                                    long totalItems) implements Paged<CreditEntry> {
    }

    /** A clinician who holds credit: the balance (USD "0.00" and cents), when it last changed (UTC), how many changes it has. */
    @Schema(description = "A clinician holding credit: the balance (USD \"0.00\" and cents), when it last changed, and how many changes"
            + " (issued, applied) its history has.",
            example = "{\"clinicianId\":\"423a8099-289f-33ab-b292-0e85e60818f9\",\"balance\":\"2100.00\",\"balanceCents\":210000,"
                    + "\"lastChangedAt\":\"2026-11-26T15:19:15Z\",\"entries\":1}")
    public record CreditHolder(String clinicianId, String balance, long balanceCents, Instant lastChangedAt, long entries) {
    }

    /**
     * The clinicians holding credit (balance above zero), largest balance first then by clinician id, a page of them, and
     * the credit outstanding in all (the sum of every balance: the ledger totals' {@code creditOutstandingAtEnd} for a
     * period that ends now, when both are read with the same {@code ?minPosition=}; the ledger is another projection, at
     * its own position otherwise).
     */
    @Schema(description = "The clinicians holding credit, largest balance first, and the credit outstanding in all (USD \"0.00\" and cents).",
            example = "{\"totalBalance\":\"2100.00\",\"totalBalanceCents\":210000,\"items\":[{\"clinicianId\":"
                    + "\"423a8099-289f-33ab-b292-0e85e60818f9\",\"balance\":\"2100.00\",\"balanceCents\":210000,"
                    + "\"lastChangedAt\":\"2026-11-26T15:19:15Z\",\"entries\":1}],\"page\":0,\"size\":20,\"totalItems\":1}")
    public record CreditHoldersView(String totalBalance, long totalBalanceCents, List<CreditHolder> items, int page, int size,
                                    long totalItems) implements Paged<CreditHolder> {
    }

    /**
     * Who holds credit (a page, largest balance first) and the total outstanding: finance's answer to "whose balances make
     * up the credit we owe" (a fresh reviewer had to sum the ledger CSV's rows per clinician by hand). Problems: 400
     * invalid-query (page, size); 503 as above.
     */
    @GetMapping("/api/credit")
    @Operation(summary = "List the clinicians holding credit, largest balance first, with the credit outstanding in all")
    public CreditHoldersView holders(@RequestParam(required = false) String page, @RequestParam(required = false) String size,
                                     @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        return freshness.read("credit", minPosition, () -> holders(p));
    }

    /** Each clinician's latest entry holds the balance; both statements read the one snapshot of {@link Freshness}. */
    private CreditHoldersView holders(PageParams p) {
        String holding = """
                WITH latest AS (
                    SELECT DISTINCT ON (clinician_id) clinician_id, balance_after_cents, occurred_at
                    FROM projection.credit_history ORDER BY clinician_id, position DESC)
                """;
        List<CreditHolder> items = jdbc.query(holding + """
                SELECT l.clinician_id, l.balance_after_cents, l.occurred_at,
                       (SELECT count(*) FROM projection.credit_history h WHERE h.clinician_id = l.clinician_id)
                FROM latest l WHERE l.balance_after_cents > 0
                ORDER BY l.balance_after_cents DESC, l.clinician_id LIMIT ? OFFSET ?""",
                (rs, i) -> new CreditHolder(rs.getString(1), BigDecimal.valueOf(rs.getLong(2), 2).toPlainString(), rs.getLong(2),
                        rs.getTimestamp(3).toInstant(), rs.getLong(4)),
                p.size(), p.offset());
        return jdbc.queryForObject(holding + """
                SELECT count(*), COALESCE(sum(balance_after_cents), 0) FROM latest WHERE balance_after_cents > 0""",
                (rs, i) -> new CreditHoldersView(BigDecimal.valueOf(rs.getLong(2), 2).toPlainString(), rs.getLong(2), items,
                        p.page(), p.size(), rs.getLong(1)));
    }

    /**
     * A clinician's balance with its history (a page). Problems: 404 not-found (a clinician a registration names has no
     * credit history), 404 clinician-not-found (no registration or waitlist place names the id: most likely mistyped).
     */
    @GetMapping("/api/credit/{clinicianId}")
    @Operation(summary = "Read a clinician's credit balance and its history")
    @ApiProblem(status = 404, types = {"not-found", "clinician-not-found"})
    public CreditAccountView credit(@PathVariable String clinicianId, @RequestParam(required = false) String page,
                                    @RequestParam(required = false) String size, @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        return freshness.read("credit", minPosition, () -> balanceWithHistory(clinicianId, p));
    }

    /**
     * The 404: {@code not-found} when a registration or a waitlist place names this clinician id (a clinician the search
     * finds, without credit), {@code clinician-not-found} when none does (most likely mistyped; a finance officer had read
     * "$0.00, no credit issued" for a typo: a fresh reviewer's finding).
     */
    private NotFound noCreditHistory(String clinicianId) {
        // a clinician only ever on a waitlist is one the clinician search finds too (a fresh reviewer was told to check an id
        // the search had just shown)
        Boolean known = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM projection.registration WHERE clinician_id = ?)"
                + " OR EXISTS (SELECT 1 FROM projection.waitlist_place WHERE clinician_id = ?)", Boolean.class, clinicianId, clinicianId);
        return Boolean.TRUE.equals(known)
                ? new NotFound("No credit has been issued to clinician " + clinicianId + ".")
                : NotFound.ofType("clinician-not-found", "No registration or waitlist place names clinician " + clinicianId + " and no credit "
                + "has been issued to that id: check the id (the ledger and the clinician search show each clinician's).");
    }

    private CreditAccountView balanceWithHistory(String clinicianId, PageParams p) {
        List<Long> balance = jdbc.queryForList("SELECT balance_after_cents FROM projection.credit_history WHERE clinician_id = ? ORDER BY position DESC LIMIT 1",
                Long.class, clinicianId);
        if (balance.isEmpty()) {
            throw noCreditHistory(clinicianId);
        }
        List<CreditEntry> history = jdbc.query("""
                SELECT occurred_at, entry_type, amount_cents, balance_after_cents, series_id, registration_id
                FROM projection.credit_history WHERE clinician_id = ? ORDER BY position LIMIT ? OFFSET ?""",
                (rs, i) -> new CreditEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), BigDecimal.valueOf(rs.getLong(3), 2).toPlainString(),
                        BigDecimal.valueOf(rs.getLong(4), 2).toPlainString(), rs.getString(5), rs.getString(6)),
                clinicianId, p.size(), p.offset());
        Long total = jdbc.queryForObject("SELECT count(*) FROM projection.credit_history WHERE clinician_id = ?", Long.class, clinicianId);
        return new CreditAccountView(clinicianId, BigDecimal.valueOf(balance.get(0), 2).toPlainString(), balance.get(0), history,
                p.page(), p.size(), total == null ? 0 : total);
    }
}
