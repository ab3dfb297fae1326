package com.polaris.kat.projection.admin;

import com.polaris.kat.projection.streaming.ProjectionPositions;
import com.polaris.kat.projection.web.NotFound;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Administrators: each projection's position and lag, and a rebuild from the first event while the service runs. */
@RestController
public class ProjectionAdminController {

    public static final List<String> PROJECTIONS = List.of("catalog", "registrations", "ledger", "credit", "transcripts", "audit");

    private final ProjectionPositions positions;

    public ProjectionAdminController(ProjectionPositions positions) {
        this.positions = positions;
    }

    @GetMapping("/api/admin/projections")
    public List<Map<String, Object>> all() {
        return PROJECTIONS.stream().map(positions::status).toList();
    }

    @GetMapping("/api/admin/projections/{name}")
    public Map<String, Object> one(@PathVariable String name) {
        return positions.status(known(name));
    }

    /** Stops the projection, resets its token (its reset handler empties its tables), and starts it replaying. */
    @PostMapping("/api/admin/projections/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, Object> rebuild(@PathVariable String name) {
        StreamingEventProcessor p = positions.processor(known(name));
        p.shutDown();
        p.resetTokens();
        p.start();
        return positions.status(name);
    }

    private static String known(String name) {
        if (!PROJECTIONS.contains(name)) {
            throw new NotFound("There is no projection '" + name + "'; the projections are " + PROJECTIONS + ".");
        }
        return name;
    }
}
