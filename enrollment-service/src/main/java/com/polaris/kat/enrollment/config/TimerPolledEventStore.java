package com.polaris.kat.enrollment.config;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/**
 * Axon's embedded event store whose reader (the thread that feeds this service's streaming processor,
 * {@code erasure-waitlist}) reads new events on its fetch delay only, not after every local commit.
 * <p>
 * Axon wakes the reader after each committed unit of work; under registrations that meant a read transaction
 * (one or two queries, a begin and a commit) per registration, for a processor that acted on the rare
 * {@code ClassDayMoved} (then {@code class-day-registry}; now the erasure-waitlist, acting on the rare erasure): 18 % of the service's CPU at one client in {@code infra/bench/run.sh profile 1},
 * 6 % at 16 clients, plus PostgreSQL's share. On a timer the same events are read in batches. Cost: an erased
 * clinician leaves the waitlists up to one fetch delay later (docs/decisions.md, "Command path").
 */
public class TimerPolledEventStore extends EmbeddedEventStore {

    /** @param builder Axon's builder, fully configured; its fetch delay is the polling period */
    public TimerPolledEventStore(Builder builder) {
        super(builder);
    }

    /** Does not wake the reader: it reads on its fetch delay. */
    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        // deliberately nothing: see the class comment
    }
}
