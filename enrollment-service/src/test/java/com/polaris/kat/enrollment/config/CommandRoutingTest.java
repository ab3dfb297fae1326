package com.polaris.kat.enrollment.config;

import com.polaris.kat.events.attendance.AttendanceCommands;
import com.polaris.kat.events.catalog.CatalogCommands;
import com.polaris.kat.events.credit.CreditCommands;
import com.polaris.kat.events.enrollment.EnrollmentCommands;
import com.polaris.kat.events.privacy.PrivacyCommands;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Axon Server mode routes every command by the stream it decides on: each command type has a
 * routing key (its {@code @TargetAggregateIdentifier} or {@code @RoutingKey}), the service's routing
 * strategy resolves it, and a type without one would fail at dispatch instead of going to a random
 * instance.
 */
class CommandRoutingTest {

    /** Each command type and the field it is routed by: the stream whose decision it contests. */
    private static final Map<Class<?>, String> ROUTED_BY = Map.ofEntries(
            entry(CatalogCommands.DefineModule.class, "moduleCode"),
            entry(CatalogCommands.ChangeModuleCeHours.class, "moduleCode"),
            entry(CatalogCommands.ScheduleSeries.class, "seriesId"),
            entry(CatalogCommands.ChangeSeriesCapacity.class, "seriesId"),
            entry(CatalogCommands.UseClassDay.class, "classDayId"),
            entry(CatalogCommands.MoveClassDay.class, "classDayId"),
            entry(CatalogCommands.RescheduleSeriesClassDay.class, "seriesId"),
            entry(CatalogCommands.SetMakeUpPlaces.class, "classDayId"),
            entry(EnrollmentCommands.RegisterForSeries.class, "seriesId"),
            entry(EnrollmentCommands.CancelRegistration.class, "registrationId"),
            entry(EnrollmentCommands.RecordRefundPayout.class, "registrationId"),
            entry(EnrollmentCommands.TransferCreditToSeries.class, "seriesId"),
            entry(AttendanceCommands.RecordAttendance.class, "registrationId"),
            entry(AttendanceCommands.CorrectAttendance.class, "registrationId"),
            entry(AttendanceCommands.RecordEvaluationCompleted.class, "registrationId"),
            entry(AttendanceCommands.WithdrawEvaluation.class, "registrationId"),
            entry(AttendanceCommands.ReviewReportsSetAside.class, "registrationId"),
            entry(AttendanceCommands.BookMakeUp.class, "classDayId"),
            entry(AttendanceCommands.CancelMakeUp.class, "registrationId"),
            entry(AttendanceCommands.ImportParticipantReport.class, "classDayId"),
            entry(AttendanceCommands.IgnoreParticipantReportRows.class, "classDayId"),
            entry(CreditCommands.IssueCredit.class, "accountId"),
            entry(PrivacyCommands.RequestErasure.class, "streamId"),
            entry(PrivacyCommands.ShredCeIdentity.class, "streamId"),
            entry(com.polaris.kat.events.waitlist.WaitlistCommands.JoinWaitlist.class, "seriesId"),
            entry(com.polaris.kat.events.waitlist.WaitlistCommands.LeaveWaitlist.class, "seriesId"),
            entry(com.polaris.kat.events.waitlist.WaitlistCommands.AcceptWaitlistOffer.class, "seriesId"),
            entry(com.polaris.kat.events.waitlist.WaitlistCommands.DeclineWaitlistOffer.class, "seriesId"),
            entry(com.polaris.kat.events.waitlist.WaitlistCommands.ChangeSeriesOfferWindow.class, "seriesId"));

    /** Records of the contract that are parts of a command, not commands. */
    private static final Set<Class<?>> PARTS = Set.of(CatalogCommands.ClassDayPlan.class, AttendanceCommands.ReportAttendance.class);

    private final RoutingStrategy routing = new CommandConfig().routingStrategy();

    @Test
    void everyCommandTypeIsRoutedByTheStreamItDecidesOn() throws Exception {
        for (Map.Entry<Class<?>, String> e : ROUTED_BY.entrySet()) {
            Object command = sample(e.getKey());
            String expected = (String) e.getKey().getMethod(e.getValue()).invoke(command);
            assertThat(routing.getRoutingKey(GenericCommandMessage.asCommandMessage(command)))
                    .as("routing key of %s", e.getKey().getSimpleName()).isEqualTo(expected);
        }
    }

    @Test
    void everyCommandTypeTargetsWhatAxonsAnnotationResolverReads() throws Exception {
        CommandTargets targets = new CommandConfig().commandTargetResolver();
        org.axonframework.modelling.command.AnnotationCommandTargetResolver axon =
                org.axonframework.modelling.command.AnnotationCommandTargetResolver.builder().build();
        int resolved = 0;
        for (Class<?> type : ROUTED_BY.keySet()) {
            var message = GenericCommandMessage.asCommandMessage(sample(type));
            org.axonframework.modelling.command.VersionedAggregateIdentifier expected;
            try {
                expected = axon.resolveTarget(message);
            } catch (IllegalArgumentException noTarget) {
                // routed by a @RoutingKey, handled by a service that loads several streams: no target either way
                assertThatThrownBy(() -> targets.resolveTarget(message)).as(type.getSimpleName())
                        .isInstanceOf(IllegalArgumentException.class).hasMessage(noTarget.getMessage());
                continue;
            }
            var actual = targets.resolveTarget(message);
            assertThat(actual.getIdentifier()).as(type.getSimpleName()).isEqualTo(expected.getIdentifier());
            assertThat(actual.getVersion()).as(type.getSimpleName()).isEqualTo(expected.getVersion());
            resolved++;
        }
        assertThat(resolved).isGreaterThan(20);
        record Versioned(@org.axonframework.modelling.command.TargetAggregateIdentifier String id,
                         @org.axonframework.modelling.command.TargetAggregateVersion Long version) {
        }
        assertThat(targets.resolveTarget(GenericCommandMessage.asCommandMessage(new Versioned("s-1", 7L))).getVersion()).isEqualTo(7L);
        assertThatThrownBy(() -> targets.resolveTarget(GenericCommandMessage.asCommandMessage(new Versioned(null, 7L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not identify the target aggregate");
    }

    @Test
    void everyCommandTheServiceHandlesIsInTheTable() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*")));
        Set<Class<?>> handled = new HashSet<>();
        for (var candidate : scanner.findCandidateComponents("com.polaris.kat.enrollment")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            for (Method m : type.getDeclaredMethods()) {
                if (m.isAnnotationPresent(CommandHandler.class)) {
                    handled.add(m.getParameterTypes()[0]);
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (c.isAnnotationPresent(CommandHandler.class)) {
                    handled.add(c.getParameterTypes()[0]);
                }
            }
        }
        assertThat(handled).isNotEmpty();
        assertThat(ROUTED_BY.keySet()).as("every command type a handler of the service takes").containsExactlyInAnyOrderElementsOf(handled);
        Set<Class<?>> declared = Stream.of(CatalogCommands.class, EnrollmentCommands.class, AttendanceCommands.class, CreditCommands.class, PrivacyCommands.class,
                        com.polaris.kat.events.waitlist.WaitlistCommands.class)
                .flatMap(c -> Arrays.stream(c.getDeclaredClasses())).filter(Class::isRecord)
                .filter(c -> !PARTS.contains(c)).collect(Collectors.toSet());
        assertThat(ROUTED_BY.keySet()).as("every command record of the contract").containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void aCommandWithoutARoutingKeyIsRefusedAtDispatchNotSentToARandomInstance() {
        record Unrouted(String seriesId) {
        }
        assertThatThrownBy(() -> routing.getRoutingKey(GenericCommandMessage.asCommandMessage(new Unrouted("series-1"))))
                .isInstanceOf(org.axonframework.commandhandling.distributed.CommandDispatchException.class);
    }

    /** An instance whose string components are "<name>-value" and whose other components are empty. */
    private static Object sample(Class<?> record) throws Exception {
        RecordComponent[] components = record.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            args[i] = t == String.class ? components[i].getName() + "-value"
                    : t == int.class ? 0 : t == long.class ? 0L : t == boolean.class ? false : null;
        }
        Constructor<?> canonical = record.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
        return canonical.newInstance(args);
    }
}
