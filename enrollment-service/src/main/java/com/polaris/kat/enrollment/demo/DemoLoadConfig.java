package com.polaris.kat.enrollment.demo;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

import java.time.Instant;

/** The one-shot loader process (profile demo-load): loads the demo catalog, then exits. */
@Configuration
@Profile("demo-load")
public class DemoLoadConfig {

    @Bean
    @Primary
    SettableClock settableClock() {
        return new SettableClock();
    }

    @Bean
    ApplicationRunner loadDemoCatalog(CommandGateway commands, SettableClock clock, ApplicationContext context,
                                      com.polaris.kat.events.enrollment.ClinicianIds ids) {
        return args -> {
            new DemoCatalogLoader(commands, clock::set, ids).load(Instant.now());
            System.exit(SpringApplication.exit(context, () -> 0));
        };
    }
}
