package com.polaris.kat.enrollment.support;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.rules.StreamUnreadable;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;

/** Hamcrest matchers for the exceptions aggregate fixtures expect. */
public final class RefusalMatchers {

    private RefusalMatchers() {
    }

    /** A {@link Refusal} with the given problem type (slug). */
    public static Matcher<Refusal> refusal(String type) {
        return new FeatureMatcher<>(Matchers.equalTo(type), "a refusal of type", "type") {
            @Override
            protected String featureValueOf(Refusal actual) {
                return actual.type();
            }
        };
    }

    /**
     * The failure of sourcing an unreadable stream: Axon wraps what an event sourcing handler throws
     * in a MessageHandlerInvocationException, whose cause is the {@link StreamUnreadable}.
     */
    public static Matcher<Throwable> streamUnreadable(String aggregateId, long sequenceNumber, String eventType) {
        return new FeatureMatcher<>(Matchers.allOf(Matchers.instanceOf(StreamUnreadable.class),
                Matchers.hasToString(Matchers.containsString("Event stream " + aggregateId + " ")),
                Matchers.hasToString(Matchers.containsString("sequence number " + sequenceNumber + " ")),
                Matchers.hasToString(Matchers.containsString(eventType))), "an exception caused by", "cause") {
            @Override
            protected Throwable featureValueOf(Throwable actual) {
                return actual.getCause();
            }
        };
    }
}
