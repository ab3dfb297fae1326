package com.polaris.kat.enrollment.rules;

import com.polaris.kat.enrollment.attendance.CeCreditRule;
import com.polaris.kat.enrollment.catalog.CourseModule;
import com.polaris.kat.enrollment.classday.ClassDay;
import com.polaris.kat.enrollment.credit.CreditAccount;
import com.polaris.kat.enrollment.registration.Registration;
import com.polaris.kat.enrollment.series.Series;
import com.polaris.kat.events.enrollment.EnrollmentCommands.PayoutOutcome;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RecordRefundPayout;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.enrollment.support.Fixtures;
import com.polaris.kat.events.catalog.CatalogCommands.ChangeModuleCeHours;
import com.polaris.kat.events.catalog.CatalogCommands.ChangeSeriesCapacity;
import com.polaris.kat.events.catalog.CatalogCommands.SetMakeUpPlaces;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDayScheduled;
import com.polaris.kat.events.catalog.CatalogEvents.ModuleDefined;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.credit.CreditCommands.IssueCredit;
import com.polaris.kat.events.credit.CreditEvents.CreditIssued;
import com.polaris.kat.events.json.EventJson;
import com.polaris.kat.events.money.Money;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static com.polaris.kat.enrollment.support.RefusalMatchers.streamUnreadable;
import static org.assertj.core.api.Assertions.assertThat;

/** No aggregate decides on a stream holding an event type this build does not know. */
class ReadableStreamAggregateTest {

    private static final String FROM_THE_FUTURE = "com.polaris.kat.events.FromTheFuture";
    private static final Instant AT = Instant.parse("2023-10-01T18:00:00Z");

    /** What Axon's Jackson serializer hands an aggregate for a stored event whose class does not exist here. */
    static UnknownSerializedType unknownEvent() {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(EventJson.newObjectMapper()).build();
        return new UnknownSerializedType(serializer, new SimpleSerializedObject<>(
                "{\"seats\":3}".getBytes(StandardCharsets.UTF_8), byte[].class, FROM_THE_FUTURE, null));
    }

    @Test
    void aSeriesWithAnUnknownEventInItsStreamTakesNoDecision() {
        AggregateTestFixture<Series> fixture = new AggregateTestFixture<>(Series.class);
        fixture.registerInjectableResource(Fixtures.MODULE_CATALOG);
        fixture.registerInjectableResource(Fixtures.SESSIONS);
        fixture.registerInjectableResource(Fixtures.clockAt("2023-08-01T00:00:00Z"));
        fixture.registerInjectableResource(new CeCreditRule(CeCreditRule.DEFAULT_GRACE_MINUTES));
        SeriesScheduled scheduled = new SeriesScheduled("series-20", 20, 30, Money.dollars(2100), Money.ZERO, List.of(), "v1");
        fixture.given(scheduled, unknownEvent())
                .when(new ChangeSeriesCapacity("series-20", 31, "bigger room"))
                .expectException(streamUnreadable("series-20", 1, FROM_THE_FUTURE))
                .expectNoEvents();
    }

    @Test
    void aRegistrationWithAnUnknownEventInItsStreamTakesNoDecision() {
        AggregateTestFixture<Registration> fixture = new AggregateTestFixture<>(Registration.class);
        fixture.registerInjectableResource(Fixtures.clockAt("2023-08-01T00:00:00Z"));
        RegistrationPlaced placed = new RegistrationPlaced("series-20", "r1", "clin-1", null, false, Money.dollars(2100), Money.ZERO,
                Money.dollars(2100), new Payment(Money.dollars(2100), "ch_1", Money.ZERO), Money.ZERO, "v1", AT, 1, 30, "fp", null);
        fixture.given(placed, unknownEvent())
                .when(new RecordRefundPayout("series-20", "r1", PayoutOutcome.SETTLED, "re_1", null))
                .expectException(streamUnreadable("r1", 1, FROM_THE_FUTURE))
                .expectNoEvents();
    }

    @Test
    void aClassDayWithAnUnknownEventInItsStreamTakesNoDecision() {
        AggregateTestFixture<ClassDay> fixture = new AggregateTestFixture<>(ClassDay.class);
        fixture.given(new ClassDayScheduled("M4-2023-11-13", "M4", LocalDate.parse("2023-11-13"), Instant.parse("2023-11-13T17:00:00Z"),
                        Instant.parse("2023-11-14T01:00:00Z"), "series-19"), unknownEvent())
                .when(new SetMakeUpPlaces("M4-2023-11-13", 3))
                .expectException(streamUnreadable("M4-2023-11-13", 1, FROM_THE_FUTURE))
                .expectNoEvents();
    }

    @Test
    void aCourseModuleWithAnUnknownEventInItsStreamTakesNoDecision() {
        AggregateTestFixture<CourseModule> fixture = new AggregateTestFixture<>(CourseModule.class);
        fixture.given(new ModuleDefined("M1", "Intro", new BigDecimal("8")), unknownEvent())
                .when(new ChangeModuleCeHours("M1", new BigDecimal("7"), "accreditor"))
                .expectException(streamUnreadable("M1", 1, FROM_THE_FUTURE))
                .expectNoEvents();
    }

    @Test
    void aCreditAccountWithAnUnknownEventInItsStreamTakesNoDecision() {
        AggregateTestFixture<CreditAccount> fixture = new AggregateTestFixture<>(CreditAccount.class);
        fixture.given(new CreditIssued("clin-1", "cancellation:r1", Money.ofCents(100), "series-19", "r1", Money.ofCents(100), AT),
                        unknownEvent())
                .when(new IssueCredit("clin-1", "cancellation:r2", Money.ofCents(250), "series-20", "r2", AT))
                .expectException(streamUnreadable("credit-clin-1", 1, FROM_THE_FUTURE))
                .expectNoEvents();
    }

    @Test
    void everyAggregateOfTheServiceRefusesUnreadableStreams() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(org.axonframework.spring.stereotype.Aggregate.class));
        List<Class<?>> aggregates = new java.util.ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("com.polaris.kat")) {
            aggregates.add(Class.forName(candidate.getBeanClassName()));
        }
        assertThat(aggregates).contains(Series.class, Registration.class, ClassDay.class, CourseModule.class, CreditAccount.class);
        assertThat(aggregates).allSatisfy(a -> assertThat(ReadableStreamAggregate.class).isAssignableFrom(a));
    }
}
