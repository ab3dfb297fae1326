package com.polaris.kat.enrollment.catalog;

import com.polaris.kat.events.catalog.CatalogEvents.ModuleCeHoursChanged;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link CeHoursApprovals} from the module's own stream through Axon's event store (PostgreSQL or Axon Server), read
 * without the module's lock: a CE decision on one module must not wait for another (every check-in of a class day
 * decides the module's hours; a fresh reviewer found them all serialised on the module's lock, participant-report
 * imports included). Only the hours changes are deserialized; read once per module per command (a participant report
 * decides many registrations). A change still being recorded cannot reach a day being decided: decisions are made on
 * days that have started, and a change applies to days that start after it is recorded.
 */
@Component
public class EventStoreCeHoursApprovals implements CeHoursApprovals {

    private static final String READ = EventStoreCeHoursApprovals.class.getName() + ".read";

    private final EventStore eventStore;

    /** @param eventStore the event store the module streams are read from */
    public EventStoreCeHoursApprovals(@Lazy EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** {@link ModuleCeApprovals#approvedFor} of the day's module at the day's start, with the hours the series was scheduled with. */
    @Override
    public ApprovedCeHours hoursFor(SeriesClassDay day) {
        return approvals(day.moduleCode()).approvedFor(day.startsAt(), day.ceHours());
    }

    private ModuleCeApprovals approvals(String moduleCode) {
        if (!CurrentUnitOfWork.isStarted()) {
            return read(moduleCode);
        }
        Map<String, ModuleCeApprovals> read = CurrentUnitOfWork.get().root().getOrComputeResource(READ, k -> new HashMap<>());
        return read.computeIfAbsent(moduleCode, this::read);
    }

    private ModuleCeApprovals read(String moduleCode) {
        List<ModuleCeHoursChanged> changes = new ArrayList<>();
        DomainEventStream events = eventStore.readEvents(moduleCode);
        while (events.hasNext()) {
            DomainEventMessage<?> e = events.next();
            if (e.getPayloadType() == ModuleCeHoursChanged.class) {
                changes.add((ModuleCeHoursChanged) e.getPayload());
            }
        }
        return ModuleCeApprovals.of(changes);
    }
}
