package com.polaris.kat.enrollment.demo;

import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.ClinicianIds;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RegisterForSeries;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.money.Money;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Demo clinicians registered in Series 20 in August 2023 (fictitious people), so attendance can be tried. */
public final class DemoRegistrations {

    public record DemoRegistration(Instant at, RegisterForSeries command) {
    }

    private DemoRegistrations() {
    }

    public static String registrationId(String name) {
        return UUID.nameUUIDFromBytes(("demo-registration:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** @param ids the service's pseudonymous clinician ids */
    public static List<DemoRegistration> series20(ClinicianIds ids) {
        return List.of(
                registration(ids, "2023-08-15T17:30:00Z", "Ada Demo", "ada.demo@example.org", "Psychologist", "PSY-10001", "CA", true),
                registration(ids, "2023-08-22T20:10:00Z", "Ben Demo", "ben.demo@example.org", "Nurse Practitioner", "NP-20002", "OR", false));
    }

    private static DemoRegistration registration(ClinicianIds ids, String at, String name, String email, String profession, String license,
                                                 String state, boolean ce) {
        Money paid = Money.ofCents(TrainingPageCatalog.PRICE_CENTS + (ce ? TrainingPageCatalog.CE_OPTION_PRICE_CENTS : 0));
        Money fee = Money.ofCents(Math.round(paid.cents() * 0.029) + 30); // what a card processor typically charges
        String id = registrationId(name);
        return new DemoRegistration(Instant.parse(at), new RegisterForSeries("series-20", id, ids.fromEmail(email),
                new Clinician(name, email, profession, license, state), ce,
                new Payment(paid, "ch_demo_" + id.substring(0, 8), fee), Money.ZERO, "demo:" + id));
    }
}
