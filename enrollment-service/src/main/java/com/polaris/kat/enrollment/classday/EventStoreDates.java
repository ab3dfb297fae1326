package com.polaris.kat.enrollment.classday;

import com.polaris.kat.events.catalog.CatalogEvents.ClassDayMoved;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDayScheduled;
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
import java.util.Optional;

/**
 * {@link SeriesDates} and {@link ClassDayDates} (and the series using a day) from the series' or the class day's own
 * stream through Axon's event store (PostgreSQL or Axon Server), without taking its lock: only the scheduling, sharing
 * and move payloads are deserialized.
 */
@Component
public class EventStoreDates implements SeriesDates, ClassDayDates {

    private final EventStore eventStore;

    /** @param eventStore the event store the streams are read from */
    public EventStoreDates(@Lazy EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Map<String, LocalDate> of(String seriesId) {
        Map<String, LocalDate> dates = new LinkedHashMap<>();
        read(seriesId, payload -> {
            if (payload instanceof SeriesScheduled s) {
                for (SeriesClassDay d : s.classDays()) {
                    dates.put(d.classDayId(), d.date());
                }
            } else if (payload instanceof SeriesClassDayRescheduled r) {
                dates.put(r.classDayId(), r.toDate());
            }
        }, SeriesScheduled.class, SeriesClassDayRescheduled.class);
        return dates;
    }

    @Override
    public Optional<LocalDate> currentDate(String classDayId) {
        LocalDate[] date = new LocalDate[1];
        read(classDayId, payload -> date[0] = payload instanceof ClassDayMoved m ? m.toDate() : ((ClassDayScheduled) payload).date(),
                ClassDayScheduled.class, ClassDayMoved.class);
        return Optional.ofNullable(date[0]);
    }

    /**
     * The series using a class day, from its stream without its lock: the one that scheduled it and each that shared it.
     *
     * @param classDayId a class day id
     * @return series ids in ascending order; empty when there is no such day
     */
    public java.util.SortedSet<String> seriesUsing(String classDayId) {
        java.util.SortedSet<String> series = new java.util.TreeSet<>();
        read(classDayId, payload -> series.add(payload instanceof ClassDayScheduled s ? s.firstSeriesId()
                : ((com.polaris.kat.events.catalog.CatalogEvents.ClassDaySharedWithSeries) payload).seriesId()),
                ClassDayScheduled.class, com.polaris.kat.events.catalog.CatalogEvents.ClassDaySharedWithSeries.class);
        return series;
    }

    /**
     * The registrations holding a make-up place on a class day, from its stream without its lock: each that took one and
     * has not given it back.
     *
     * @param classDayId a class day id
     * @return registration id → its series id, in ascending registration id order; empty when there is none or no such day
     */
    public java.util.SortedMap<String, String> makeUpHolders(String classDayId) {
        java.util.SortedMap<String, String> holders = new java.util.TreeMap<>();
        read(classDayId, payload -> {
            if (payload instanceof com.polaris.kat.events.attendance.AttendanceEvents.ClassDayMakeUpTaken t) {
                holders.put(t.registrationId(), t.seriesId());
            } else {
                holders.remove(((com.polaris.kat.events.attendance.AttendanceEvents.ClassDayMakeUpReleased) payload).registrationId());
            }
        }, com.polaris.kat.events.attendance.AttendanceEvents.ClassDayMakeUpTaken.class,
                com.polaris.kat.events.attendance.AttendanceEvents.ClassDayMakeUpReleased.class);
        return holders;
    }

    /**
     * The make-ups a registration holds now, from its stream without its lock: each booked and not cancelled, on the date
     * its day runs now (moves applied).
     *
     * @param registrationId a registration id
     * @return module code → the make-up's class day id and date; empty when none or no such registration
     */
    public Map<String, Map.Entry<String, LocalDate>> makeUpsOf(String registrationId) {
        Map<String, Map.Entry<String, LocalDate>> makeUps = new java.util.TreeMap<>();
        read(registrationId, payload -> {
            if (payload instanceof com.polaris.kat.events.attendance.AttendanceEvents.MakeUpBooked b) {
                makeUps.put(b.moduleCode(), Map.entry(b.classDayId(), b.date()));
            } else if (payload instanceof com.polaris.kat.events.attendance.AttendanceEvents.MakeUpRescheduled r) {
                makeUps.put(r.moduleCode(), Map.entry(r.classDayId(), r.toDate()));
            } else {
                makeUps.remove(((com.polaris.kat.events.attendance.AttendanceEvents.MakeUpCancelled) payload).moduleCode());
            }
        }, com.polaris.kat.events.attendance.AttendanceEvents.MakeUpBooked.class,
                com.polaris.kat.events.attendance.AttendanceEvents.MakeUpRescheduled.class,
                com.polaris.kat.events.attendance.AttendanceEvents.MakeUpCancelled.class);
        return makeUps;
    }

    /** Hands {@code consumer} the payload of each event of the stream whose type is one of {@code types}, in order. */
    private void read(String streamId, java.util.function.Consumer<Object> consumer, Class<?>... types) {
        DomainEventStream events = eventStore.readEvents(streamId);
        while (events.hasNext()) {
            DomainEventMessage<?> e = events.next();
            for (Class<?> type : types) {
                if (e.getPayloadType() == type) {
                    consumer.accept(e.getPayload());
                }
            }
        }
    }
}
