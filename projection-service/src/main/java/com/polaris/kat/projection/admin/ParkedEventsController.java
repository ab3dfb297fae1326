package com.polaris.kat.projection.admin;

import com.polaris.kat.projection.streaming.ParkedEvents;
import com.polaris.kat.projection.web.NotFound;
import com.polaris.kat.projection.web.PageParams;
import com.polaris.kat.projection.web.Paged;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Administrators: the events a projection parked because it could not handle them (it went on with
 * the rest), and a retry once the cause is fixed. Problems: {@code 404 not-found} for an unknown
 * projection, {@code 400 invalid-query} for a bad page.
 */
@RestController
@Tag(name = "admin", description = "Administrators: projections, their positions, rebuilds, parked events")
public class ParkedEventsController {

    private final ParkedEvents parked;
    private final com.polaris.kat.projection.streaming.DurableCommits durable;

    public ParkedEventsController(ParkedEvents parked, com.polaris.kat.projection.streaming.DurableCommits durable) {
        this.parked = parked;
        this.durable = durable;
    }

    /** A page of a projection's parked events ({@link Paged}), oldest first. */
    @Schema(description = "A page of a projection's parked events.",
            example = "{\"projection\":\"registrations\",\"items\":[],\"page\":0,\"size\":20,\"totalItems\":0}")
    public record ParkedPage(String projection, List<ParkedEvents.Parked> items, int page, int size, long totalItems)
            implements Paged<ParkedEvents.Parked> {
    }

    /** A page of parked events: {@code {projection, items: [Parked…], page, size, totalItems}}. */
    @GetMapping("/api/admin/projections/{name}/parked")
    @Operation(summary = "List a projection's parked events: stream, event, cause")
    public ParkedPage list(@PathVariable String name, @RequestParam(required = false) String page,
                           @RequestParam(required = false) String size) {
        String projection = known(name);
        PageParams p = PageParams.parse(page, size);
        return new ParkedPage(projection, parked.list(projection, p.offset(), p.size()), p.page(), p.size(), parked.count(projection));
    }

    /**
     * Retries every parked stream once: {@code {projection, retried, stillParked}}; answered once what the retry wrote is on
     * disk ({@link com.polaris.kat.projection.streaming.DurableCommits}: a database crash right after the answer does not
     * undo it). Problems: 503 database-unavailable.
     */
    @PostMapping("/api/admin/projections/{name}/parked/retry")
    @Operation(summary = "Retry a projection's parked events once, after the cause is fixed")
    public ParkedEvents.RetryOutcome retry(@PathVariable String name) {
        ParkedEvents.RetryOutcome outcome = parked.retry(known(name));
        durable.flush();
        return outcome;
    }

    private static String known(String name) {
        if (!ProjectionAdminController.PROJECTIONS.contains(name)) {
            throw NotFound.ofName("There is no projection '" + name + "'; the projections are " + ProjectionAdminController.PROJECTIONS + ".");
        }
        return name;
    }
}
