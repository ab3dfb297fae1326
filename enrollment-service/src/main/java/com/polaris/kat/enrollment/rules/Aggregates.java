package com.polaris.kat.enrollment.rules;

import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.util.function.Supplier;

/** Loading an aggregate that a rule requires to exist. */
public final class Aggregates {

    private Aggregates() {
    }

    /** The aggregate, or the given refusal when it has no events. */
    public static <T> Aggregate<T> loadOrRefuse(Repository<T> repository, String id, Supplier<Refusal> whenMissing) {
        try {
            return repository.load(id);
        } catch (AggregateNotFoundException e) {
            throw whenMissing.get();
        }
    }
}
