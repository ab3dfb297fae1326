package com.polaris.kat.projection.ledger;

import com.polaris.kat.projection.web.BadQuery;
import com.polaris.kat.projection.web.Csv;
import com.polaris.kat.projection.web.Page;
import com.polaris.kat.projection.web.PageParams;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finance's reads of the refund ledger: filtered pages, period totals, CSV. */
@Repository
public class LedgerQueries {

    static final Set<String> TYPES = Set.of("PAYMENT_RECEIVED", "REFUND_DECIDED", "PAYOUT_SETTLED", "PAYOUT_FAILED", "PAYOUT_REVERSED",
            "CREDIT_ISSUED", "CREDIT_APPLIED");
    private static final List<String> CSV_COLUMNS = List.of("entry_id", "position", "occurred_at", "entry_type", "series_id", "registration_id",
            "clinician_id", "amount", "admin_fee_kept", "processing_fee_kept", "retained", "policy_version", "rule", "reference", "reverses_entry_id", "note", "actor",
            "payout_status",
            "processing_fee_charged", "payouts_recorded", "payments_under_reference", "paid_under_reference");

    /**
     * SQL select-list columns over a ledger entry {@code e}: a REFUND_DECIDED entry's payout now (SETTLED, FAILED or REVERSED: the latest payout
     * entry of the registration after it; PENDING if none) and how many payout outcomes it has (payouts_recorded), null on
     * other entries and on a $0.00 refund.
     */
    private static final String PAYOUT_COLUMNS = """
            CASE WHEN e.entry_type = 'REFUND_DECIDED' AND e.amount_cents > 0 THEN coalesce(
                     (SELECT substr(x.entry_type, 8) FROM projection.ledger_entry x
                       WHERE x.registration_id = e.registration_id AND x.entry_type IN ('PAYOUT_SETTLED', 'PAYOUT_FAILED', 'PAYOUT_REVERSED') AND x.position > e.position
                       ORDER BY x.position DESC LIMIT 1), 'PENDING') END AS payout_status,
            CASE WHEN e.entry_type = 'REFUND_DECIDED' AND e.amount_cents > 0 THEN
                     (SELECT count(*) FROM projection.ledger_entry x
                       WHERE x.registration_id = e.registration_id AND x.entry_type IN ('PAYOUT_SETTLED', 'PAYOUT_FAILED', 'PAYOUT_REVERSED')
                         AND x.position > e.position) END AS payouts_recorded""";

    /**
     * The query's start for entries {@code e}: every column, {@link #PAYOUT_COLUMNS}, and for a payment with a charge reference,
     * over the whole ledger whatever the filter, how many payments name that reference, compared as the {@code reference}
     * search compares ({@link Filter#comparable}: case, spaces and punctuation aside), ({@code payments_under_reference}) and
     * their sum in cents ({@code paid_under_reference_cents}); null on other entries. The caller appends its WHERE clause.
     */
    private static final String SELECT_ENTRIES = "SELECT e.*, " + PAYOUT_COLUMNS + """
            , ref.payments AS payments_under_reference, ref.paid_cents AS paid_under_reference_cents
            FROM projection.ledger_entry e
            LEFT JOIN LATERAL (SELECT count(*) AS payments, sum(x.amount_cents) AS paid_cents FROM projection.ledger_entry x
                               WHERE x.entry_type = 'PAYMENT_RECEIVED'
                                 AND lower(regexp_replace(x.reference, '[^A-Za-z0-9]+', '', 'g')) = lower(regexp_replace(e.reference, '[^A-Za-z0-9]+', '', 'g'))
                               HAVING count(*) > 0) ref
              ON e.entry_type = 'PAYMENT_RECEIVED'""";

    private final NamedParameterJdbcTemplate jdbc;

    public LedgerQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * from/to: ISO dates (whole days in UTC) or instants; from inclusive, to exclusive. {@code reference}: entries naming this
     * reference (a payment's charge reference, a payout's refund reference), compared case, spaces and punctuation aside as
     * payouts compare refund references ("RE-a1" finds "re_A1"), or null for any. {@code registrationId}:
     * the entries of one registration (its payment, refund decision, payouts, credit issued or applied), or null for any.
     */
    public record Filter(Instant from, Instant to, String seriesId, String type, String reference, String registrationId, String clinicianId) {

        /** A reference as the search compares it: NFKC (full-width forms as plain ones), letters and digits only, lower case. */
        static String comparable(String reference) {
            return java.text.Normalizer.normalize(reference, java.text.Normalizer.Form.NFKC).replaceAll("[^A-Za-z0-9]+", "")
                    .toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * The ledger filter from the query's parameters; none given: the whole ledger.
         * 
         * @throws BadQuery 400 invalid-query: an unknown {@code type}, or a {@code from}/{@code to} that is neither an ISO date
         *                  nor an instant, or outside years 1 to 9999
         */
        public static Filter parse(String from, String to, String seriesId, String type) {
            return parse(from, to, seriesId, type, null, null, null);
        }

        /**
         * As {@link #parse(String, String, String, String)}, with the entries' reference (compared as {@link #comparable}; at
         * most 100 characters, as a reference is stored), registration and clinician (exact, case aside; at most 36 characters,
         * as their ids are stored).
         *
         * @throws BadQuery 400 invalid-query as there, or a blank or longer {@code reference}, {@code registrationId} or
         *                  {@code clinicianId}
         */
        public static Filter parse(String from, String to, String seriesId, String type, String reference, String registrationId,
                                   String clinicianId) {
            String ref = BadQuery.given("reference", reference);
            if (ref != null && ref.length() > 100) {
                throw new BadQuery("reference", "reference must be at most 100 characters (a processor's reference as the ledger keeps it).");
            }
            if (ref != null && comparable(ref).isEmpty()) {
                // it could match nothing: references are compared by their letters and digits (a fresh reviewer's "___")
                throw new BadQuery("reference", "reference must hold a letter or a digit: references are compared without case, spaces"
                        + " and punctuation.");
            }
            String registration = BadQuery.given("registrationId", registrationId);
            if (registration != null && registration.length() > 36) {
                throw new BadQuery("registrationId", "registrationId must be at most 36 characters (a registration id, e.g."
                        + " 54973073-fb7c-3860-845f-cb065be795af).");
            }
            String clinician = BadQuery.given("clinicianId", clinicianId);
            if (clinician != null && clinician.length() > 36) {
                throw new BadQuery("clinicianId", "clinicianId must be at most 36 characters (a clinician id, e.g."
                        + " 9fea013d-2454-327d-a870-e468fb542361).");
            }
            if (BadQuery.given("type", type) != null && !TYPES.contains(type)) {
                throw new BadQuery("type", "type must be one of " + TYPES + ".");
            }
            Instant f = instant("from", from, Instant.EPOCH);
            Instant t = instant("to", to, Instant.parse("9999-01-01T00:00:00Z"));
            if (!f.isBefore(t)) {
                // named at the later bound, the one a client moves (a fresh reviewer's: the refusal named no parameter)
                throw new BadQuery("to", "to (" + (to == null ? t : BadQuery.shown(to)) + ") must be after from ("
                        + (from == null ? f : BadQuery.shown(from)) + "): to is excluded.");
            }
            return new Filter(f, t, BadQuery.given("seriesId", seriesId), type, ref, registration == null ? null
                    : registration.toLowerCase(java.util.Locale.ROOT), clinician == null ? null : clinician.toLowerCase(java.util.Locale.ROOT));
        }

        private static Instant instant(String name, String value, Instant dflt) {
            if (BadQuery.given(name, value) == null) {
                return dflt;
            }
            Instant parsed;
            try {
                parsed = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new BadQuery(name, name + " must be a date (YYYY-MM-DD) or an instant (2023-10-10T16:00:00Z), not '" + value + "'.");
            }
            // PostgreSQL's timestamps end before 4714 BC (a fresh reviewer's from=-4714-11-24 was a 500); years 1 to 9999 are
            // every date a ledger can name
            if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
                throw new BadQuery(name, name + " must be a date or an instant from 0001-01-01 to 9999-12-31, not '" + BadQuery.shown(value) + "'.");
            }
            return parsed;
        }

        private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
        private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

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
            if (reference != null) {
                // compared as the enrollment service compares a payout's refund reference (case, spaces and punctuation aside: a
                // fresh reviewer's clerk retyped "re_A1" as "RE-a1", which the payout refused as settled, and found nothing here)
                w.append(" AND lower(regexp_replace(reference, '[^A-Za-z0-9]+', '', 'g')) = :reference");
                p.addValue("reference", comparable(reference));
            }
            if (clinicianId != null) {
                w.append(" AND clinician_id = :clinician");
                p.addValue("clinician", clinicianId);
            }
            if (registrationId != null) {
                w.append(" AND registration_id = :registration");
                p.addValue("registration", registrationId);
            }
            return w.toString();
        }
    }

    /** One immutable ledger entry; amounts in USD as "0.00", instants UTC. */
    @Schema(description = "One immutable entry of the refund ledger; amounts in USD as \"0.00\", occurredAt UTC.",
            example = "{\"entryId\":\"e-123\",\"position\":42,\"occurredAt\":\"2023-09-15T18:00:00Z\",\"type\":\"REFUND_DECIDED\","
                    + "\"seriesId\":\"series-20\",\"registrationId\":\"54973073-fb7c-3860-845f-cb065be795af\","
                    + "\"clinicianId\":\"9fea013d-2454-327d-a870-e468fb542361\",\"amount\":\"2086.62\",\"adminFeeKept\":\"25.00\","
                    + "\"processingFeeKept\":\"63.38\",\"retained\":\"0.00\",\"policyVersion\":\"v1\",\"rule\":\"ON_TIME_REFUND\","
                    + "\"reference\":null,\"reversesEntryId\":null,\"note\":null,\"actor\":\"frontend\",\"payoutStatus\":\"PENDING\","
                    + "\"processingFeeCharged\":null,\"payoutsRecorded\":0,\"paymentsUnderReference\":null,\"paidUnderReference\":null}")
    public record LedgerEntry(String entryId, @Schema(description = "the event's global index") long position, Instant occurredAt,
                              @Schema(allowableValues = {"PAYMENT_RECEIVED", "REFUND_DECIDED", "PAYOUT_SETTLED", "PAYOUT_FAILED",
                                      "PAYOUT_REVERSED", "CREDIT_ISSUED", "CREDIT_APPLIED"}) String type,
                              @Schema(types = {"string", "null"}) String seriesId, @Schema(types = {"string", "null"}) String registrationId, String clinicianId,
                              String amount, String adminFeeKept, String processingFeeKept, String retained,
                              @Schema(types = {"string", "null"}) String policyVersion, @Schema(types = {"string", "null"}) String rule,
                              @Schema(types = {"string", "null"}) String reference, @Schema(types = {"string", "null"}) String reversesEntryId,
                              @Schema(types = {"string", "null"}) String note, @Schema(types = {"string", "null"}) String actor,
                              @Schema(types = {"string", "null"}, allowableValues = {"PENDING", "SETTLED", "FAILED", "REVERSED"},
                                      description = "REFUND_DECIDED with money due only: the refund's payout now (the latest payout entry of the"
                                              + " registration after it, PENDING if none); null on other entries and on a $0.00 refund")
                              String payoutStatus,
                              @Schema(types = {"string", "null"}, description = "PAYMENT_RECEIVED only: the processor's fee on the payment"
                                      + " (a refund keeps it, as processingFeeKept on its REFUND_DECIDED entry; a payment keeps nothing)")
                              String processingFeeCharged,
                              @Schema(types = {"integer", "null"}, format = "int32", description = "REFUND_DECIDED with money due only: the payout"
                                      + " outcomes (settled, failed, reversed) recorded for the refund; send it as payoutsSeen with the next"
                                      + " outcome so one recorded meanwhile by another screen is not recorded on top of (409 payout-changed)")
                              Integer payoutsRecorded,
                              @Schema(types = {"integer", "null"}, format = "int32", description = "PAYMENT_RECEIVED with a charge reference"
                                      + " only: how many payments in the whole ledger (any period or series) name this charge reference: 1"
                                      + " normally; more when one charge paid several registrations, or a reference was sent twice by mistake"
                                      + " (compare paidUnderReference with the processor's charge; ?reference= lists them)")
                              Integer paymentsUnderReference,
                              @Schema(types = {"string", "null"}, description = "PAYMENT_RECEIVED with a charge reference only: the sum of"
                                      + " the payments that name it, the amount the processor's charge should show")
                              String paidUnderReference) {
    }

    /**
     * Totals of a period [from, to) (UTC), in USD as "0.00". For every cancellation, cash paid = refunds decided +
     * admin fees kept + processing fees kept + retained + cash turned into credit, to the cent.
     */
    @Schema(description = "Totals of the period [from, to), USD as \"0.00\"; creditOutstandingAtEnd is the balance of all credit at `to`.",
            example = "{\"from\":\"2023-01-01T00:00:00Z\",\"to\":\"2024-01-01T00:00:00Z\",\"seriesId\":null,\"payments\":\"12900.00\","
                    + "\"refundsDecided\":\"3050.42\",\"refundsPaid\":\"3050.42\",\"payoutsFailed\":\"2086.62\",\"payoutsReversed\":\"0.00\",\"adminFeesKept\":\"50.00\","
                    + "\"processingFeesKept\":\"124.58\",\"retainedOnLateRefunds\":\"1050.00\",\"creditIssued\":\"2175.00\","
                    + "\"creditApplied\":\"0.00\",\"creditOutstandingAtEnd\":\"2175.00\"}")
    public record LedgerTotals(Instant from, Instant to, @Schema(types = {"string", "null"}) String seriesId, String payments, String refundsDecided,
                               @Schema(description = "payouts settled in the period less payouts reversed in it (the processor"
                                       + " returned the money): negative for a period whose reversals exceed its settlements")
                               String refundsPaid,
                               @Schema(description = "the refund amounts of every failed payout attempt in the period, each attempt"
                                       + " counted (a refund whose payout failed twice counts twice, also once it was paid); where each"
                                       + " refund stands now is its REFUND_DECIDED entry's payoutStatus") String payoutsFailed,
                               @Schema(description = "the amounts of the payouts the processor reversed in the period (already"
                                       + " subtracted from refundsPaid)") String payoutsReversed,
                               String adminFeesKept, String processingFeesKept,
                               String retainedOnLateRefunds, String creditIssued, String creditApplied, String creditOutstandingAtEnd) {
    }

    /** A page of the entries that match, in the order they occurred. */
    public Page<LedgerEntry> entries(Filter f, PageParams page) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = f.where(p);
        p.addValue("limit", page.size()).addValue("offset", page.offset());
        List<LedgerEntry> rows = jdbc.query(SELECT_ENTRIES + where + " ORDER BY occurred_at, position LIMIT :limit OFFSET :offset",
                p, (rs, i) -> new LedgerEntry(rs.getString("entry_id"), rs.getLong("position"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("entry_type"), rs.getString("series_id"), rs.getString("registration_id"), rs.getString("clinician_id"),
                        plain(rs.getLong("amount_cents")), plain(rs.getLong("admin_fee_cents")), plain(feeKept(rs)),
                        plain(rs.getLong("retained_cents")), rs.getString("policy_version"), rs.getString("rule"), rs.getString("reference"),
                        rs.getString("reverses_entry_id"), rs.getString("note"), rs.getString("actor"), rs.getString("payout_status"),
                        feeCharged(rs) == null ? null : plain(feeCharged(rs)), (Integer) nullableInt(rs.getObject("payouts_recorded")),
                        (Integer) nullableInt(rs.getObject("payments_under_reference")),
                        rs.getObject("paid_under_reference_cents") == null ? null : plain(rs.getLong("paid_under_reference_cents"))));
        Long total = jdbc.queryForObject("SELECT count(*) FROM projection.ledger_entry" + where, p, Long.class);
        return page.page(rows, total == null ? 0 : total);
    }

    /**
     * Totals for a period. For every cancellation, cash paid = refunds decided + admin fees kept +
     * processing fees kept + retained + cash turned into credit, to the cent.
     */
    public LedgerTotals totals(Filter f) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = f.where(p);
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT coalesce(sum(amount_cents) FILTER (WHERE entry_type = 'PAYMENT_RECEIVED'), 0) AS payments,
                       coalesce(sum(amount_cents) FILTER (WHERE entry_type = 'REFUND_DECIDED'), 0) AS refunds_decided,
                       coalesce(sum(amount_cents) FILTER (WHERE entry_type = 'PAYOUT_SETTLED'), 0)
                         - coalesce(sum(amount_cents) FILTER (WHERE entry_type = 'PAYOUT_REVERSED'), 0) AS refunds_paid,
                       coalesce(sum(amount_cents) FILTER (WHERE entry_type = 'PAYOUT_FAILED'), 0) AS payouts_failed,
                       coalesce(sum(amount_cents) FILTER (WHERE entry_type = 'PAYOUT_REVERSED'), 0) AS payouts_reversed,
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
        return new LedgerTotals(f.from(), f.to(), f.seriesId(), sum(row, "payments"), sum(row, "refunds_decided"), sum(row, "refunds_paid"),
                sum(row, "payouts_failed"), sum(row, "payouts_reversed"), sum(row, "admin_fees"), sum(row, "processing_fees"), sum(row, "retained"),
                sum(row, "credit_issued"), sum(row, "credit_applied"), plain(outstanding == null ? 0 : outstanding));
    }

    private static String sum(Map<String, Object> row, String column) {
        return plain(((Number) row.get(column)).longValue());
    }

    /**
     * The ledger's entries that {@code f} selects as CSV (RFC 4180, one header row), in the order they occurred;
     * amounts in dollars with two decimals, instants in UTC.
     */
    public String csv(Filter f) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = f.where(p);
        Csv csv = new Csv().row(CSV_COLUMNS);
        jdbc.query(SELECT_ENTRIES + where + " ORDER BY occurred_at, position", p, rs -> {
            csv.row(List.of(rs.getString("entry_id"), rs.getLong("position"), rs.getTimestamp("occurred_at").toInstant().toString(),
                    rs.getString("entry_type"), nz(rs.getString("series_id")), nz(rs.getString("registration_id")), rs.getString("clinician_id"),
                    Csv.amount(rs.getLong("amount_cents")), Csv.amount(rs.getLong("admin_fee_cents")), Csv.amount(feeKept(rs)),
                    Csv.amount(rs.getLong("retained_cents")), nz(rs.getString("policy_version")), nz(rs.getString("rule")), nz(rs.getString("reference")),
                    nz(rs.getString("reverses_entry_id")), nz(rs.getString("note")), nz(rs.getString("actor")), nz(rs.getString("payout_status")),
                    feeCharged(rs) == null ? "" : Csv.amount(feeCharged(rs)),
                    rs.getObject("payouts_recorded") == null ? "" : (Object) rs.getLong("payouts_recorded"),
                    rs.getObject("payments_under_reference") == null ? "" : (Object) rs.getLong("payments_under_reference"),
                    rs.getObject("paid_under_reference_cents") == null ? "" : Csv.amount(rs.getLong("paid_under_reference_cents"))));
        });
        return csv.toString();
    }

    /**
     * The processing fee an entry keeps, cents: a refund decision's (kept from the refund); none on a payment, whose row
     * holds the processor's fee on it ({@link #feeCharged}): a fresh reviewer's CSV column summed to twice the totals.
     */
    private static long feeKept(java.sql.ResultSet rs) throws java.sql.SQLException {
        return "PAYMENT_RECEIVED".equals(rs.getString("entry_type")) ? 0 : rs.getLong("processing_fee_cents");
    }

    /** The processor's fee on a payment, cents (PAYMENT_RECEIVED only; null on other entries). */
    private static Long feeCharged(java.sql.ResultSet rs) throws java.sql.SQLException {
        return "PAYMENT_RECEIVED".equals(rs.getString("entry_type")) ? rs.getLong("processing_fee_cents") : null;
    }

    private static Object nullableInt(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String plain(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
