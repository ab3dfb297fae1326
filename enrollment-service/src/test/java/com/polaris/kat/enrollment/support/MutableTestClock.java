package com.polaris.kat.enrollment.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The domain's clock in HTTP tests: the test says what time it is. */
public class MutableTestClock extends Clock {

    private volatile Instant now = Instant.parse("2023-08-01T00:00:00Z");

    public void set(String instant) {
        now = Instant.parse(instant);
    }

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
