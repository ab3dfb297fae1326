package com.polaris.kat.enrollment.classday;

import com.polaris.kat.eventstore.RequestMetadata;
import com.polaris.kat.events.catalog.CatalogCommands.RescheduleSeriesClassDay;
import com.polaris.kat.events.catalog.CatalogCommands.UseClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDayMoved;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * Keeps class days and series in step: a scheduled series uses (creates or joins) its class days,
 * and a moved class day reschedules every series that uses it. Runs as a streaming processor with
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
    void on(SeriesScheduled e, MetaData metaData) {
        e.classDays().forEach(d -> commands.sendAndWait(new UseClassDay(d.classDayId(), d.moduleCode(), d.date(), e.seriesId()),
                systemMetaData(metaData)));
    }

    @EventHandler
    void on(ClassDayMoved e, MetaData metaData) {
        e.affectedSeriesIds().forEach(seriesId -> commands.sendAndWait(
                new RescheduleSeriesClassDay(seriesId, e.classDayId(), e.toDate(), e.reason()), systemMetaData(metaData)));
    }

    private static MetaData systemMetaData(MetaData cause) {
        MetaData m = MetaData.with(RequestMetadata.ACTOR, ACTOR);
        Object correlation = cause.get(RequestMetadata.CORRELATION_ID);
        return correlation == null ? m : m.and(RequestMetadata.CORRELATION_ID, correlation);
    }
}
