package com.polaris.kat.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The staff console (issue 16): server-rendered screens for registrars, attendance staff, finance and
 * compliance. It holds no data and decides no rule: every page reads the projection service and every
 * form sends a command to the enrollment service, as the signed-in person (see {@link ApiRelay}).
 */
@SpringBootApplication
public class StaffConsoleApplication {

    /**
     * The console's "now" (UTC): whether a class day has started decides which forms its roster offers (attendance,
     * evaluations and participant reports once it has; a make-up's cancellation only before). A bean so that tests and
     * the end-to-end run move it with the services' clock.
     */
    @org.springframework.context.annotation.Bean
    java.time.Clock clock() {
        return java.time.Clock.systemUTC();
    }

    /** Starts the console (port {@code CONSOLE_PORT}, default 8083). */
    public static void main(String[] args) {
        SpringApplication.run(StaffConsoleApplication.class, args);
    }
}
