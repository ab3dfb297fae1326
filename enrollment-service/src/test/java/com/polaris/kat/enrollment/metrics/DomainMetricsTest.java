package com.polaris.kat.enrollment.metrics;

import com.polaris.kat.enrollment.series.SeriesTestData;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Domain metrics count a command's events once it committed, and nothing of a command that rolled back. */
class DomainMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SimpleEventBus bus = SimpleEventBus.builder().build();

    DomainMetricsTest() {
        new DomainMetrics(meters, bus);
    }

    @Test
    void aCommittedRegistrationIsCountedWithItsAmountInDollars() {
        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            bus.publish(GenericEventMessage.asEventMessage(SeriesTestData.placed("r1", 1, true, 1, 30)));
            assertThat(meters.find("kat.registrations").counter()).as("not before the commit").isNull();
        });
        assertThat(meters.get("kat.registrations").tag("ce.option", "true").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("kat.payments.amount").summary().totalAmount()).isEqualTo(2175.0);
        assertThat(meters.get("kat.payments.amount").summary().getId().getBaseUnit()).isEqualTo("usd");
    }

    @Test
    void aRolledBackCommandCountsNothing() {
        assertThatThrownBy(() -> DefaultUnitOfWork.startAndGet(null).execute(() -> {
            bus.publish(GenericEventMessage.asEventMessage(SeriesTestData.placed("r2", 2, false, 1, 30)));
            throw new IllegalStateException("the append failed");
        })).hasMessageContaining("the append failed");
        assertThat(meters.find("kat.registrations").counter()).isNull();
    }

    @Test
    void eventsOutsideAUnitOfWorkAreCountedAtOnceAndMetersAreReused() {
        bus.publish(GenericEventMessage.asEventMessage(SeriesTestData.placed("r3", 3, false, 1, 30)));
        bus.publish(GenericEventMessage.asEventMessage(SeriesTestData.placed("r4", 4, false, 2, 30)));
        assertThat(meters.get("kat.registrations").tag("ce.option", "false").counter().count()).isEqualTo(2.0);
        assertThat(meters.get("kat.payments.amount").summary().count()).isEqualTo(2);
        assertThat(meters.get("kat.payments.amount").summary().totalAmount()).isEqualTo(4200.0);
    }
}
