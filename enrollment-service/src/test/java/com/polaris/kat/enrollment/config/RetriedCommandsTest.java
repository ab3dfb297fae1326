package com.polaris.kat.enrollment.config;

import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A handler knows a retry after a write conflict from the first attempt, through the gateway the service builds. */
class RetriedCommandsTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private CommandGateway gateway(SimpleCommandBus bus, int maxRetries) {
        RetriedCommands retried = new RetriedCommands();
        return DefaultCommandGateway.builder()
                .commandBus(new TranslatingCommandBus(bus, false, retried))
                .retryScheduler(new ConflictRetryScheduler(executor, maxRetries, 1, 2, retried))
                .build();
    }

    @Test
    void onlyTheRetriesAfterAWriteConflictAreMarked() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        bus.subscribe(String.class.getName(), command -> {
            seen.add(RetriedCommands.handlingARetry());
            if (attempts.incrementAndGet() <= 2) {
                throw new ConcurrencyException("another writer appended first");
            }
            return "done";
        });
        Object result = gateway(bus, 5).sendAndWait("register");
        assertThat(result).isEqualTo("done");
        assertThat(seen).containsExactly(false, true, true);

        // a command of its own afterwards is a first attempt again
        seen.clear();
        assertThat((Object) gateway(bus, 5).sendAndWait("another")).isEqualTo("done");
        assertThat(seen).containsExactly(false);
    }

    @Test
    void aRefusalIsNotRetriedAndAGiveUpLeavesTheNextCommandUnmarked() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        bus.subscribe(String.class.getName(), command -> {
            seen.add(RetriedCommands.handlingARetry());
            if (command.getPayload().equals("refused")) {
                throw new IllegalArgumentException("a rule says no");
            }
            if (command.getPayload().equals("conflicting")) {
                throw new ConcurrencyException("always behind");
            }
            return "done";
        });
        CommandGateway gateway = gateway(bus, 1);
        assertThatThrownBy(() -> gateway.sendAndWait("refused")).isInstanceOf(IllegalArgumentException.class);
        assertThat(seen).containsExactly(false);
        seen.clear();
        assertThatThrownBy(() -> gateway.sendAndWait("conflicting")).isInstanceOf(ConcurrencyException.class);
        assertThat(seen).as("one retry, then given up").containsExactly(false, true);
        seen.clear();
        assertThat((Object) gateway.sendAndWait("fine")).isEqualTo("done");
        assertThat(seen).containsExactly(false);
    }

    @Test
    void aRetryIsLoggedInTheServicesWordsWithoutTheDatabasesErrorText() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.axonframework");
        ch.qos.logback.classic.Logger ours = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ConflictRetryScheduler.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> axonLines = new ch.qos.logback.core.read.ListAppender<>();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> ourLines = new ch.qos.logback.core.read.ListAppender<>();
        axonLines.start();
        ourLines.start();
        logger.addAppender(axonLines);
        ours.addAppender(ourLines);
        try {
            SimpleCommandBus bus = SimpleCommandBus.builder().build();
            AtomicInteger attempts = new AtomicInteger();
            bus.subscribe(String.class.getName(), command -> {
                if (attempts.incrementAndGet() == 1) {
                    throw new ConcurrencyException("ERROR: duplicate key value violates unique constraint \"domain_event_entry_aggregate_sequence\"");
                }
                return "done";
            });
            assertThat((Object) gateway(bus, 3).sendAndWait("register")).isEqualTo("done");
            assertThat(ourLines.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .singleElement().asString().contains("Write conflict on String").contains("Will retry").doesNotContain("ERROR");
            assertThat(axonLines.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .noneMatch(m -> m.contains("duplicate key"));
        } finally {
            logger.detachAppender(axonLines);
            ours.detachAppender(ourLines);
        }
    }
}
