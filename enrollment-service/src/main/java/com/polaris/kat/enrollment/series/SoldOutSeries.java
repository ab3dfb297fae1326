package com.polaris.kat.enrollment.series;

import com.polaris.kat.enrollment.rules.Refusal;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sold-out series refuses without queueing behind the sale (issue 12). When {@link Series} refuses
 * a registration as sold out, it leaves here what that decision rested on, at its stream's version:
 * the registration ids it holds (a repeat of one gets its first outcome, not a refusal), the
 * clinicians holding a seat ({@code already-registered} comes first), and when registration closes
 * ({@code registration-closed} comes first). The next request for the series is refused here, before
 * the series' lock is taken (or, for one already waiting for it, while it waits: {@link SeriesLocks}), if and only if the series would refuse it the same way: the stream has
 * not moved since (one indexed read of its last sequence number), the request is not a repeat, the
 * clinician holds no seat, and registration is still open. Anything else goes to the series as
 * usual. The rule stays in {@link Series}; this only remembers its last answer.
 */
@Component
public class SoldOutSeries {

    /** What a sold-out refusal rested on, at the stream's version. */
    record Decision(long version, Set<String> registrationIds, Set<String> seatHolders, Instant closesAt, String message) {
    }

    private final Map<String, Decision> decisions = new ConcurrentHashMap<>();
    private final java.util.function.Function<String, java.util.Optional<Long>> lastSequence;

    @org.springframework.beans.factory.annotation.Autowired
    public SoldOutSeries(EventStore eventStore) {
        this(eventStore::lastSequenceNumberFor);
    }

    /** With the stream's last sequence number read by {@code lastSequence} (series id to sequence; empty: no stream). */
    SoldOutSeries(java.util.function.Function<String, java.util.Optional<Long>> lastSequence) {
        this.lastSequence = lastSequence;
    }

    void remember(String seriesId, Decision decision) {
        if (decisions.size() > 10_000) {
            decisions.clear(); // only a shortcut: forgetting it sends requests to the series again
        }
        decisions.put(seriesId, decision);
    }

    /**
     * Refuses the registration as the series did last time, when nothing it rested on has changed.
     *
     * @throws Refusal {@code 409 sold-out}, with the series' own message
     */
    public void refuseIfStillSoldOut(String seriesId, String registrationId, String clinicianId, Instant now) {
        Decision d = decisions.get(seriesId);
        if (d == null || d.registrationIds().contains(registrationId) || d.seatHolders().contains(clinicianId)
                || !now.isBefore(d.closesAt())) {
            return;
        }
        Long last = lastSequence.apply(seriesId).orElse(null);
        if (!Objects.equals(last, d.version())) {
            decisions.remove(seriesId, d);
            return;
        }
        throw Refusal.conflict("sold-out", d.message());
    }
}
