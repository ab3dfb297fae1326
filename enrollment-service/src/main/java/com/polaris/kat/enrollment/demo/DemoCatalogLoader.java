package com.polaris.kat.enrollment.demo;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.eventstore.RequestMetadata;
import com.polaris.kat.events.catalog.CatalogCommands.ScheduleSeries;
import com.polaris.kat.events.catalog.SeriesIds;
import com.polaris.kat.events.enrollment.RegistrationResult;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.events.time.ProgramTime;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Loads the training page's catalog through the ordinary command path. Past series are scheduled
 * with the clock set to 60 days before their first class day, when they were still ahead. A second
 * load adds nothing: what exists is refused by the same rules as any duplicate, and skipped.
 */
public class DemoCatalogLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogLoader.class);
    static final MetaData ACTOR = MetaData.with(RequestMetadata.ACTOR, "system:demo-loader");
    private static final Set<String> ALREADY_THERE = Set.of("module-exists", "series-exists");

    private final CommandGateway commands;
    private final Consumer<Instant> clock;
    private final com.polaris.kat.events.enrollment.ClinicianIds ids;

    /** @param setClock sets the domain clock to the moment a step happened */
    public DemoCatalogLoader(CommandGateway commands, Consumer<Instant> setClock, com.polaris.kat.events.enrollment.ClinicianIds ids) {
        this.ids = ids;
        this.commands = commands;
        this.clock = setClock;
    }

    public record Result(int created, int skipped) {
    }

    public Result load(Instant realNow) {
        int created = 0;
        int skipped = 0;
        List<TrainingPageCatalog.DemoSeries> past = TrainingPageCatalog.pastSeries();
        clock.accept(ProgramTime.startOf(past.get(0).firstDate()).minus(Duration.ofDays(90)));
        for (Object module : TrainingPageCatalog.modules()) {
            if (send(module)) created++; else skipped++;
        }
        for (TrainingPageCatalog.DemoSeries s : past) {
            clock.accept(ProgramTime.startOf(s.firstDate()).minus(Duration.ofDays(60)));
            if (send(schedule(s))) created++; else skipped++;
        }
        for (DemoRegistrations.DemoRegistration r : DemoRegistrations.series20(ids)) {
            clock.accept(r.at());
            RegistrationResult result = commands.sendAndWait(r.command(), ACTOR);
            if (result.replayed()) skipped++; else created++;
        }
        clock.accept(realNow);
        LocalDate today = LocalDate.ofInstant(realNow, ProgramTime.ZONE);
        if (send(schedule(TrainingPageCatalog.futureSeries(today)))) created++; else skipped++;
        if (send(schedule(TrainingPageCatalog.lateWindowSeries(today)))) created++; else skipped++;
        if (historyLoaded()) {
            skipped++;
        } else {
            for (DemoHistory.Step step : DemoHistory.steps(ids)) {
                clock.accept(step.at());
                sendWhenReady(step.command());
            }
            clock.accept(realNow);
            sendWhenReady(DemoHistory.eveTransfersCredit(ids));
            created++;
        }
        log.info("demo catalog: {} created, {} already there", created, skipped);
        return new Result(created, skipped);
    }

    private static ScheduleSeries schedule(TrainingPageCatalog.DemoSeries s) {
        return new ScheduleSeries(SeriesIds.of(s.number()), s.number(), TrainingPageCatalog.DEMO_CAPACITY,
                Money.ofCents(TrainingPageCatalog.PRICE_CENTS), Money.ofCents(TrainingPageCatalog.CE_OPTION_PRICE_CENTS),
                s.classDays());
    }

    /** The history is loaded once: its last step, Eve's transfer, marks it as there. */
    private boolean historyLoaded() {
        try {
            RegistrationResult r = commands.sendAndWait(DemoHistory.eveTransfersCredit(ids), ACTOR);
            return r.replayed();
        } catch (Refusal notYet) {
            return false;
        }
    }

    /**
     * Sends a step whose class day the class-day registry creates moments after the series is
     * scheduled: while the day is not there yet, it tries again, for at most 30 seconds.
     */
    private void sendWhenReady(Object command) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                commands.sendAndWait(command, ACTOR);
                return;
            } catch (Refusal | AggregateNotFoundException e) {
                boolean dayNotYetThere = e instanceof AggregateNotFoundException
                        || (e instanceof Refusal r && r.type().equals("class-day-not-found"));
                if (!dayNotYetThere || System.nanoTime() > deadline) {
                    throw e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
    }

    private boolean send(Object command) {
        try {
            commands.sendAndWait(command, ACTOR);
            return true;
        } catch (Refusal r) {
            if (ALREADY_THERE.contains(r.type())) {
                return false;
            }
            throw r;
        }
    }

}
