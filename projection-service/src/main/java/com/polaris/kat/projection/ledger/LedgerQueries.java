package com.polaris.kat.projection.ledger;

import com.polaris.kat.projection.web.BadQuery;
import com.polaris.kat.projection.web.Csv;
import com.polaris.kat.projection.web.PageParams;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finance's reads of the refund ledger: filtered pages, period totals, CSV. */
@Repository
public class LedgerQueries {

    static final Set<String> TYPES = Set.of("PAYMENT_RECEIVED", "REFUND_DECIDED", "PAYOUT_SETTLED", "PAYOUT_FAILED", "PAYOUT_REVERSED",
            "CREDIT_ISSUED", "CREDIT_APPLIED");
    private static final List<String> CSV_COLUMNS = List.of("entry_id", "position", "occurred_at", "entry_type", "series_id", "registration_id",
            "clinician_id", "amount", "admin_fee_kept", "processing_fee_kept", "retained", "policy_version", "rule", "reference", "reverses_entry_id", "note", "actor");

    private final NamedParameterJdbcTemplate jdbc;

    public LedgerQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** from/to: ISO dates (whole days in UTC) or instants; from inclusive, to exclusive. */
    public record Filter(Instant from, Instant to, String seriesId, String type) {

        public static Filter parse(String from, String to, String seriesId, String type) {
            if (type != null && !TYPES.contains(type)) {
                throw new BadQuery("type must be one of " + TYPES + ".");
            }
            Instant f = instant("from", from, Instant.EPOCH);
            Instant t = instant("to", to, Instant.parse("9999-01-01T00:00:00Z"));
            if (!f.isBefore(t)) {
                throw new BadQuery("from must be before to.");
            }
            return new Filter(f, t, seriesId, type);
        }

        private static Instant instant(String name, String value, Instant dflt) {
            if (value == null || value.isBlank()) {
                return dflt;
            }
            try {
                return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new BadQuery(name + " must be a date (YYYY-MM-DD) or an instant (2023-10-10T16:00:00Z), not '" + value + "'.");
            }
        }

        String where(MapSqlParameterSource p) {
            p.addValue("from", Timestamp.from(from)).addValue("to", Timestamp.from(to));
            StringBuilder w = new StringBuilder(" WHERE occurred_at >= :from AND occurred_at < :to");
            if (seriesId != null) {
                w.append(" AND series_id = :series");
                p.addValue("series", seriesId);
            }
            if (type != null) {
                w.append(" AND entry_type = :type");
                p.addValue("type", type);
            }
            return w.toString();
        }
    }

    public Map<String, Object> entries(Filter f, PageParams page) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = f.where(p);
        p.addValue("limit", page.size()).addValue("offset", page.offset());
        List<Map<String, Object>> rows = jdbc.query("SELECT * FROM projection.ledger_entry" + where + " ORDER BY occurred_at, position LIMIT :limit OFFSET :offset",
                p, (rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("entryId", rs.getString("entry_id"));
                    m.put("position", rs.getLong("position"));
                    m.put("occurredAt", rs.getTimestamp("occurred_at").toInstant());
                    m.put("type", rs.getString("entry_type"));
                    m.put("seriesId", rs.getString("series_id"));
                    m.put("registrationId", rs.getString("registration_id"));
                    m.put("clinicianId", rs.getString("clinician_id"));
                    m.put("amount", plain(rs.getLong("amount_cents")));
                    m.put("adminFeeKept", plain(rs.getLong("admin_fee_cents")));
                    m.put("processingFeeKept", plain(rs.getLong("processing_fee_cents")));
                    m.put("retained", plain(rs.getLong("retained_cents")));
                    m.put("policyVersion", rs.getString("policy_version"));
                    m.put("rule", rs.getString("rule"));
                    m.put("reference", rs.getString("reference"));
                    m.put("reversesEntryId", rs.getString("reverses_entry_id"));
                    m.put("note", rs.getString("note"));
                    m.put("actor", rs.getString("actor"));
                    return m;
                });
        Long total = jdbc.queryForObject("SELECT count(*) FROM projection.ledger_entry" + where, p, Long.class);
        return page.result(rows, total == null ? 0 : total);
    }

    /**
     * Totals for a period. For every cancellation, cash paid = refunds decided + admin fees kept +
     * processing fees kept + retained + cash turned into credit, to the cent.
     */
    public Map<String, Object> totals(Filter f) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = f.where(p);
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT coalesce(sum(amount_cents) FILTER (WHERE entry_type = 'PAYMENT_RECEIVED'), 0) AS payments,
                       coalesce(sum(amount_cents) FILTER (WHERE entry_type = 'REFUND_DECIDED'), 0) AS refunds_decided,
                       coalesce(sum(amount_cents) FILTER (WHERE entry_type = 'PAYOUT_SETTLED'), 0)
                         - coalesce(sum(amount_cents) FILTER (WHERE entry_type = 'PAYOUT_REVERSED'), 0) AS refunds_paid,
                       coalesce(sum(amount_cents) FILTER (WHERE entry_type = 'PAYOUT_FAILED'), 0) AS payouts_failed,
                       coalesce(sum(admin_fee_cents) FILTER (WHERE entry_type = 'REFUND_DECIDED'), 0) AS admin_fees,
                       coalesce(sum(processing_fee_cents) FILTER (WHERE entry_type = 'REFUND_DECIDED'), 0) AS processing_fees,
                       coalesce(sum(retained_cents) FILTER (WHERE entry_type = 'REFUND_DECIDED'), 0) AS retained,
                       coalesce(sum(amount_cents) FILTER (WHERE entry_type = 'CREDIT_ISSUED'), 0) AS credit_issued,
                       coalesce(sum(amount_cents) FILTER (WHERE entry_type = 'CREDIT_APPLIED'), 0) AS credit_applied
                FROM projection.ledger_entry""" + where, p);
        MapSqlParameterSource until = new MapSqlParameterSource("to", Timestamp.from(f.to()));
        Long outstanding = jdbc.queryForObject("""
                SELECT coalesce(sum(CASE entry_type WHEN 'CREDIT_ISSUED' THEN amount_cents ELSE -amount_cents END), 0)
                FROM projection.ledger_entry WHERE entry_type IN ('CREDIT_ISSUED', 'CREDIT_APPLIED') AND occurred_at < :to""", until, Long.class);
        long refundsDecided = ((Number) row.get("refunds_decided")).longValue();
        long refundsPaid = ((Number) row.get("refunds_paid")).longValue();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("from", f.from());
        t.put("to", f.to());
        t.put("seriesId", f.seriesId());
        t.put("payments", plain(((Number) row.get("payments")).longValue()));
        t.put("refundsDecided", plain(refundsDecided));
        t.put("refundsPaid", plain(refundsPaid));
        t.put("payoutsFailed", plain(((Number) row.get("payouts_failed")).longValue()));
        t.put("adminFeesKept", plain(((Number) row.get("admin_fees")).longValue()));
        t.put("processingFeesKept", plain(((Number) row.get("processing_fees")).longValue()));
        t.put("retainedOnLateRefunds", plain(((Number) row.get("retained")).longValue()));
        t.put("creditIssued", plain(((Number) row.get("credit_issued")).longValue()));
        t.put("creditApplied", plain(((Number) row.get("credit_applied")).longValue()));
        t.put("creditOutstandingAtEnd", plain(outstanding == null ? 0 : outstanding));
        return t;
    }

    public String csv(Filter f) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = f.where(p);
        Csv csv = new Csv().row(CSV_COLUMNS);
        jdbc.query("SELECT * FROM projection.ledger_entry" + where + " ORDER BY occurred_at, position", p, rs -> {
            csv.row(List.of(rs.getString("entry_id"), rs.getLong("position"), rs.getTimestamp("occurred_at").toInstant().toString(),
                    rs.getString("entry_type"), nz(rs.getString("series_id")), nz(rs.getString("registration_id")), rs.getString("clinician_id"),
                    Csv.amount(rs.getLong("amount_cents")), Csv.amount(rs.getLong("admin_fee_cents")), Csv.amount(rs.getLong("processing_fee_cents")),
                    Csv.amount(rs.getLong("retained_cents")), nz(rs.getString("policy_version")), nz(rs.getString("rule")), nz(rs.getString("reference")),
                    nz(rs.getString("reverses_entry_id")), nz(rs.getString("note")), nz(rs.getString("actor"))));
        });
        return csv.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String plain(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
