package com.polaris.kat.enrollment.demo;

import com.polaris.kat.events.catalog.CatalogCommands.ClassDayPlan;
import com.polaris.kat.events.catalog.CatalogCommands.DefineModule;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog as the training page (shared/seed/training-page.txt) lists it. Capacities and the CE
 * option price are not on the page: they are demo values (docs/decisions.md).
 */
public final class TrainingPageCatalog {

    public static final int DEMO_CAPACITY = 30;
    public static final long PRICE_CENTS = 210_000;       // "Starting At: $2100.00"
    public static final long CE_OPTION_PRICE_CENTS = 7_500; // demo value

    public record DemoSeries(int number, List<ClassDayPlan> classDays) {
        public LocalDate firstDate() {
            return classDays.stream().map(ClassDayPlan::date).min(LocalDate::compareTo).orElseThrow();
        }
    }

    private TrainingPageCatalog() {
    }

    public static List<DefineModule> modules() {
        BigDecimal eight = new BigDecimal("8");
        return List.of(
                new DefineModule("M1", "Introduction to Ketamine Assisted Psychotherapy", eight),
                new DefineModule("M2", "Intermediate Workshop I on Ketamine-Assisted Psychotherapy", eight),
                new DefineModule("M3", "Intermediate Workshop II on Ketamine-Assisted Psychotherapy", eight),
                new DefineModule("M4", "Intermediate Workshop III on Ketamine-Assisted Psychotherapy", eight),
                new DefineModule("M5", "Intermediate Workshop IV on Ketamine-Assisted Psychotherapy", eight),
                new DefineModule("PRACTICE", "Training and Practice of Ketamine-Assisted Psychotherapy", eight));
    }

    /** Series 10 and 12 to 20 (there is no Series 11), dated exactly as on the page. */
    public static List<DemoSeries> pastSeries() {
        return List.of(
                series(10, "M1 2022-01-15", "M2 2022-02-07", "M3 2022-03-14", "M4 2022-04-08", "M5 2022-05-13"),
                series(12, "M1 2022-04-11", "M2 2022-05-16", "M3 2022-06-27", "M4 2022-08-08", "M5 2022-08-19"),
                series(13, "M1 2022-07-11", "M2 2022-08-15", "M3 2022-09-26", "M4 2022-10-24", "M5 2022-12-03"),
                series(14, "M1 2022-10-17", "M4 2022-10-24", "M2 2022-11-14", "M5 2022-12-03", "M3 2022-12-12"),
                series(15, "M1 2023-01-09", "M2 2023-01-30", "M3 2023-02-09", "M4 2023-02-27", "M5 2023-03-24"),
                series(16, "M1 2023-01-09", "M2 2023-01-30", "M3 2023-02-09", "M4 2023-02-27", "M5 2023-03-14",
                        "PRACTICE 2023-03-24"),
                series(17, "M1 2023-03-10", "M2 2023-05-09", "M3 2023-06-06", "M4 2023-07-17", "M5 2023-07-26",
                        "PRACTICE 2023-08-04"),
                series(18, "M1 2023-04-29", "M2 2023-05-09", "M3 2023-06-06", "M4 2023-07-17", "M5 2023-07-26",
                        "PRACTICE 2023-08-04"),
                series(19, "M1 2023-07-13", "M2 2023-08-01", "M3 2023-10-02", "M4 2023-11-13", "M5 2023-12-13",
                        "PRACTICE 2023-11-10"),
                series(20, "M1 2023-10-10", "M2 2023-11-09", "PRACTICE 2023-11-10", "M4 2023-11-13",
                        "M5 2023-12-13", "M3 2023-12-18"));
    }

    /**
     * A series that can be registered for today: it starts on the first Monday at least six weeks
     * after {@code today} (so both sides of the two-week cutoff can be tried) and runs one module a week.
     */
    public static DemoSeries futureSeries(LocalDate today) {
        LocalDate start = today.plusWeeks(6).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        String[] modules = {"M1", "M2", "M3", "M4", "M5", "PRACTICE"};
        List<ClassDayPlan> days = new ArrayList<>();
        for (int i = 0; i < modules.length; i++) {
            days.add(new ClassDayPlan(modules[i], start.plusWeeks(i)));
        }
        return new DemoSeries(21, days);
    }

    /**
     * A series inside the two-week window: it starts ten days after {@code today}, so registration is
     * still open and a cancellation today is late (the participant must choose credit or half refund).
     */
    public static DemoSeries lateWindowSeries(LocalDate today) {
        LocalDate start = today.plusDays(10);
        return new DemoSeries(22, List.of(new ClassDayPlan("M1", start), new ClassDayPlan("M2", start.plusWeeks(1))));
    }

    private static DemoSeries series(int number, String... days) {
        return new DemoSeries(number, java.util.Arrays.stream(days).map(d -> {
            String[] p = d.split(" ");
            return new ClassDayPlan(p[0], LocalDate.parse(p[1]));
        }).toList());
    }
}
