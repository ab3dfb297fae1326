package com.polaris.kat.projection;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The read side: projections of the event store and the queries over them. Scheduling runs {@code streaming/ProjectionFigures}. */
@SpringBootApplication
@org.springframework.scheduling.annotation.EnableScheduling
public class ProjectionServiceApplication {

    public static void main(String[] args) {
        // Axon 4.13 would call home at start-up and send machine details; there is no network here.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(ProjectionServiceApplication.class, args);
    }
}
