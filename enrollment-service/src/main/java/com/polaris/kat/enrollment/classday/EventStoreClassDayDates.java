package com.polaris.kat.enrollment.classday;

import com.polaris.kat.events.catalog.CatalogEvents.ClassDayMoved;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDayScheduled;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * {@link ClassDayDates} from the class day's stream through Axon's event store (PostgreSQL or Axon Server): only
 * {@code ClassDayScheduled} and {@code ClassDayMoved} payloads are deserialized.
 */
@Component
public class EventStoreClassDayDates implements ClassDayDates {

    private final EventStore eventStore;

    /** @param eventStore the event store the day's stream is read from */
    public EventStoreClassDayDates(@Lazy EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<LocalDate> currentDate(String classDayId) {
        LocalDate date = null;
        DomainEventStream events = eventStore.readEvents(classDayId);
        while (events.hasNext()) {
            DomainEventMessage<?> e = events.next();
            if (e.getPayloadType() == ClassDayScheduled.class) {
                date = ((ClassDayScheduled) e.getPayload()).date();
            } else if (e.getPayloadType() == ClassDayMoved.class) {
                date = ((ClassDayMoved) e.getPayload()).toDate();
            }
        }
        return Optional.ofNullable(date);
    }
}
