package com.polaris.kat.projection.credit;

import com.polaris.kat.projection.web.Freshness;
import com.polaris.kat.projection.web.NotFound;
import com.polaris.kat.projection.web.PageParams;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A clinician's credit balance with its history. */
@RestController
public class CreditQueryController {

    private final JdbcTemplate jdbc;
    private final Freshness freshness;

    public CreditQueryController(JdbcTemplate jdbc, Freshness freshness) {
        this.jdbc = jdbc;
        this.freshness = freshness;
    }

    @GetMapping("/api/credit/{clinicianId}")
    public Map<String, Object> credit(@PathVariable String clinicianId, @RequestParam(required = false) String page,
                                      @RequestParam(required = false) String size, @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        return freshness.read("credit", minPosition, () -> balanceWithHistory(clinicianId, p));
    }

    private Map<String, Object> balanceWithHistory(String clinicianId, PageParams p) {
        List<Long> balance = jdbc.queryForList("SELECT balance_after_cents FROM projection.credit_history WHERE clinician_id = ? ORDER BY position DESC LIMIT 1",
                Long.class, clinicianId);
        if (balance.isEmpty()) {
            throw new NotFound("Clinician " + clinicianId + " has no credit history.");
        }
        List<Map<String, Object>> history = jdbc.query("""
                SELECT occurred_at, entry_type, amount_cents, balance_after_cents, series_id, registration_id
                FROM projection.credit_history WHERE clinician_id = ? ORDER BY position LIMIT ? OFFSET ?""", (rs, i) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("occurredAt", rs.getTimestamp(1).toInstant());
            m.put("type", rs.getString(2));
            m.put("amount", BigDecimal.valueOf(rs.getLong(3), 2).toPlainString());
            m.put("balanceAfter", BigDecimal.valueOf(rs.getLong(4), 2).toPlainString());
            m.put("seriesId", rs.getString(5));
            m.put("registrationId", rs.getString(6));
            return m;
        }, clinicianId, p.size(), p.offset());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("clinicianId", clinicianId);
        r.put("balance", BigDecimal.valueOf(balance.get(0), 2).toPlainString());
        r.put("balanceCents", balance.get(0));
        r.put("history", history);
        r.put("page", p.page());
        r.put("size", p.size());
        return r;
    }
}
