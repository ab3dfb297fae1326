package com.polaris.kat.enrollment.catalog;

import com.polaris.kat.enrollment.rules.ReadableStreamAggregate;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.catalog.CatalogCommands.ChangeModuleCeHours;
import com.polaris.kat.events.catalog.CatalogCommands.DefineModule;
import com.polaris.kat.events.catalog.CatalogEvents.ModuleCeHoursChanged;
import com.polaris.kat.events.catalog.CatalogEvents.ModuleDefined;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One module of the program (M1..M5, PRACTICE) with its approved CE hours. The hours a class day of the module earns are
 * those approved when it starts ({@link ModuleCeApprovals}, read from this stream by {@link EventStoreCeHoursApprovals}).
 */
@Aggregate(cache = "courseModuleCache")
public class CourseModule extends ReadableStreamAggregate {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,19}");
    /** A class day runs 09:00-17:00: no module can be approved for more than 8 hours. */
    static final BigDecimal MAX_HOURS = new BigDecimal("8");

    @AggregateIdentifier
    private String code;
    private String title;
    private BigDecimal ceHours;
    /** The last change's {@code effectiveFrom}, null before any (or for a revision-1 change). */
    private Instant lastEffectiveFrom;

    protected CourseModule() {
    }

    /**
     * Defines the module (product rules, "The program and its catalog").
     * 
     * @throws com.polaris.kat.enrollment.rules.Refusal module-exists (409); invalid-module-code, invalid-module-title,
     *                 invalid-ce-hours (422: more than 0, at most 8, two decimals at most)
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DefineModule cmd) {
        if (code != null) {
            throw Refusal.conflict("module-exists", "Module " + cmd.moduleCode() + " is already defined ("
                    + title + "); change its hours with the ce-hours endpoint instead.");
        }
        if (cmd.moduleCode() == null || !CODE.matcher(cmd.moduleCode()).matches()) {
            throw Refusal.invalidField("invalid-module-code", "code", "A module code is 1-20 upper-case letters, digits or '_' (e.g. M1, PRACTICE).");
        }
        if (com.polaris.kat.security.strict.InvisibleCharacters.blank(cmd.title())) {
            throw Refusal.invalidField("invalid-module-title", "title", "Give the module a title.");
        }
        BigDecimal hours = checkHours(cmd.ceHours());
        apply(new ModuleDefined(cmd.moduleCode(), com.polaris.kat.security.strict.InvisibleCharacters.stripped(cmd.title()), hours));
    }

    /**
     * Changes the module's approved CE hours from now on (a no-op when unchanged): every class day of the module that
     * starts after now earns them, in every series (scheduled before or after) and as a make-up; a day that has started
     * keeps the hours approved before (product rules, "The program and its catalog"; docs/decisions.md). The instant is
     * the handling instance's clock in whole microseconds (as the catalog's history keeps it), always after the module's previous change, by one microsecond
     * when the clock has not passed it (an instance whose clock lags must not give a later change an earlier reach, and each
     * change's instant names it alone in the CE decisions' {@code ceHoursApproval}).
     *
     * @throws com.polaris.kat.enrollment.rules.Refusal invalid-ce-hours, reason-required (422)
     */
    @CommandHandler
    public void handle(ChangeModuleCeHours cmd, Clock clock) {
        BigDecimal hours = checkHours(cmd.ceHours());
        if (com.polaris.kat.security.strict.InvisibleCharacters.blank(cmd.reason())) {
            throw Refusal.invalidField("reason-required", "reason", "Say why the approved CE hours change (e.g. the accreditor's decision).");
        }
        if (hours.compareTo(ceHours) == 0) {
            return;
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as PostgreSQL keeps it in the views
        // strictly after the previous change, so that each change has an instant of its own and a decision's approval
        // (its effectiveFrom) names one change (a fresh reviewer's two changes in one microsecond shared theirs)
        Instant effectiveFrom = lastEffectiveFrom != null && !lastEffectiveFrom.isBefore(now) ? lastEffectiveFrom.plus(1, java.time.temporal.ChronoUnit.MICROS) : now;
        apply(new ModuleCeHoursChanged(code, ceHours, hours, cmd.reason(), effectiveFrom));
    }

    /**
     * The hours as recorded: more than 0, at most 8, at most two decimals by value (8.000 and 7.500 are 8.00 and 7.50, as 8E0
     * is; a fresh reviewer's 8.000 was refused while 0.80E1 was taken), kept with at most two decimals.
     *
     * @throws Refusal invalid-ce-hours (422, field ceHours)
     */
    private static BigDecimal checkHours(BigDecimal hours) {
        if (hours == null || hours.signum() <= 0 || hours.compareTo(MAX_HOURS) > 0 || hours.stripTrailingZeros().scale() > 2) {
            throw Refusal.invalidField("invalid-ce-hours", "ceHours", "Approved CE hours must be more than 0 and at most 8 (a class day is 09:00-17:00), with at most two decimals.");
        }
        return hours.scale() > 2 ? hours.setScale(2) : hours;
    }

    /** The module as series scheduled now copy it: code, title, approved CE hours. */
    public ModuleCatalog.ModuleDefinition definition() {
        return new ModuleCatalog.ModuleDefinition(code, title, ceHours);
    }

    @EventSourcingHandler
    void on(ModuleDefined e) {
        code = e.moduleCode();
        title = e.title();
        ceHours = e.ceHours();
    }

    @EventSourcingHandler
    void on(ModuleCeHoursChanged e) {
        ceHours = e.toHours();
        if (e.effectiveFrom() != null) {
            lastEffectiveFrom = e.effectiveFrom();
        }
    }
}
