package com.polaris.kat.enrollment.catalog;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Reads module definitions from their own aggregates, inside the caller's unit of work. */
@Component
public class EventSourcedModuleCatalog implements ModuleCatalog {

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
}
