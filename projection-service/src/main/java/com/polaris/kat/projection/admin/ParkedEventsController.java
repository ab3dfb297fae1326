package com.polaris.kat.projection.admin;

import com.polaris.kat.projection.streaming.ParkedEvents;
import com.polaris.kat.projection.web.NotFound;
import com.polaris.kat.projection.web.PageParams;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Administrators: the events a projection parked because it could not handle them (it went on with
 * the rest), and a retry once the cause is fixed. Problems: {@code 404 not-found} for an unknown
 * projection, {@code 400 bad-query} for a bad page.
 */
@RestController
public class ParkedEventsController {

    private final ParkedEvents parked;

    public ParkedEventsController(ParkedEvents parked) {
        this.parked = parked;
    }

    /** A page of parked events: {@code {projection, items: [Parked…], page, size, totalItems}}. */
    @GetMapping("/api/admin/projections/{name}/parked")
    public Map<String, Object> list(@PathVariable String name, @RequestParam(required = false) String page,
                                    @RequestParam(required = false) String size) {
        String projection = known(name);
        PageParams p = PageParams.parse(page, size);
        return p.result(Map.of("projection", projection), parked.list(projection, p.offset(), p.size()), parked.count(projection));
    }

    /** Retries every parked stream once: {@code {projection, retried, stillParked}}. */
    @PostMapping("/api/admin/projections/{name}/parked/retry")
    public ParkedEvents.RetryOutcome retry(@PathVariable String name) {
        return parked.retry(known(name));
    }

    private static String known(String name) {
        if (!ProjectionAdminController.PROJECTIONS.contains(name)) {
            throw new NotFound("There is no projection '" + name + "'; the projections are " + ProjectionAdminController.PROJECTIONS + ".");
        }
        return name;
    }
}
