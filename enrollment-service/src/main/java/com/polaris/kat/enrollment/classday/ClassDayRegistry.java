package com.polaris.kat.enrollment.classday;

import com.polaris.kat.eventstore.RequestMetadata;
import com.polaris.kat.events.catalog.CatalogCommands.RescheduleSeriesClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDayMoved;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * Keeps series in step with their class days: a moved class day reschedules every series that uses
 * it. (A scheduled series creates or joins its days itself, in its own transaction:
 * {@link ClassDayPlaces#use}.) Runs as a streaming processor with
 * its token in the database, so a step is retried until it has happened; every command it sends
 * is a no-op when repeated.
 */
@Component
@ProcessingGroup("class-day-registry")
public class ClassDayRegistry {

    static final String ACTOR = "system:class-day-registry";

    private final CommandGateway commands;

    public ClassDayRegistry(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(ClassDayMoved e, MetaData metaData) {
        e.affectedSeriesIds().forEach(seriesId -> commands.sendAndWait(
                new RescheduleSeriesClassDay(seriesId, e.classDayId(), e.toDate(), e.reason()), RequestMetadata.system(ACTOR, metaData)));
    }
}
