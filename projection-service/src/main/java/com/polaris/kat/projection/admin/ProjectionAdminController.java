package com.polaris.kat.projection.admin;

import com.polaris.kat.projection.streaming.ProjectionPositions;
import com.polaris.kat.projection.streaming.ProjectionTokens;
import com.polaris.kat.projection.web.NotFound;
import com.polaris.kat.projection.web.Page;
import com.polaris.kat.projection.web.PageParams;
import com.polaris.kat.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.RequestParam;
import com.polaris.kat.projection.web.RebuildElsewhere;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import com.polaris.kat.projection.streaming.StalledProcessors;
import com.polaris.kat.projection.web.RebuildRefused;

/**
 * Administrators: each projection's position and lag, and a rebuild from the first event while the
 * service runs. Problems: {@code 404 not-found} (no such projection), {@code 409 rebuild-elsewhere}.
 */
@RestController
@Tag(name = "admin", description = "Administrators: projections, their positions, rebuilds, parked events")
public class ProjectionAdminController {

    public static final List<String> PROJECTIONS = List.of("catalog", "registrations", "ledger", "credit", "transcripts", "audit");

    private final ProjectionPositions positions;
    private final ProjectionTokens tokens;
    /** One lock a projection: a rebuild of one does not refuse a rebuild of another (a fresh reviewer's ledger was refused for the catalog's). */
    private final Map<String, ReentrantLock> rebuilding = new java.util.concurrent.ConcurrentHashMap<>();
    private final com.polaris.kat.projection.streaming.ParkedEvents parked;
    private final com.polaris.kat.projection.streaming.DurableCommits durable;
    private final StalledProcessors stalled;

    public ProjectionAdminController(ProjectionPositions positions, ProjectionTokens tokens,
                                     com.polaris.kat.projection.streaming.ParkedEvents parked,
                                     com.polaris.kat.projection.streaming.DurableCommits durable, StalledProcessors stalled) {
        this.positions = positions;
        this.tokens = tokens;
        this.parked = parked;
        this.durable = durable;
        this.stalled = stalled;
    }

    /**
     * A projection's position and lag on the instance that answers, the node holding each segment's claim, and its parked events.
     *
     * @param claimedBy segment number to the node holding its claim (null where nobody does)
     * @param parked    events waiting in its dead-letter queue (…/parked), not counted in {@code behind}
     */
    @Schema(description = "A projection's position and lag on the instance that answers; claimedBy maps segment to node.",
            example = "{\"name\":\"ledger\",\"running\":true,\"replaying\":false,\"processedThrough\":1203,\"head\":1203,\"behind\":0,"
                    + "\"progressPercent\":100,\"segments\":1,\"node\":\"4242@kat-projection-0\",\"claimedBy\":{\"0\":\"4242@kat-projection-0\"},"
                    + "\"parked\":0}")
    public record ProjectionStatus(String name, boolean running, boolean replaying,
                                   @Schema(description = "present while a segment failed (e.g. the database went away) and the processor "
                                           + "waits to retry it (1, 2, 4 ... s, at most 60 s): the segments and the failure's type",
                                           nullable = true)
                                   ProjectionPositions.Retrying retrying,
                                   @Schema(description = "the global position processed through; -1: no event yet (a rebuild that has just "
                                           + "begun); while retrying, where its stored token says the retry resumes")
                                   long processedThrough,
                                   @Schema(description = "the event store's last position; -1: no event stored") long head, long behind,
                                   @Schema(description = "0-100") long progressPercent,
                                   @Schema(description = "segments this instance processes") int segments,
                                   @Schema(description = "this instance's node name") String node,
                                   Map<String, String> claimedBy, long parked,
                                   @Schema(description = "when this instance found the processor running but unable to claim a segment "
                                           + "(UTC; null while it is not): it processes nothing here until the instance restarts",
                                           nullable = true)
                                   java.time.Instant stalledSince) {
    }

    /** Every projection's status (a page, in a fixed order). */
    @GetMapping("/api/admin/projections")
    @Operation(summary = "List every projection's position, lag and claims")
    public Page<ProjectionStatus> all(@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        return PageParams.parse(page, size).pageOf(PROJECTIONS.stream().map(this::status).toList());
    }

    /** One projection's status. Problems: 404 not-found. */
    @GetMapping("/api/admin/projections/{name}")
    @Operation(summary = "Read one projection's position, lag and claims")
    public ProjectionStatus one(@PathVariable String name) {
        return status(known(name));
    }

    /**
     * Stops the projection, resets its token (its reset handler empties its tables, in the same
     * transaction), and starts it replaying; answers 202 with its status. Only the instance that
     * holds every segment's claim does this; any other answers {@code 409 rebuild-elsewhere} naming
     * the node that holds it, and changes nothing. Whatever happens, the processor is running again
     * when this returns, and the status answered is taken once it processes its segments again (bounded by the
     * query wait, 5 s), so it shows the replay rather than a processor with no segment. The reset is on disk before the 202
     * ({@link com.polaris.kat.projection.streaming.DurableCommits}): a database crash after it does not undo the rebuild.
     * <p>
     * One rebuild at a time: while another is being started on this instance, or the projection still replays towards the
     * history it had at its last reset, the answer is {@code 409 rebuild-in-progress} with its progress, and nothing
     * changes (a second reset would throw away the replay's progress; parallel requests had also wedged the processor, see
     * {@link StalledProcessors}). A processor found stalled answers {@code 503 projection-stalled}: only a restart helps.
     */
    @PostMapping("/api/admin/projections/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Rebuild a projection from the first event while the service runs")
    @ApiProblem(status = 409, types = {"rebuild-elsewhere", "rebuild-in-progress"})
    @ApiProblem(status = 503, types = "projection-stalled")
    public ProjectionStatus rebuild(@PathVariable String name) {
        StreamingEventProcessor p = positions.processor(known(name));
        ReentrantLock lock = rebuilding.computeIfAbsent(name, n -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw inProgress(name, "a rebuild of it is being started on this instance");
        }
        try {
            refuseWhileStalledOrReplaying(name);
            requireAllClaims(name, p);
            int segments = p.processingStatus().size();
            try {
                p.shutDown();
                p.resetTokens();
                durable.flush(); // the 202 says the rebuild began: a database crash after it must not undo the reset
            } catch (UnableToClaimTokenException e) {
                // another instance claimed a segment between our release and the reset; nothing was reset
                throw elsewhere(name, tokens.segments(name));
            } finally {
                p.start();
            }
            positions.awaitSegments(name, segments); // the 202's status is the restarted processor's, not the stopped one's
        } finally {
            lock.unlock();
        }
        return status(name);
    }

    private void refuseWhileStalledOrReplaying(String name) {
        java.util.Optional<java.time.Instant> since = stalled.stalledSince(name);
        if (since.isPresent()) {
            throw RebuildRefused.stalled("The " + name + " projection's processor on this instance (node '" + tokens.nodeId()
                    + "') has been unable to claim a segment since " + since.get() + "; nothing was reset. Restart this instance; "
                    + "its claims were released, so another instance, if there is one, has taken the projection over.", name);
        }
        ProjectionStatus now = status(name);
        if (now.replaying()) {
            throw inProgress(name, "it is still replaying: processed through " + now.processedThrough() + " of " + now.head() + " ("
                    + now.progressPercent() + " %)");
        }
    }

    private static RebuildRefused inProgress(String name, String why) {
        return RebuildRefused.inProgress("The " + name + " projection was not reset: " + why
                + ". GET /api/admin/projections/" + name + " shows the progress; ask again once it reads replaying: false.", name);
    }

    private void requireAllClaims(String name, StreamingEventProcessor p) {
        List<ProjectionTokens.Segment> segments = tokens.segments(name);
        Set<Integer> held = p.processingStatus().keySet();
        boolean all = !segments.isEmpty() && segments.stream()
                .allMatch(s -> held.contains(s.segment()) && tokens.nodeId().equals(s.owner()));
        if (!all) {
            throw elsewhere(name, segments);
        }
    }

    private RebuildElsewhere elsewhere(String name, List<ProjectionTokens.Segment> segments) {
        Map<Integer, String> owners = new LinkedHashMap<>();
        StringBuilder held = new StringBuilder();
        for (ProjectionTokens.Segment s : segments) {
            owners.put(s.segment(), s.owner());
            if (s.owner() != null && !s.owner().equals(tokens.nodeId())) {
                held.append(held.isEmpty() ? "" : "; ").append("segment ").append(s.segment()).append(" by node '").append(s.owner())
                        .append("' (claim renewed ").append(s.claimRenewedAt()).append(")");
            }
        }
        String detail;
        if (segments.isEmpty()) {
            detail = "No instance has started the " + name + " projection yet; retry once one has.";
        } else if (!held.isEmpty()) {
            detail = "The " + name + " projection's claim is held elsewhere: " + held + ". This instance (node '" + tokens.nodeId()
                    + "') does not process it and changed nothing; send the rebuild to that node.";
        } else {
            detail = "No instance holds every claim of the " + name + " projection at the moment (it is being taken over); "
                    + "this instance (node '" + tokens.nodeId() + "') changed nothing. Retry in a few seconds.";
        }
        return new RebuildElsewhere(detail, tokens.nodeId(), owners);
    }

    /** {@link ProjectionPositions#status}, plus this instance's node name and the owner of each segment's claim. */
    private ProjectionStatus status(String name) {
        List<ProjectionTokens.Segment> segments = tokens.segments(name);
        ProjectionPositions.Progress p = positions.status(name, () -> segments);
        Map<String, String> owners = new LinkedHashMap<>();
        segments.forEach(s -> owners.put(String.valueOf(s.segment()), s.owner()));
        return new ProjectionStatus(p.name(), p.running(), p.replaying(), p.retrying(), p.processedThrough(), p.head(), p.behind(), p.progressPercent(),
                p.segments(), tokens.nodeId(), owners, parked.count(name), stalled.stalledSince(name).orElse(null));
    }

    private static String known(String name) {
        if (!PROJECTIONS.contains(name)) {
            throw NotFound.ofName("There is no projection '" + name + "'; the projections are " + PROJECTIONS + ".");
        }
        return name;
    }
}
