package com.polaris.kat.eventstore.position;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/**
 * An event's own position in the global event stream, as an event handler receives it with its
 * tracking token. The one place projections take a position from (never {@code token.position()},
 * which for a gap-aware token is the highest index seen, not the event's).
 */
public final class EventPosition {

    private EventPosition() {
    }

    /**
     * @param token the tracking token delivered with the event (a replay token is unwrapped)
     * @return the event's global index in the PostgreSQL store, or its Axon Server global sequence
     * @throws IllegalStateException for a token that does not say which event it came with (a plain
     *                               {@link GapAwareTrackingToken} from another storage engine): recording the token's index
     *                               instead would record another event's position
     */
    public static long of(TrackingToken token) {
        TrackingToken t = WrappedToken.unwrapLowerBound(token);
        if (t instanceof IndexedGapAwareToken indexed && indexed.getEventIndex() >= 0) {
            return indexed.getEventIndex();
        }
        if (t instanceof GlobalSequenceTrackingToken global) {
            return global.getGlobalIndex(); // Axon Server: every event has its own token position
        }
        throw new IllegalStateException("the token " + t + " does not name the position of its event");
    }
}
