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

    /** Starts the console (port {@code CONSOLE_PORT}, default 8083). */
    public static void main(String[] args) {
        SpringApplication.run(StaffConsoleApplication.class, args);
    }
}
