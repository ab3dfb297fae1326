package com.polaris.kat.projection.waitlist;

import com.polaris.kat.projection.web.Freshness;
import com.polaris.kat.projection.web.PageParams;
import com.polaris.kat.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Waitlists (shared/product-rules "Waitlist"): a place's and an offer's state and expiry by id (the front
 * end, which holds the ids the join and the place's offer gave it), and each series' waitlist in line
 * order with offers and outcomes (administrators, who manage the series; pseudonymous ids only). Every
 * query honours {@code ?minPosition=} and may answer 503 projection-behind or projection-rebuilding.
 */
@RestController
@Tag(name = "waitlist", description = "Waitlist places and offers by id; a series' waitlist with offers and outcomes")
@ApiProblem(status = 503, types = {"projection-behind", "projection-rebuilding"})
public class WaitlistQueryController {

    /** The tables these views read: the waitlist's (processing group "registrations") and, for a series, the catalog's. */
    private static final List<String> READS = List.of("registrations", "catalog");

    private final WaitlistQueries waitlist;
    private final Freshness freshness;

    public WaitlistQueryController(WaitlistQueries waitlist, Freshness freshness) {
        this.waitlist = waitlist;
        this.freshness = freshness;
    }

    /** A waitlist place: state, position among those waiting, its offer with expiry. Problems: 404 not-found. */
    @GetMapping("/api/waitlist/places/{placeId}")
    @Operation(summary = "Read a waitlist place's state, position and offer by its id")
    public WaitlistQueries.PlaceView place(@PathVariable String placeId, @RequestParam(required = false) String minPosition) {
        return freshness.read(READS, minPosition, () -> waitlist.place(placeId));
    }

    /** A waitlist offer: state, expiry, outcome. Problems: 404 not-found. */
    @GetMapping("/api/waitlist/offers/{offerId}")
    @Operation(summary = "Read a waitlist offer's state and expiry by its id")
    public WaitlistQueries.OfferView offer(@PathVariable String offerId, @RequestParam(required = false) String minPosition) {
        return freshness.read(READS, minPosition, () -> waitlist.offer(offerId));
    }

    /** A series' waitlist in line order with every offer and outcome (a page). Problems: 404 not-found. */
    @GetMapping("/api/waitlist/series/{seriesId}")
    @Operation(summary = "Read a series' waitlist in line order, with offers and their outcomes")
    public WaitlistQueries.WaitlistPage series(@PathVariable String seriesId, @RequestParam(required = false) String page,
                                               @RequestParam(required = false) String size, @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        return freshness.read(READS, minPosition, () -> waitlist.series(seriesId, p));
    }
}
