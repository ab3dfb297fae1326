package com.polaris.kat.projection.catalog;

import com.polaris.kat.projection.web.PageParams;
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

    public record Module(String code, String title, BigDecimal ceHours) {
    }

    public record ClassDay(String classDayId, String moduleCode, String moduleTitle, LocalDate date,
                           Instant startsAt, Instant endsAt, BigDecimal ceHours, List<Integer> sharedWithSeries) {
    }

    public record Series(String seriesId, int seriesNumber, int capacity, String price, String ceOptionPrice,
                         long priceCents, long ceOptionPriceCents, String refundPolicyVersion,
                         LocalDate firstDay, LocalDate lastDay, BigDecimal totalCeHours, List<ClassDay> classDays) {
    }

    public List<Module> modules() {
        return jdbc.query("SELECT module_code, title, ce_hours FROM projection.catalog_module ORDER BY module_code",
                (rs, i) -> new Module(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)));
    }

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
                             ORDER BY o.series_number) AS shared
                FROM projection.catalog_series_class_day d WHERE d.series_id = ? ORDER BY d.starts_at""",
                (rs, i) -> new ClassDay(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getBigDecimal(7),
                        List.of((Integer[]) rs.getArray(8).getArray())), seriesId);
        long price = ((Number) s.get("price_cents")).longValue();
        long ce = ((Number) s.get("ce_option_price_cents")).longValue();
        BigDecimal total = days.stream().map(ClassDay::ceHours).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Optional.of(new Series(seriesId, number, ((Number) s.get("capacity")).intValue(),
                BigDecimal.valueOf(price, 2).toPlainString(), BigDecimal.valueOf(ce, 2).toPlainString(), price, ce,
                (String) s.get("refund_policy_version"),
                days.isEmpty() ? null : days.get(0).date(), days.isEmpty() ? null : days.get(days.size() - 1).date(),
                total, new ArrayList<>(days)));
    }
}
