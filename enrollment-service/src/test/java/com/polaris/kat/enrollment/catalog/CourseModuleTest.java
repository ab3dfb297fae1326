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

    /**
     * At most two decimals by value, not by how the number is written: a fresh reviewer's 8.000 and 7.500 were refused while
     * 0.80E1 was taken. They are kept with two decimals; 7.505 is refused.
     */
    @Test
    void ceHoursHaveAtMostTwoDecimalsByValue() {
        fixture.givenNoPriorActivity()
                .when(new DefineModule("M1", "Intro", new BigDecimal("8.000")))
                .expectEvents(new ModuleDefined("M1", "Intro", new BigDecimal("8.00")));
        new AggregateTestFixture<>(CourseModule.class).registerInjectableResource(com.polaris.kat.enrollment.support.Fixtures.clockAt(NOW))
                .given(new ModuleDefined("M1", "Intro", new BigDecimal("8")))
                .when(new ChangeModuleCeHours("M1", new BigDecimal("7.500"), "lunch excluded"))
                .expectEvents(new ModuleCeHoursChanged("M1", new BigDecimal("8"), new BigDecimal("7.50"), "lunch excluded", Instant.parse(NOW)));
        new AggregateTestFixture<>(CourseModule.class).givenNoPriorActivity()
                .when(new DefineModule("M2", "Intro", new BigDecimal("7.505")))
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
     * A change's instant is the clock's, always after the module's previous change: an instance whose clock lags must not
     * give a later change an earlier reach (a fresh reviewer's finding).
     */
    @Test
    void aChangeNeverTakesEffectBeforeTheModulesPreviousChange() {
        Instant ahead = Instant.parse(NOW).plusSeconds(3);
        fixture.given(new ModuleDefined("M1", "Intro", new BigDecimal("8")),
                        new ModuleCeHoursChanged("M1", new BigDecimal("8"), new BigDecimal("7"), "breaks excluded", ahead))
                .when(new ChangeModuleCeHours("M1", new BigDecimal("6"), "accreditor's review"))
                .expectEvents(new ModuleCeHoursChanged("M1", new BigDecimal("7"), new BigDecimal("6"), "accreditor's review",
                        ahead.plus(1, java.time.temporal.ChronoUnit.MICROS)));
    }

    /**
     * Two changes in one microsecond (or on an instance whose clock reads the previous change's instant) get instants of
     * their own, one microsecond apart, so that a CE decision's approval names one change (a fresh reviewer's finding).
     */
    @Test
    void eachChangeHasAnInstantOfItsOwn() {
        Instant now = Instant.parse(NOW);
        fixture.given(new ModuleDefined("M1", "Intro", new BigDecimal("8")),
                        new ModuleCeHoursChanged("M1", new BigDecimal("8"), new BigDecimal("7"), "breaks excluded", now))
                .when(new ChangeModuleCeHours("M1", new BigDecimal("6"), "accreditor's review"))
                .expectEvents(new ModuleCeHoursChanged("M1", new BigDecimal("7"), new BigDecimal("6"), "accreditor's review",
                        now.plus(1, java.time.temporal.ChronoUnit.MICROS)));
    }

    @Test
    void changingCeHoursNeedsAReason() {
        fixture.given(new ModuleDefined("M1", "Intro", new BigDecimal("8")))
                .when(new ChangeModuleCeHours("M1", new BigDecimal("7.5"), " "))
                .expectException(Refusal.class).expectNoEvents();
    }
}
