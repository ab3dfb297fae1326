package com.polaris.kat.enrollment.catalog;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.catalog.CatalogCommands.ChangeModuleCeHours;
import com.polaris.kat.events.catalog.CatalogCommands.DefineModule;
import com.polaris.kat.events.catalog.CatalogEvents.ModuleCeHoursChanged;
import com.polaris.kat.events.catalog.CatalogEvents.ModuleDefined;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CourseModuleTest {

    private static final String NOW = "2026-12-06T12:00:00Z";
    private AggregateTestFixture<CourseModule> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CourseModule.class);
        fixture.registerInjectableResource(com.polaris.kat.enrollment.support.Fixtures.clockAt(NOW));
    }

    @Test
    void defineModulePublishesModuleDefined() {
        fixture.givenNoPriorActivity()
                .when(new DefineModule("M1", "Introduction to Ketamine Assisted Psychotherapy", new BigDecimal("8")))
                .expectEvents(new ModuleDefined("M1", "Introduction to Ketamine Assisted Psychotherapy", new BigDecimal("8")));
    }

    @Test
    void definingAModuleTwiceIsRefusedAsExisting() {
        fixture.given(new ModuleDefined("M1", "Intro", new BigDecimal("8")))
                .when(new DefineModule("M1", "Intro again", new BigDecimal("8")))
                .expectException(Refusal.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("already defined"))
                .expectNoEvents();
    }

    @Test
    void ceHoursMustBePositiveAndAtMostEight() {
        fixture.givenNoPriorActivity()
                .when(new DefineModule("M1", "Intro", new BigDecimal("8.5")))
                .expectException(Refusal.class).expectNoEvents();
        new AggregateTestFixture<>(CourseModule.class).givenNoPriorActivity()
                .when(new DefineModule("M2", "Intro", BigDecimal.ZERO))
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void moduleCodeMustBeUpperCaseLettersAndDigits() {
        fixture.givenNoPriorActivity()
                .when(new DefineModule("m 1", "Intro", new BigDecimal("8")))
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void changingCeHoursRecordsTheOldAndNewHoursWithTheReason() {
        fixture.given(new ModuleDefined("M1", "Intro", new BigDecimal("8")))
                .when(new ChangeModuleCeHours("M1", new BigDecimal("7.5"), "accreditor excludes the lunch break"))
                .expectEvents(new ModuleCeHoursChanged("M1", new BigDecimal("8"), new BigDecimal("7.5"), "accreditor excludes the lunch break", Instant.parse(NOW)));
    }

    /**
     * A class day earns the hours approved when it starts: the first hours before any change, each change's hours for days
     * starting after it; a day starting at the very instant of a change had started (product rules: "now" counts as
     * started) and keeps the hours before it.
     */
    @Test
    void aClassDayEarnsTheHoursApprovedWhenItStarts() {
        Instant first = Instant.parse("2027-01-01T00:00:00Z");
        Instant second = Instant.parse("2027-03-01T00:00:00Z");
        fixture.given(new ModuleDefined("M1", "Intro", new BigDecimal("8")),
                        new ModuleCeHoursChanged("M1", new BigDecimal("8"), new BigDecimal("7"), "breaks excluded", first),
                        new ModuleCeHoursChanged("M1", new BigDecimal("7"), new BigDecimal("6.5"), "accreditor's review", second))
                .when(new ChangeModuleCeHours("M1", new BigDecimal("6.5"), "unchanged"))
                .expectNoEvents()
                .expectState(m -> {
                    assertThat(m.ceHoursApprovedFor(Instant.parse("2026-12-31T16:00:00Z"))).isEqualByComparingTo("8");
                    assertThat(m.ceHoursApprovedFor(first)).as("started at the change").isEqualByComparingTo("8");
                    assertThat(m.ceHoursApprovedFor(first.plusSeconds(1))).isEqualByComparingTo("7");
                    assertThat(m.ceHoursApprovedFor(second)).isEqualByComparingTo("7");
                    assertThat(m.ceHoursApprovedFor(Instant.parse("2027-03-08T17:00:00Z"))).isEqualByComparingTo("6.5");
                    assertThat(m.definition().ceHours()).as("what series scheduled now copy").isEqualByComparingTo("6.5");
                });
    }

    @Test
    void changingCeHoursNeedsAReason() {
        fixture.given(new ModuleDefined("M1", "Intro", new BigDecimal("8")))
                .when(new ChangeModuleCeHours("M1", new BigDecimal("7.5"), " "))
                .expectException(Refusal.class).expectNoEvents();
    }
}
