package com.polaris.kat.enrollment.classday;

import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDayRescheduled;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link SeriesDates} from the series' stream through Axon's event store (PostgreSQL or Axon Server):
 * only {@code SeriesScheduled} and {@code SeriesClassDayRescheduled} payloads are deserialized.
 */
@Component
public class EventStoreSeriesDates implements SeriesDates {

    private final EventStore eventStore;

    /** @param eventStore the event store the series' stream is read from */
    public EventStoreSeriesDates(@Lazy EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Map<String, LocalDate> of(String seriesId) {
        Map<String, LocalDate> dates = new LinkedHashMap<>();
        DomainEventStream events = eventStore.readEvents(seriesId);
        while (events.hasNext()) {
            DomainEventMessage<?> e = events.next();
            if (e.getPayloadType() == SeriesScheduled.class) {
                for (SeriesClassDay d : ((SeriesScheduled) e.getPayload()).classDays()) {
                    dates.put(d.classDayId(), d.date());
                }
            } else if (e.getPayloadType() == SeriesClassDayRescheduled.class) {
                SeriesClassDayRescheduled r = (SeriesClassDayRescheduled) e.getPayload();
                dates.put(r.classDayId(), r.toDate());
            }
        }
        return dates;
    }
}
