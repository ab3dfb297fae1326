package com.polaris.kat.projection.certificates;

import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditEarned;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditRevoked;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.events.time.ProgramTime;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** CE events as the command side writes them, for the certificate, verification and roster tests. */
public final class CeHistory {

    public static final BigDecimal EIGHT = new BigDecimal("8");

    private CeHistory() {
    }

    /** The module titles of the product rules. */
    public static String title(String module) {
        return switch (module) {
            case "M1" -> "Introduction to Ketamine Assisted Psychotherapy";
            case "M2" -> "Intermediate Workshop I";
            case "M3" -> "Intermediate Workshop II";
            case "M4" -> "Intermediate Workshop III";
            case "M5" -> "Intermediate Workshop IV";
            default -> "Training and Practice of Ketamine-Assisted Psychotherapy";
        };
    }

    public static SeriesClassDay day(String module, String date) {
        LocalDate d = LocalDate.parse(date);
        return new SeriesClassDay(module + "-" + date, module, title(module), d, ProgramTime.startOf(d), ProgramTime.endOf(d), EIGHT);
    }

    public static SeriesScheduled series(int number, List<SeriesClassDay> days) {
        return new SeriesScheduled("series-" + number, number, 30, Money.dollars(2100), Money.dollars(75), days, "v1");
    }

    /** Registered (and paid) on 2023-12-01, after the periods other scenarios of the shared test database total up. */
    public static RegistrationPlaced placed(String seriesId, String registrationId, String clinicianId, Clinician who, boolean ce) {
        Money due = ce ? Money.ofCents(217_500) : Money.dollars(2100);
        return new RegistrationPlaced(seriesId, registrationId, clinicianId,
                com.polaris.kat.projection.support.TestEvents.seal(clinicianId, registrationId, who), ce, Money.dollars(2100), Money.dollars(75), due,
                new Payment(due, "ch_" + registrationId, Money.ofCents(6_338)), Money.ZERO, "v1", Instant.parse("2023-12-01T17:00:00Z"), 1, 30,
                "fp-" + registrationId, null);
    }

    /** A client for the test users of application-test.yml, that never throws on a status. */
    public static org.springframework.web.client.RestClient client(int port, String user) {
        return org.springframework.web.client.RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(user, user + "-password-only-in-tests")).defaultStatusHandler(s -> true, (q, r) -> { }).build();
    }

    /** The verification code of the registration's valid certificate, once the views include position {@code head}. */
    @SuppressWarnings("unchecked")
    public static String certificateCode(int port, String registrationId, long head) {
        java.util.Map<String, Object> c = client(port, "compliance").get().uri("/api/certificates/" + registrationId + "?minPosition=" + head)
                .retrieve().body(java.util.Map.class);
        return (String) c.get("verificationCode");
    }

    /** Hours earned on the day (attended 09:00–17:00 Pacific, evaluation done). */
    public static ModuleCeCreditEarned earned(String seriesId, String registrationId, String clinicianId, SeriesClassDay d) {
        return new ModuleCeCreditEarned(seriesId, registrationId, clinicianId, d.moduleCode(), d.moduleTitle(), d.classDayId(), d.date(),
                d.ceHours(), d.startsAt(), d.endsAt(), d.startsAt(), d.endsAt(), null, 10, "in full within 10 min grace, evaluation completed");
    }

    public static ModuleCeCreditRevoked revoked(String seriesId, String registrationId, String clinicianId, SeriesClassDay d, String reason) {
        return new ModuleCeCreditRevoked(seriesId, registrationId, clinicianId, d.moduleCode(), d.classDayId(), d.ceHours(), reason);
    }
}
