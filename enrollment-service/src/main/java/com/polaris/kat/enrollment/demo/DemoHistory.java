package com.polaris.kat.enrollment.demo;

import com.polaris.kat.events.attendance.AttendanceCommands.BookMakeUp;
import com.polaris.kat.events.catalog.CatalogCommands.SetMakeUpPlaces;
import com.polaris.kat.events.attendance.AttendanceCommands.CorrectAttendance;
import com.polaris.kat.events.attendance.AttendanceCommands.RecordAttendance;
import com.polaris.kat.events.attendance.AttendanceCommands.RecordEvaluationCompleted;
import com.polaris.kat.events.attendance.AttendanceCommands.Verification;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.ClinicianIds;
import com.polaris.kat.events.enrollment.EnrollmentCommands.CancelRegistration;
import com.polaris.kat.events.enrollment.EnrollmentCommands.PayoutOutcome;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RecordRefundPayout;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RegisterForSeries;
import com.polaris.kat.events.enrollment.LateCancellationChoice;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.events.time.ProgramTime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A realistic past for the demo (fictitious people): Series 10, 12, 13 and 14 sold out, as the training page marks them; in Series 19 and 20,
 * cancellations on both sides of the cutoff with both late choices, payouts (one failing first),
 * full attendance with evaluations, a correction that withdraws a module's hours, and a make-up
 * on the other series' day. Each step is a command sent at the time it happened.
 */
public final class DemoHistory {

    public record Step(Instant at, Object command) {
    }

    private DemoHistory() {
    }

    static final String ADA = DemoRegistrations.registrationId("Ada Demo");
    static final String BEN = DemoRegistrations.registrationId("Ben Demo");

    /** @param ids the service's pseudonymous clinician ids */
    public static List<Step> steps(ClinicianIds ids) {
        List<Step> s = new ArrayList<>();
        // Series 10, 12, 13 and 14 sold out (30 seats each), as the page says (a fresh reviewer found only 14 sold out), each
        // filled in the weeks before its first class day
        for (String[] sold : new String[][]{{"10", "2021-11-01"}, {"12", "2022-02-01"}, {"13", "2022-05-02"}, {"14", "2022-09-01"}}) {
            for (int i = 1; i <= TrainingPageCatalog.DEMO_CAPACITY; i++) {
                s.add(new Step(Instant.parse(sold[1] + "T17:00:00Z").plus(Duration.ofHours(7L * i)), register(ids, "series-" + sold[0],
                        "S" + sold[0] + " Participant " + i, "s" + sold[0] + "-" + i + "@example.org", i % 2 == 0)));
            }
        }
        // Series 19 (first day 2023-07-13): Finn takes every module, making up M3 on Series 20's day.
        String finn = id("Finn Demo");
        s.add(new Step(Instant.parse("2023-05-20T16:00:00Z"), register(ids, "series-19", "Finn Demo", "finn.demo@example.org", true)));
        s.addAll(attendAll("series-19", finn, List.of("M1-2023-07-13", "M2-2023-08-01", "PRACTICE-2023-11-10", "M4-2023-11-13", "M5-2023-12-13")));
        s.add(new Step(Instant.parse("2023-10-04T17:00:00Z"), new SetMakeUpPlaces("M3-2023-12-18", 2)));
        s.add(new Step(Instant.parse("2023-10-04T18:00:00Z"), new BookMakeUp("series-19", finn, "M3", "M3-2023-12-18")));
        s.addAll(attendAll("series-19", finn, List.of("M3-2023-12-18")));
        // Series 20 (first day 2023-10-10, cutoff 2023-09-26 09:00 PDT).
        String cara = id("Cara Demo");
        String dev = id("Dev Demo");
        String eve = id("Eve Demo");
        s.add(new Step(Instant.parse("2023-08-20T18:00:00Z"), register(ids, "series-20", "Cara Demo", "cara.demo@example.org", true)));
        s.add(new Step(Instant.parse("2023-08-25T18:00:00Z"), register(ids, "series-20", "Dev Demo", "dev.demo@example.org", false)));
        s.add(new Step(Instant.parse("2023-08-28T18:00:00Z"), register(ids, "series-20", "Eve Demo", "eve.demo@example.org", true)));
        s.add(new Step(Instant.parse("2023-09-10T18:00:00Z"), new CancelRegistration("series-20", cara, null, "new job, cannot take the days off")));
        s.add(new Step(Instant.parse("2023-09-12T18:00:00Z"), new RecordRefundPayout("series-20", cara, PayoutOutcome.FAILED, null, "card expired")));
        s.add(new Step(Instant.parse("2023-09-15T18:00:00Z"), new RecordRefundPayout("series-20", cara, PayoutOutcome.SETTLED, "re_demo_cara", null)));
        s.add(new Step(Instant.parse("2023-10-02T18:00:00Z"), new CancelRegistration("series-20", dev, LateCancellationChoice.REFUND, "illness")));
        s.add(new Step(Instant.parse("2023-10-06T18:00:00Z"), new RecordRefundPayout("series-20", dev, PayoutOutcome.SETTLED, "re_demo_dev", null)));
        s.add(new Step(Instant.parse("2023-10-03T18:00:00Z"), new CancelRegistration("series-20", eve, LateCancellationChoice.CREDIT, "will join a later series")));
        // Ada attends everything; a correction then shows she left M2 at 13:00, so M2's hours are withdrawn.
        s.addAll(attendAll("series-20", ADA, List.of("M1-2023-10-10", "M2-2023-11-09", "PRACTICE-2023-11-10", "M4-2023-11-13", "M5-2023-12-13", "M3-2023-12-18")));
        LocalDate m2 = LocalDate.parse("2023-11-09");
        s.add(new Step(Instant.parse("2023-11-20T18:00:00Z"), new CorrectAttendance("series-20", ADA, "M2-2023-11-09",
                ProgramTime.startOf(m2), ProgramTime.startOf(m2).plus(Duration.ofHours(4)), null, Verification.STAFF_SIGN_IN,
                "staff sign-out sheet shows she left at 13:00")));
        // Ben (no CE option) attends M1: attendance, no hours.
        s.add(new Step(Instant.parse("2023-10-11T02:00:00Z"), new RecordAttendance("series-20", BEN, "M1-2023-10-10", null, null, 480, Verification.STAFF_SIGN_IN)));
        s.sort(java.util.Comparator.comparing(Step::at));
        return s;
    }

    /** Eve's credit, used today for the future series (sent by the loader at the real time). */
    public static com.polaris.kat.events.enrollment.EnrollmentCommands.TransferCreditToSeries eveTransfersCredit(ClinicianIds ids) {
        Clinician eve = clinician("Eve Demo", "eve.demo@example.org");
        return new com.polaris.kat.events.enrollment.EnrollmentCommands.TransferCreditToSeries("series-21", id("Eve Demo transfer"),
                ids.fromEmail(eve.email()), eve, true, Payment.NONE, "demo:eve-transfer");
    }

    private static List<Step> attendAll(String seriesId, String registrationId, List<String> classDays) {
        List<Step> s = new ArrayList<>();
        for (String day : classDays) {
            String module = day.substring(0, day.indexOf('-'));
            LocalDate date = LocalDate.parse(day.substring(day.indexOf('-') + 1));
            Instant start = ProgramTime.startOf(date);
            Instant end = ProgramTime.endOf(date);
            s.add(new Step(end.plus(Duration.ofHours(1)), new RecordAttendance(seriesId, registrationId, day, start.plus(Duration.ofMinutes(3)), end,
                    null, Verification.PLATFORM_LOG)));
            s.add(new Step(end.plus(Duration.ofHours(2)), new RecordEvaluationCompleted(seriesId, registrationId, module)));
        }
        return s;
    }

    static String id(String name) {
        return DemoRegistrations.registrationId(name);
    }

    private static Clinician clinician(String name, String email) {
        return new Clinician(name, email, "Marriage and Family Therapist", "LMFT-" + Math.abs(name.hashCode() % 100000), "CA");
    }

    private static RegisterForSeries register(ClinicianIds ids, String seriesId, String name, String email, boolean ce) {
        Money paid = Money.ofCents(TrainingPageCatalog.PRICE_CENTS + (ce ? TrainingPageCatalog.CE_OPTION_PRICE_CENTS : 0));
        Money fee = Money.ofCents(Math.round(paid.cents() * 0.029) + 30);
        String id = id(name);
        return new RegisterForSeries(seriesId, id, ids.fromEmail(email), clinician(name, email), ce,
                new Payment(paid, "ch_demo_" + id.substring(0, 8), fee), Money.ZERO, "demo:" + id);
    }
}
