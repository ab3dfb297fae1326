package com.polaris.kat.enrollment.config;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event table has no unique index on event identifiers (event-store migration V8): what still keeps an event from
 * being written twice is the (aggregate, sequence) index, for an aggregate's events and, since Axon stores an event
 * without an aggregate under its own identifier at sequence 0, for those too. Against PostgreSQL.
 */
class EventTableUniquenessTest extends EnrollmentServiceTestBase {

    @Autowired
    private EventStore eventStore;
    @Autowired
    private TransactionManager transactionManager;

    private void append(org.axonframework.eventhandling.EventMessage<?> event) {
        org.axonframework.messaging.unitofwork.UnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        uow.attachTransaction(transactionManager);
        eventStore.publish(event);
        uow.commit();
    }

    private long stored(String aggregate) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, aggregate);
    }

    @Test
    void anAggregatesEventWrittenTwiceIsRefusedAndStoredOnce() {
        String stream = "uniqueness-" + UUID.randomUUID();
        GenericDomainEventMessage<String> created = new GenericDomainEventMessage<>("UniquenessProbe", stream, 0, "created");
        GenericDomainEventMessage<String> next = new GenericDomainEventMessage<>("UniquenessProbe", stream, 1, "next");
        append(created);
        append(next);
        // the same messages again (their identifiers and sequences), and another message at a taken sequence
        assertThatThrownBy(() -> append(created)).isInstanceOf(org.axonframework.modelling.command.AggregateStreamCreationException.class);
        assertThatThrownBy(() -> append(next)).isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> append(new GenericDomainEventMessage<>("UniquenessProbe", stream, 1, "another"))).isInstanceOf(ConcurrencyException.class);
        assertThat(stored(stream)).isEqualTo(2);
    }

    @Test
    void anEventWithoutAnAggregateWrittenTwiceIsRefusedAndStoredOnce() {
        GenericEventMessage<String> event = new GenericEventMessage<>("no aggregate");
        append(event);
        assertThatThrownBy(() -> append(event)).isInstanceOf(ConcurrencyException.class);
        assertThat(stored(event.getIdentifier())).isEqualTo(1);
    }
}
