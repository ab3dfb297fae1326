package com.polaris.kat.enrollment.rules;

import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.util.function.Supplier;

/** Loading an aggregate that a rule requires to exist. */
public final class Aggregates {

    private Aggregates() {
    }

    /**
     * The aggregate, or the given refusal when it has no events, or when the id names a stream of
     * another kind (e.g. a series id that is a module's code: the events do not make this aggregate,
     * Axon's IncompatibleAggregateException; it had answered 500, found by the fuzz test of issue 14).
     */
    public static <T> Aggregate<T> loadOrRefuse(Repository<T> repository, String id, Supplier<Refusal> whenMissing) {
        try {
            return repository.load(id);
        } catch (AggregateNotFoundException | org.axonframework.eventsourcing.IncompatibleAggregateException e) {
            throw whenMissing.get();
        }
    }
}
