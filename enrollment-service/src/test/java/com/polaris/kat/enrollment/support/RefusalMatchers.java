package com.polaris.kat.enrollment.support;

import com.polaris.kat.enrollment.rules.Refusal;
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
}
