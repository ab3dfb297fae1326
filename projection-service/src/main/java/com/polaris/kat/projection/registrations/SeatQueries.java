package com.polaris.kat.projection.registrations;

import com.polaris.kat.projection.web.NotFound;
import com.polaris.kat.projection.web.PageParams;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Seat availability per series and per class day, class-day rosters, and one registration's state. */
@Repository
public class SeatQueries {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SeatQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record SeriesAvailability(String seriesId, int seriesNumber, int capacity, int taken, int free, boolean soldOut,
                                     String registration, String schedule, Instant firstClassDayStartsAt, Instant lastClassDayEndsAt) {
    }

    private static final String SERIES_AVAILABILITY = """
            SELECT s.series_id, s.series_number, s.capacity,
                   (SELECT count(*) FROM projection.registration r WHERE r.series_id = s.series_id AND r.status = 'ACTIVE') AS taken,
                   (SELECT min(starts_at) FROM projection.catalog_series_class_day d WHERE d.series_id = s.series_id) AS first_start,
                   (SELECT max(ends_at) FROM projection.catalog_series_class_day d WHERE d.series_id = s.series_id) AS last_end
            FROM projection.catalog_series s""";

    public List<SeriesAvailability> seriesAvailability(PageParams page) {
        Instant now = clock.instant();
        return jdbc.query(SERIES_AVAILABILITY + " ORDER BY s.series_number DESC LIMIT ? OFFSET ?",
                (rs, i) -> availability(now, rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()), page.size(), page.offset());
    }

    public SeriesAvailability seriesAvailability(String seriesId) {
        Instant now = clock.instant();
        List<SeriesAvailability> r = jdbc.query(SERIES_AVAILABILITY + " WHERE s.series_id = ?",
                (rs, i) -> availability(now, rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()), seriesId);
        if (r.isEmpty()) {
            throw new NotFound("There is no series " + seriesId + ".");
        }
        return r.get(0);
    }

    private static SeriesAvailability availability(Instant now, String id, int number, int capacity, int taken, Instant first, Instant last) {
        String registration = now.isBefore(first) ? "OPEN" : "CLOSED";
        String schedule = now.isBefore(first) ? "UPCOMING" : now.isBefore(last) ? "IN_PROGRESS" : "ENDED";
        return new SeriesAvailability(id, number, capacity, taken, Math.max(0, capacity - taken), taken >= capacity, registration,
                schedule, first, last);
    }

    public record ClassDayAvailability(String classDayId, String moduleCode, String date, List<Map<String, Object>> series,
                                       int seats, int makeUpPlaces, int expectedAttendees, int makeUpsBooked, int makeUpRoomLeft) {
    }

    public ClassDayAvailability classDayAvailability(String classDayId) {
        List<Map<String, Object>> day = jdbc.queryForList("SELECT module_code, class_date, make_up_places FROM projection.catalog_class_day WHERE class_day_id = ?", classDayId);
        if (day.isEmpty()) {
            throw new NotFound("There is no class day " + classDayId + ".");
        }
        List<Map<String, Object>> series = jdbc.queryForList("""
                SELECT s.series_id AS "seriesId", s.series_number AS "seriesNumber", s.capacity,
                       (SELECT count(*) FROM projection.registration r WHERE r.series_id = s.series_id AND r.status = 'ACTIVE') AS "activeRegistrations"
                FROM projection.catalog_series_class_day d JOIN projection.catalog_series s ON s.series_id = d.series_id
                WHERE d.class_day_id = ? ORDER BY s.series_number""", classDayId);
        int seats = series.stream().mapToInt(m -> ((Number) m.get("capacity")).intValue()).sum();
        int active = series.stream().mapToInt(m -> ((Number) m.get("activeRegistrations")).intValue()).sum();
        Integer makeUps = jdbc.queryForObject("""
                SELECT count(*) FROM projection.registration_make_up m JOIN projection.registration r ON r.registration_id = m.registration_id
                WHERE m.class_day_id = ? AND r.status = 'ACTIVE'""", Integer.class, classDayId);
        int places = ((Number) day.get(0).get("make_up_places")).intValue();
        return new ClassDayAvailability(classDayId, (String) day.get(0).get("module_code"), String.valueOf(day.get(0).get("class_date")),
                series, seats, places, active + makeUps, makeUps, Math.max(0, places - makeUps));
    }

    /** Who is expected on a class day (its series' active registrations and make-ups), and their attendance. */
    public Map<String, Object> roster(String classDayId, PageParams page) {
        classDayAvailability(classDayId); // 404 for an unknown day
        String expected = """
                SELECT r.registration_id, s.series_number, r.full_name, r.license_number, r.license_state, r.ce_option, FALSE AS make_up
                FROM projection.registration r JOIN projection.catalog_series_class_day d ON d.series_id = r.series_id
                JOIN projection.catalog_series s ON s.series_id = r.series_id
                WHERE d.class_day_id = :day AND r.status = 'ACTIVE'
                  AND NOT EXISTS (SELECT 1 FROM projection.registration_make_up m WHERE m.registration_id = r.registration_id AND m.module_code = d.module_code)
                UNION ALL
                SELECT r.registration_id, s.series_number, r.full_name, r.license_number, r.license_state, r.ce_option, TRUE
                FROM projection.registration_make_up m JOIN projection.registration r ON r.registration_id = m.registration_id
                JOIN projection.catalog_series s ON s.series_id = r.series_id
                WHERE m.class_day_id = :day AND r.status = 'ACTIVE'""";
        String sql = "SELECT e.*, a.joined_at, a.left_at, a.minutes_present, a.verification, a.corrected, mo.evaluation_completed, mo.ce_earned"
                + " FROM (" + expected + ") e"
                + " LEFT JOIN projection.registration_attendance a ON a.registration_id = e.registration_id AND a.class_day_id = :day"
                + " LEFT JOIN projection.catalog_class_day cd ON cd.class_day_id = :day"
                + " LEFT JOIN projection.registration_module mo ON mo.registration_id = e.registration_id AND mo.module_code = cd.module_code"
                + " ORDER BY e.full_name, e.registration_id LIMIT :limit OFFSET :offset";
        var named = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc);
        var params = Map.of("day", classDayId, "limit", page.size(), "offset", page.offset());
        List<Map<String, Object>> rows = named.query(sql, params, (rs, i) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("registrationId", rs.getString("registration_id"));
            m.put("seriesNumber", rs.getInt("series_number"));
            m.put("fullName", rs.getString("full_name"));
            m.put("licenseNumber", rs.getString("license_number"));
            m.put("licenseState", rs.getString("license_state"));
            m.put("ceOption", rs.getBoolean("ce_option"));
            m.put("makeUp", rs.getBoolean("make_up"));
            String verification = rs.getString("verification");
            m.put("attendance", verification == null ? "NOT_RECORDED" : rs.getBoolean("corrected") ? "CORRECTED" : "RECORDED");
            m.put("joinedAt", rs.getTimestamp("joined_at") == null ? null : rs.getTimestamp("joined_at").toInstant());
            m.put("leftAt", rs.getTimestamp("left_at") == null ? null : rs.getTimestamp("left_at").toInstant());
            m.put("minutesPresent", rs.getObject("minutes_present"));
            m.put("verification", verification);
            m.put("evaluationCompleted", rs.getBoolean("evaluation_completed"));
            m.put("ceEarned", rs.getBoolean("ce_earned"));
            return m;
        });
        Long total = named.queryForObject("SELECT count(*) FROM (" + expected + ") e", params, Long.class);
        return page.result(Map.of("classDayId", classDayId), rows, total == null ? 0 : total);
    }

    /** One registration as the front end that holds its id sees it: no other clinician's data. */
    public Map<String, Object> registration(String registrationId) {
        List<Map<String, Object>> r = jdbc.queryForList("""
                SELECT r.registration_id AS "registrationId", r.series_id AS "seriesId", s.series_number AS "seriesNumber", r.status,
                       r.ce_option AS "ceOption", r.registered_at AS "registeredAt", r.price_due_cents AS "priceDueCents",
                       r.paid_cents AS "paidCents", r.credit_applied_cents AS "creditAppliedCents", r.cancelled_at AS "cancelledAt",
                       r.refund_rule AS "refundRule", r.refund_amount_cents AS "refundAmountCents", r.credit_issued_cents AS "creditIssuedCents",
                       r.payout_status AS "payoutStatus"
                FROM projection.registration r JOIN projection.catalog_series s ON s.series_id = r.series_id
                WHERE r.registration_id = ?""", registrationId);
        if (r.isEmpty()) {
            throw new NotFound("There is no registration " + registrationId + " (or it is not yet visible; pass minPosition).");
        }
        return r.get(0);
    }
}
