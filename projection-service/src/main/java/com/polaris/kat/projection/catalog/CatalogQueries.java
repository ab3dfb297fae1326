package com.polaris.kat.projection.catalog;

import com.polaris.kat.projection.web.PageParams;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of the catalog tables. */
@Repository
public class CatalogQueries {

    private final JdbcTemplate jdbc;

    public CatalogQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A module of the program with its approved CE hours (hours, may be fractional). */
    @Schema(description = "A module and its approved CE hours.",
            example = "{\"code\":\"M1\",\"title\":\"Introduction to Ketamine Assisted Psychotherapy\",\"ceHours\":8}")
    public record Module(String code, String title, @Schema(description = "approved CE hours") BigDecimal ceHours) {
    }

    /**
     * One change of a module's approved CE hours (decimal hours): every class day of the module starting after
     * {@code effectiveFrom} (UTC) earns {@code toHours} (null: recorded before 2026-12-06, when a change applied to series
     * scheduled after it only); who made it ({@code changedBy}, the actor; null when not recorded) and why, and the event's
     * position in the store.
     */
    @Schema(description = "A change of a module's approved CE hours: class days starting after effectiveFrom (UTC) earn toHours.",
            example = "{\"moduleCode\":\"M3\",\"fromHours\":8,\"toHours\":7,\"effectiveFrom\":\"2026-12-06T18:00:00Z\","
                    + "\"reason\":\"accreditor excludes the lunch break\",\"changedBy\":\"admin\",\"position\":1041}")
    public record CeHoursChange(String moduleCode, BigDecimal fromHours, BigDecimal toHours,
                                @Schema(types = {"string", "null"}, format = "date-time", description = "class days starting after it earn "
                                        + "toHours; null: a change recorded before 2026-12-06, which applied to series scheduled after it only")
                                Instant effectiveFrom, String reason,
                                @Schema(types = {"string", "null"}) String changedBy, long position) {
    }

    /** A class day of a series: 09:00–17:00 Pacific on its date (startsAt/endsAt UTC), and the other series that share it. */
    @Schema(description = "A class day of a series; startsAt/endsAt are UTC instants of 09:00-17:00 America/Los_Angeles.",
            example = "{\"classDayId\":\"M1-2023-10-10\",\"moduleCode\":\"M1\",\"moduleTitle\":\"Introduction to Ketamine Assisted Psychotherapy\","
                    + "\"date\":\"2023-10-10\",\"startsAt\":\"2023-10-10T16:00:00Z\",\"endsAt\":\"2023-10-11T00:00:00Z\",\"ceHours\":8,"
                    + "\"sharedWithSeries\":[],\"makeUpPlaces\":0}")
    public record ClassDay(String classDayId, String moduleCode, String moduleTitle, LocalDate date,
                           Instant startsAt, Instant endsAt, BigDecimal ceHours,
                           @Schema(description = "numbers of the other series that use this class day") List<Integer> sharedWithSeries,
                           @Schema(description = "make-up places the registrar allows on the day, beyond its series' seats") int makeUpPlaces) {
    }

    /** A series of the catalog: prices as "0.00" and in cents, its class days in date order, total CE hours. */
    @Schema(description = "A series with its class days in date order; prices in USD as \"0.00\" and in integer cents.",
            example = "{\"seriesId\":\"series-30\",\"seriesNumber\":30,\"capacity\":10,\"price\":\"2100.00\",\"ceOptionPrice\":\"75.00\","
                    + "\"priceCents\":210000,\"ceOptionPriceCents\":7500,\"refundPolicyVersion\":\"v1\","
                    + "\"onTimeCancellationUntil\":\"2029-12-24T17:00:00Z\",\"firstDay\":\"2030-01-07\","
                    + "\"lastDay\":\"2030-01-07\",\"totalCeHours\":8,\"classDays\":[{\"classDayId\":\"M1-2030-01-07\",\"moduleCode\":\"M1\","
                    + "\"moduleTitle\":\"Introduction to Ketamine Assisted Psychotherapy\",\"date\":\"2030-01-07\","
                    + "\"startsAt\":\"2030-01-07T17:00:00Z\",\"endsAt\":\"2030-01-08T01:00:00Z\",\"ceHours\":8,\"sharedWithSeries\":[],\"makeUpPlaces\":0}]}")
    public record Series(String seriesId, int seriesNumber, int capacity, String price, String ceOptionPrice,
                         long priceCents, long ceOptionPriceCents, String refundPolicyVersion,
                         @Schema(types = {"string", "null"}, format = "date-time", description = "the refund policy's on-time "
                                 + "cancellation cutoff for a registration made now (v1: 09:00 Pacific, 14 calendar days before the first "
                                 + "class day as it stands; product rules): cancelled at or before it, what was paid is refunded minus the "
                                 + "$25 admin fee and the processing fee; cancelled after it, the clinician chooses credit of the full "
                                 + "amount paid or half of it minus those fees. Already past for a series starting within two weeks. A "
                                 + "seat sold before the first class day moved to an earlier date keeps the later cutoff of its sale. "
                                 + "Once registration has closed (the first class day started) no registration is made now: the value "
                                 + "is then the cutoff counted from the first class day. Null when the series has no class day, or its "
                                 + "policy version is unknown here")
                         java.time.Instant onTimeCancellationUntil,
                         @Schema(types = {"string", "null"}, format = "date") LocalDate firstDay, @Schema(types = {"string", "null"}, format = "date") LocalDate lastDay,
                         BigDecimal totalCeHours, List<ClassDay> classDays) {
    }

    /** A page of the modules, by code. */
    public List<Module> modules(PageParams page) {
        return jdbc.query("SELECT module_code, title, ce_hours FROM projection.catalog_module ORDER BY module_code LIMIT ? OFFSET ?",
                (rs, i) -> new Module(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)), page.size(), page.offset());
    }

    /** How many modules the catalog has. */
    public long moduleCount() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM projection.catalog_module", Long.class);
        return n == null ? 0 : n;
    }

    /** One module by its code. */
    public Optional<Module> module(String code) {
        return jdbc.query("SELECT module_code, title, ce_hours FROM projection.catalog_module WHERE module_code = ?",
                (rs, i) -> new Module(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)), code).stream().findFirst();
    }

    /** A page of the module's CE hours changes, oldest first. */
    public List<CeHoursChange> ceHoursChanges(String code, PageParams page) {
        return jdbc.query("""
                SELECT module_code, from_hours, to_hours, effective_from, reason, actor, position
                FROM projection.catalog_module_ce_hours_change WHERE module_code = ? ORDER BY position LIMIT ? OFFSET ?""",
                (rs, i) -> new CeHoursChange(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                        rs.getString(5), rs.getString(6), rs.getLong(7)), code, page.size(), page.offset());
    }

    /** How many changes of its CE hours the module has. */
    public long ceHoursChangeCount(String code) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM projection.catalog_module_ce_hours_change WHERE module_code = ?", Long.class, code);
        return n == null ? 0 : n;
    }

    /** The number of series in the catalog (past series included: they stay in it, product rules). */
    public long seriesCount() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM projection.catalog_series", Long.class);
        return n == null ? 0 : n;
    }

    /** Newest series first. */
    public List<Series> series(PageParams page) {
        List<Integer> numbers = jdbc.queryForList(
                "SELECT series_number FROM projection.catalog_series ORDER BY series_number DESC LIMIT ? OFFSET ?",
                Integer.class, page.size(), page.offset());
        return numbers.stream().map(this::series).flatMap(Optional::stream).toList();
    }

    /** Series {@code number} with its class days as they stand now (moves applied), or empty when there is none. */
    public Optional<Series> series(int number) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT * FROM projection.catalog_series WHERE series_number = ?", number);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> s = rows.get(0);
        String seriesId = (String) s.get("series_id");
        List<ClassDay> days = jdbc.query("""
                SELECT d.class_day_id, d.module_code, d.module_title, d.class_date, d.starts_at, d.ends_at, d.ce_hours,
                       ARRAY(SELECT o.series_number FROM projection.catalog_series_class_day x
                             JOIN projection.catalog_series o ON o.series_id = x.series_id
                             WHERE x.class_day_id = d.class_day_id AND x.series_id <> d.series_id
                             ORDER BY o.series_number) AS shared,
                       COALESCE((SELECT c.make_up_places FROM projection.catalog_class_day c WHERE c.class_day_id = d.class_day_id), 0)
                FROM projection.catalog_series_class_day d WHERE d.series_id = ? ORDER BY d.starts_at""",
                (rs, i) -> new ClassDay(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getBigDecimal(7),
                        List.of((Integer[]) rs.getArray(8).getArray()), rs.getInt(9)), seriesId);
        long price = ((Number) s.get("price_cents")).longValue();
        long ce = ((Number) s.get("ce_option_price_cents")).longValue();
        BigDecimal total = days.stream().map(ClassDay::ceHours).reduce(BigDecimal.ZERO, BigDecimal::add);
        String policy = (String) s.get("refund_policy_version");
        LocalDate firstDay = days.isEmpty() ? null : days.get(0).date();
        return Optional.of(new Series(seriesId, number, ((Number) s.get("capacity")).intValue(),
                BigDecimal.valueOf(price, 2).toPlainString(), BigDecimal.valueOf(ce, 2).toPlainString(), price, ce, policy,
                com.polaris.kat.events.enrollment.CancellationCutoff.of(policy, firstDay).orElse(null),
                firstDay, days.isEmpty() ? null : days.get(days.size() - 1).date(), total, new ArrayList<>(days)));
    }
}
