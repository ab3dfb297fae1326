package com.polaris.kat.enrollment.demo;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

/**
 * The demo loader in Axon Server mode handles its own commands. It writes the demo history at the
 * instants it happened on its own clock ({@link SettableClock}); routed through Axon Server, its
 * commands reached the running instances, which decide on the wall clock and refused the history
 * ("the class day has already started", seen in the first run against Axon Server). So the loader's
 * command bus is a local one, built as Axon's auto-configuration builds its local segment (a
 * SimpleCommandBus in the Spring transaction, with correlation data), which also keeps Axon Server's
 * command bus from being created; its events still go to Axon Server, whose sequence check refuses any append that
 * conflicts with a running instance, and that command is retried.
 */
@Configuration
@Profile("demo-load")
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
public class DemoLoadCommandBus {

    /** A local SimpleCommandBus as the loader's only command bus. */
    @Bean
    @Primary
    CommandBus demoLoadLocalCommandBus(TransactionManager txManager, org.axonframework.config.Configuration axon,
                                       DuplicateCommandHandlerResolver duplicates) {
        SimpleCommandBus bus = SimpleCommandBus.builder()
                .transactionManager(txManager)
                .duplicateCommandHandlerResolver(duplicates)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return bus;
    }
}
