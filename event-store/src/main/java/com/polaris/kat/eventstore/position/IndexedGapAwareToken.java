package com.polaris.kat.eventstore.position;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.eventhandling.GapAwareTrackingToken;

import java.beans.ConstructorProperties;
import java.util.Collection;

/**
 * Axon's gap-aware token as the PostgreSQL event store issues it with each event: where the reader
 * stands (the highest global index seen and the lower indexes still missing, the "gaps") and, in
 * addition, {@link #getEventIndex() the global index of the event it was issued with}.
 * <p>
 * Why: when an event commits after one with a higher global index, it fills a gap and the token
 * after it keeps the higher index. A projection that recorded {@code token.position()} recorded
 * the other event's position, and a unique position column then dropped the late event (issue 11:
 * the audit trail lost events under concurrency). Projections take an event's own position from
 * {@link EventPosition#of}, never from the token's index.
 * <p>
 * Stored as JSON in the token table: {@code {"index":120,"gaps":[117],"eventIndex":118}}. Equality,
 * ordering and coverage are the base token's (index and gaps); the event index is information only.
 */
public final class IndexedGapAwareToken extends GapAwareTrackingToken {

    private static final long serialVersionUID = 1L;

    private final long eventIndex;

    /**
     * @param index      the highest global index the reader has seen
     * @param gaps       lower global indexes not (yet) seen; each must be below {@code index}
     * @param eventIndex the global index of the event this token was issued with ({@code -1} for a
     *                   token that was not issued with an event: a tail, head or start token)
     */
    @JsonCreator
    @ConstructorProperties({"index", "gaps", "eventIndex"})
    public IndexedGapAwareToken(@JsonProperty("index") long index, @JsonProperty("gaps") Collection<Long> gaps,
                                @JsonProperty("eventIndex") long eventIndex) {
        super(index, gaps);
        this.eventIndex = eventIndex;
    }

    /** The token {@code base} names, issued with the event at {@code eventIndex}. */
    public static IndexedGapAwareToken of(GapAwareTrackingToken base, long eventIndex) {
        return new IndexedGapAwareToken(base.getIndex(), base.getGaps(), eventIndex);
    }

    /** The global index of the event this token was issued with; {@code -1} when none. */
    public long getEventIndex() {
        return eventIndex;
    }

    @Override
    public String toString() {
        return "IndexedGapAwareToken{index=" + getIndex() + ", gaps=" + getGaps() + ", eventIndex=" + eventIndex + '}';
    }
}
