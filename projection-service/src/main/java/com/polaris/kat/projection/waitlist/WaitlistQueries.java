package com.polaris.kat.projection.waitlist;

import com.polaris.kat.events.waitlist.WaitlistEvents.SeriesOfferWindowChanged;
import com.polaris.kat.projection.web.NotFound;
import com.polaris.kat.projection.web.PageParams;
import com.polaris.kat.projection.web.Paged;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Waitlist views (shared/product-rules "Waitlist"): a place and an offer by id for the front end, and a
 * series' waitlist in line order with its offers and outcomes for the registrar. Instants are UTC. A place by
 * id carries no personal data; the registrar's series waitlist names each person (full name, e-mail; "[erased]"
 * after erasure). Read from {@link WaitlistProjection}'s tables.
 */
@Repository
public class WaitlistQueries {

    private final JdbcTemplate jdbc;

    public WaitlistQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An offer: the seat it holds until {@code expiresAt}, and its outcome. */
    @Schema(description = "A waitlist offer: it holds a seat until expiresAt (the offer window's end or registration's close, whichever is first). "
            + "status OPEN, ACCEPTED (registrationId names the registration), DECLINED or LAPSED (outcomeReason WINDOW_ENDED or REGISTRATION_CLOSED). "
            + "cause: what freed the seat. Instants UTC.",
            example = "{\"offerId\":\"0b6c2b7e-3f0e-4c55-9a43-7e0d8c1f5a21\",\"placeId\":\"5b0f4a52-6a53-3f55-9d1c-0e1f7c1c2a10\",\"seriesId\":\"series-21\","
                    + "\"status\":\"OPEN\",\"cause\":\"SEAT_RELEASED\",\"offeredAt\":\"2026-11-26T15:20:00Z\",\"expiresAt\":\"2026-11-28T15:20:00Z\","
                    + "\"outcomeAt\":null,\"outcomeReason\":null,\"registrationId\":null}")
    public record OfferView(String offerId, String placeId, String seriesId,
                            @Schema(allowableValues = {"OPEN", "ACCEPTED", "DECLINED", "LAPSED"}) String status,
                            @Schema(allowableValues = {"SEAT_RELEASED", "CAPACITY_RAISED", "OFFER_LAPSED", "OFFER_DECLINED", "PLACE_LEFT"}) String cause,
                            Instant offeredAt, Instant expiresAt,
                            @Schema(types = {"string", "null"}, format = "date-time") Instant outcomeAt,
                            @Schema(types = {"string", "null"}) String outcomeReason,
                            @Schema(types = {"string", "null"}) String registrationId) {
    }

    /** A waitlist place as the front end that holds its id sees it. */
    @Schema(description = "A waitlist place: its state, its position among those still waiting (1 = next to be offered a seat; null when not waiting), "
            + "and its current or last offer. Instants UTC; no personal data.",
            example = "{\"placeId\":\"5b0f4a52-6a53-3f55-9d1c-0e1f7c1c2a10\",\"seriesId\":\"series-21\",\"status\":\"OFFERED\","
                    + "\"joinedAt\":\"2026-11-26T15:10:00Z\",\"position\":null,\"endedAt\":null,\"endReason\":null,"
                    + "\"offer\":{\"offerId\":\"0b6c2b7e-3f0e-4c55-9a43-7e0d8c1f5a21\",\"placeId\":\"5b0f4a52-6a53-3f55-9d1c-0e1f7c1c2a10\","
                    + "\"seriesId\":\"series-21\",\"status\":\"OPEN\",\"cause\":\"SEAT_RELEASED\",\"offeredAt\":\"2026-11-26T15:20:00Z\","
                    + "\"expiresAt\":\"2026-11-28T15:20:00Z\",\"outcomeAt\":null,\"outcomeReason\":null,\"registrationId\":null}}")
    public record PlaceView(String placeId, String seriesId,
                            @Schema(allowableValues = {"WAITING", "OFFERED", "ACCEPTED", "DECLINED", "LAPSED", "LEFT", "CLOSED"}) String status,
                            Instant joinedAt,
                            @Schema(types = {"integer", "null"}, format = "int32") Integer position,
                            @Schema(types = {"string", "null"}, format = "date-time") Instant endedAt,
                            @Schema(types = {"string", "null"}) String endReason,
                            @Schema(types = {"object", "null"}) OfferView offer) {
    }

    /**
     * One place in a series' waitlist, for the registrar: the clinician (pseudonymous id, full name and e-mail as they
     * joined, "[erased]" once erased, null for places projected before names were kept) and every offer made to it.
     */
    @Schema(description = "A place in the series' waitlist, in line order, with the person (fullName, email: \"[erased]\" after erasure; null "
            + "until a rebuild for places projected before they were kept) and every offer made to it and its outcome.",
            example = "{\"placeId\":\"5b0f4a52-6a53-3f55-9d1c-0e1f7c1c2a10\",\"clinicianId\":\"9fea013d-2454-327d-a870-e468fb542361\","
                    + "\"fullName\":\"Dana Whitfield\",\"email\":\"dana.whitfield@example.org\","
                    + "\"status\":\"LAPSED\",\"joinedAt\":\"2026-11-26T15:10:00Z\",\"endedAt\":\"2026-11-28T15:20:01Z\",\"endReason\":\"WINDOW_ENDED\","
                    + "\"offers\":[{\"offerId\":\"0b6c2b7e-3f0e-4c55-9a43-7e0d8c1f5a21\",\"placeId\":\"5b0f4a52-6a53-3f55-9d1c-0e1f7c1c2a10\","
                    + "\"seriesId\":\"series-21\",\"status\":\"LAPSED\",\"cause\":\"SEAT_RELEASED\",\"offeredAt\":\"2026-11-26T15:20:00Z\","
                    + "\"expiresAt\":\"2026-11-28T15:20:00Z\",\"outcomeAt\":\"2026-11-28T15:20:01Z\",\"outcomeReason\":\"WINDOW_ENDED\",\"registrationId\":null}]}")
    public record WaitlistEntry(String placeId, String clinicianId,
                                @Schema(types = {"string", "null"}) String fullName,
                                @Schema(types = {"string", "null"}) String email,
                                @Schema(allowableValues = {"WAITING", "OFFERED", "ACCEPTED", "DECLINED", "LAPSED", "LEFT", "CLOSED"}) String status,
                                Instant joinedAt,
                                @Schema(types = {"string", "null"}, format = "date-time") Instant endedAt,
                                @Schema(types = {"string", "null"}) String endReason,
                                List<OfferView> offers) {
    }

    /**
     * A series' offer window: how long an offer holds its seat ({@code minutes}), as the registrar last set it
     * ({@code changedAt} UTC, {@code changedBy}, {@code reason}), or the default (48 h) with those null when never set.
     */
    @Schema(description = "How long an offer of this series holds its seat, in minutes (2880 = 48 h, the default), and when, by whom and why "
            + "it was last set (null: never changed, the default applies).",
            example = "{\"minutes\":1440,\"changedAt\":\"2026-11-20T17:00:00Z\",\"changedBy\":\"admin\",\"reason\":\"short run-up to the first class day\"}")
    public record OfferWindow(@Schema(example = "2880") int minutes,
                              @Schema(types = {"string", "null"}, format = "date-time") Instant changedAt,
                              @Schema(types = {"string", "null"}) String changedBy,
                              @Schema(types = {"string", "null"}) String reason) {
    }

    /** A page of a series' waitlist ({@link Paged}), in line order (first come, first served), with the series' offer window. */
    @Schema(description = "A page of a series' waitlist in line order, with offers and outcomes; waiting and held count the whole list; "
            + "offerWindow: how long an offer holds its seat.",
            example = "{\"seriesId\":\"series-21\",\"waiting\":3,\"held\":1,\"offerWindow\":{\"minutes\":2880,\"changedAt\":null,"
                    + "\"changedBy\":null,\"reason\":null},\"items\":[{\"placeId\":\"5b0f4a52-6a53-3f55-9d1c-0e1f7c1c2a10\","
                    + "\"clinicianId\":\"9fea013d-2454-327d-a870-e468fb542361\",\"fullName\":\"Dana Whitfield\",\"email\":\"dana.whitfield@example.org\","
                    + "\"status\":\"WAITING\",\"joinedAt\":\"2026-11-26T15:10:00Z\","
                    + "\"endedAt\":null,\"endReason\":null,\"offers\":[]}],\"page\":0,\"size\":20,\"totalItems\":5}")
    public record WaitlistPage(String seriesId, int waiting, int held, OfferWindow offerWindow, List<WaitlistEntry> items, int page, int size,
                               long totalItems)
            implements Paged<WaitlistEntry> {
    }

    private static final String OFFER_COLUMNS = "offer_id, place_id, series_id, status, cause, offered_at, expires_at, outcome_at, outcome_reason, registration_id";

    private static OfferView offer(ResultSet rs) throws SQLException {
        return new OfferView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), instant(rs.getTimestamp(6)),
                instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), rs.getString(9), rs.getString(10));
    }

    /** An offer by its id. Throws NotFound (404 not-found). */
    public OfferView offer(String offerId) {
        List<OfferView> r = jdbc.query("SELECT " + OFFER_COLUMNS + " FROM projection.waitlist_offer WHERE offer_id = ?", (rs, i) -> offer(rs), offerId);
        if (r.isEmpty()) {
            throw new NotFound("There is no waitlist offer " + offerId + ".");
        }
        return r.get(0);
    }

    /** A place by its id, with its position among those waiting and its current or last offer. Throws NotFound (404 not-found). */
    public PlaceView place(String placeId) {
        List<PlaceView> r = jdbc.query("""
                SELECT p.place_id, p.series_id, p.status, p.joined_at,
                       CASE WHEN p.status = 'WAITING' THEN (SELECT count(*) FROM projection.waitlist_place w
                            WHERE w.series_id = p.series_id AND w.status = 'WAITING' AND w.line_sequence <= p.line_sequence) END AS position,
                       p.ended_at, p.end_reason, p.offer_id
                FROM projection.waitlist_place p WHERE p.place_id = ?""", (rs, i) -> new PlaceView(rs.getString(1), rs.getString(2),
                rs.getString(3), instant(rs.getTimestamp(4)), rs.getObject(5) == null ? null : ((Number) rs.getObject(5)).intValue(),
                instant(rs.getTimestamp(6)), rs.getString(7), rs.getString(8) == null ? null : offer(rs.getString(8))), placeId);
        if (r.isEmpty()) {
            throw new NotFound("There is no waitlist place " + placeId + ".");
        }
        return r.get(0);
    }

    /** A series' waitlist in line order, with every offer. Throws NotFound (404 not-found) for an unknown series. */
    public WaitlistPage series(String seriesId, PageParams page) {
        Integer known = jdbc.queryForObject("SELECT count(*) FROM projection.catalog_series WHERE series_id = ?", Integer.class, seriesId);
        if (known == null || known == 0) {
            throw new NotFound("There is no " + com.polaris.kat.events.catalog.SeriesIds.named(seriesId) + ".");
        }
        List<WaitlistEntry> places = jdbc.query("""
                SELECT place_id, clinician_id, full_name, email, status, joined_at, ended_at, end_reason FROM projection.waitlist_place
                WHERE series_id = ? ORDER BY line_sequence LIMIT ? OFFSET ?""", (rs, i) -> new WaitlistEntry(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), rs.getString(8),
                List.of()), seriesId, page.size(), page.offset());
        Map<String, List<OfferView>> offers = places.isEmpty() ? Map.of() : jdbc.query("SELECT " + OFFER_COLUMNS
                        + " FROM projection.waitlist_offer WHERE series_id = ? AND place_id = ANY (?) ORDER BY offered_at, offer_id",
                (rs, i) -> offer(rs), seriesId, places.stream().map(WaitlistEntry::placeId).toArray(String[]::new))
                .stream().collect(Collectors.groupingBy(OfferView::placeId));
        List<WaitlistEntry> items = places.stream().map(p -> new WaitlistEntry(p.placeId(), p.clinicianId(), p.fullName(), p.email(), p.status(), p.joinedAt(), p.endedAt(),
                p.endReason(), offers.getOrDefault(p.placeId(), List.of()))).toList();
        Map<String, Object> counts = jdbc.queryForMap("""
                SELECT count(*) AS total, count(*) FILTER (WHERE status = 'WAITING') AS waiting,
                       count(*) FILTER (WHERE status = 'OFFERED') AS held
                FROM projection.waitlist_place WHERE series_id = ?""", seriesId);
        return new WaitlistPage(seriesId, ((Number) counts.get("waiting")).intValue(), ((Number) counts.get("held")).intValue(),
                offerWindow(seriesId), items, page.page(), page.size(), ((Number) counts.get("total")).longValue());
    }

    /** The series' offer window as last set, or the default ({@link SeriesOfferWindowChanged#DEFAULT_MINUTES}) when never changed. */
    private OfferWindow offerWindow(String seriesId) {
        return jdbc.query("""
                SELECT offer_window_minutes, changed_at, changed_by, reason FROM projection.waitlist_offer_window WHERE series_id = ?""",
                (rs, i) -> new OfferWindow(rs.getInt(1), instant(rs.getTimestamp(2)), rs.getString(3), rs.getString(4)), seriesId)
                .stream().findFirst().orElse(new OfferWindow(SeriesOfferWindowChanged.DEFAULT_MINUTES, null, null, null));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
