package com.polaris.kat.enrollment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class EnrollmentServiceApplication {

    public static void main(String[] args) {
        // Axon 4.13 would call home at start-up and send machine details; there is no network here.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(EnrollmentServiceApplication.class, args);
    }
}
