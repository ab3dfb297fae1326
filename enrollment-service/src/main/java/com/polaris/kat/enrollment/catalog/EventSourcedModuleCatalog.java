package com.polaris.kat.enrollment.catalog;

import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Reads module definitions and their approved hours from their own aggregates, inside the caller's unit of work (a
 * cached module is checked against its stream before the caller's outcome stands, config/AggregateCaching).
 */
@Component
public class EventSourcedModuleCatalog implements ModuleCatalog, CeHoursApprovals {

    private final Repository<CourseModule> modules;

    public EventSourcedModuleCatalog(Repository<CourseModule> courseModuleRepository) {
        this.modules = courseModuleRepository;
    }

    @Override
    public Optional<ModuleDefinition> find(String moduleCode) {
        try {
            return Optional.of(modules.load(moduleCode).invoke(CourseModule::definition));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * {@link CourseModule#ceHoursApprovedFor} of the day's module at the day's start.
     *
     * @throws IllegalStateException the day's module has no stream (a series is scheduled only from defined modules)
     */
    @Override
    public BigDecimal hoursFor(SeriesClassDay day) {
        try {
            return modules.load(day.moduleCode()).invoke(m -> m.ceHoursApprovedFor(day.startsAt()));
        } catch (AggregateNotFoundException e) {
            throw new IllegalStateException("class day " + day.classDayId() + " is of module " + day.moduleCode() + ", which has no stream", e);
        }
    }
}
