package com.polaris.kat.projection.catalog;

import com.polaris.kat.projection.streaming.Projection;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDayMoved;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDayScheduled;
import com.polaris.kat.events.catalog.CatalogEvents.MakeUpPlacesSet;
import com.polaris.kat.events.catalog.CatalogEvents.ModuleCeHoursChanged;
import com.polaris.kat.events.catalog.CatalogEvents.ModuleDefined;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesCapacityChanged;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDayRescheduled;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import com.polaris.kat.eventstore.position.EventPosition;
import com.polaris.kat.projection.streaming.ProjectionWriter;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * The catalog as staff and the front end read it. Every statement is an upsert or a set-to-value,
 * so an event delivered twice leaves the tables as they were.
 */
@Component
@ProcessingGroup("catalog")
public class CatalogProjection extends Projection {

    private final ProjectionWriter writer;

    public CatalogProjection(ProjectionWriter writer) {
        this.writer = writer;
    }

    /**
     * SQL for the CE hours a class day earns (the command side's rule, {@code ModuleCeApprovals}): its module's last change,
     * among those this projection has applied, whose {@code effectiveFrom} is before the day starts, else the hours it was
     * scheduled with. Each argument is an SQL expression (a column or a {@code ?}).
     */
    public static String hoursEarned(String moduleCode, String startsAt, String asScheduled) {
        return "COALESCE((SELECT c.to_hours FROM projection.catalog_module_ce_hours_change c WHERE c.module_code = " + moduleCode
                + " AND c.effective_from < " + startsAt + " ORDER BY c.position DESC LIMIT 1), " + asScheduled + ")";
    }

    /**
     * {@link #hoursEarned} for a row {@code s} of {@code catalog_series_class_day} starting at {@code startsAt}: its scheduled
     * hours as the fallback (rows projected before V19_23 that V19_24 could not fill: the hours they show).
     */
    private static String rowHoursEarned(String startsAt) {
        return hoursEarned("s.module_code", startsAt, "COALESCE(s.scheduled_ce_hours, s.ce_hours)");
    }

    @EventHandler
    void on(ModuleDefined e) {
        writer.update("""
                INSERT INTO projection.catalog_module (module_code, title, ce_hours) VALUES (?, ?, ?)
                ON CONFLICT (module_code) DO UPDATE SET title = EXCLUDED.title, ce_hours = EXCLUDED.ce_hours""",
                e.moduleCode(), e.title(), e.ceHours());
    }

    /**
     * The module's hours change from {@code effectiveFrom}: the module row, every series' class day of the module that had
     * not started by then (a day earns the hours of the module's last change before it starts; the command side's rule,
     * {@code ModuleCeApprovals}), and a row of the module's history with the actor. Days are matched by their start as this
     * projection holds it, which every earlier move has set: events are applied in store order. A revision-1 change (no
     * {@code effectiveFrom}) applied to series scheduled after it, which carry its hours: no day changes.
     */
    @EventHandler
    void on(ModuleCeHoursChanged e, TrackingToken t, @MetaDataValue("actor") String actor) {
        writer.update("UPDATE projection.catalog_module SET ce_hours = ? WHERE module_code = ?", e.toHours(), e.moduleCode());
        Timestamp from = e.effectiveFrom() == null ? null : Timestamp.from(e.effectiveFrom());
        writer.update("""
                INSERT INTO projection.catalog_module_ce_hours_change (position, module_code, from_hours, to_hours, effective_from, reason, actor)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (position) DO NOTHING""",
                EventPosition.of(t), e.moduleCode(), e.fromHours(), e.toHours(), from, e.reason(), actor);
        // every day of the module by the rule over the history as it now stands (this change included): the same result
        // whatever the order a change is applied in again (a fresh reviewer's finding: "set to this change's hours" was
        // not, if an older change were applied again after a newer one)
        writer.update("UPDATE projection.catalog_series_class_day s SET ce_hours = "
                + rowHoursEarned("s.starts_at") + " WHERE s.module_code = ?", e.moduleCode());
    }

    /**
     * The series and its days, each with the hours it will earn: those of its module's last change (applied before this
     * event) that takes effect before the day starts, else the hours the series was scheduled with. So a series scheduled
     * on one instance while another recorded a change (the scheduling read the module before the change committed, and
     * was stored after it) shows the hours the command side will grant (a fresh reviewer's finding); a change stored later
     * reaches the day by its own handler.
     */
    @EventHandler
    void on(SeriesScheduled e) {
        writer.update("""
                INSERT INTO projection.catalog_series (series_id, series_number, capacity, price_cents, ce_option_price_cents, refund_policy_version)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (series_id) DO NOTHING""",
                e.seriesId(), e.seriesNumber(), e.capacity(), e.price().cents(), e.ceOptionPrice().cents(), e.refundPolicyVersion());
        e.classDays().forEach(d -> writer.update("""
                INSERT INTO projection.catalog_series_class_day
                    (series_id, class_day_id, module_code, module_title, class_date, starts_at, ends_at, ce_hours, scheduled_ce_hours)
                VALUES (?, ?, ?, ?, ?, ?, ?, """ + hoursEarned("?", "?", "?") + """
                , ?) ON CONFLICT (series_id, class_day_id) DO NOTHING""",
                e.seriesId(), d.classDayId(), d.moduleCode(), d.moduleTitle(), d.date(),
                Timestamp.from(d.startsAt()), Timestamp.from(d.endsAt()), d.moduleCode(), Timestamp.from(d.startsAt()), d.ceHours(),
                d.ceHours()));
    }

    @EventHandler
    void on(SeriesCapacityChanged e) {
        writer.update("UPDATE projection.catalog_series SET capacity = ? WHERE series_id = ?", e.toCapacity(), e.seriesId());
    }

    /**
     * The series follows its day's move (in the move's transaction on the command side, classday/ClassDayMoves): the row
     * takes the day's date as the day's own row has it, which the move already set (below), so a reschedule handled
     * after a second move does not turn the series back to the first move's date.
     */
    @EventHandler
    void on(SeriesClassDayRescheduled e) {
        writer.update("""
                UPDATE projection.catalog_series_class_day s SET class_date = d.class_date, starts_at = d.starts_at, ends_at = d.ends_at,
                    ce_hours = """ + rowHoursEarned("d.starts_at") + """

                FROM projection.catalog_class_day d WHERE d.class_day_id = s.class_day_id AND s.series_id = ? AND s.class_day_id = ?""",
                e.seriesId(), e.classDayId());
    }

    @EventHandler
    void on(ClassDayScheduled e) {
        writer.update("""
                INSERT INTO projection.catalog_class_day (class_day_id, module_code, class_date, starts_at, ends_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (class_day_id) DO NOTHING""",
                e.classDayId(), e.moduleCode(), e.date(), Timestamp.from(e.startsAt()), Timestamp.from(e.endsAt()));
    }

    /**
     * The day moves, and with it every series' row of the day: a series view read at the move's position (the registrar's
     * {@code minPosition}) shows the new date whatever the order of the series' own reschedules, which the command side
     * appended asynchronously until 2026-12-05 (a fresh reviewer's series page showed the old date after the move) and now
     * appends in the move's transaction.
     */
    @EventHandler
    void on(ClassDayMoved e) {
        writer.update("UPDATE projection.catalog_class_day SET class_date = ?, starts_at = ?, ends_at = ? WHERE class_day_id = ?",
                e.toDate(), Timestamp.from(e.startsAt()), Timestamp.from(e.endsAt()), e.classDayId());
        // the day's hours follow its new start (a move across a change's instant; a fresh reviewer's catalog kept them)
        writer.update("UPDATE projection.catalog_series_class_day s SET class_date = ?, starts_at = ?, ends_at = ?, ce_hours = "
                        + rowHoursEarned("?") + " WHERE s.class_day_id = ?",
                e.toDate(), Timestamp.from(e.startsAt()), Timestamp.from(e.endsAt()), Timestamp.from(e.startsAt()), e.classDayId());
    }

    @EventHandler
    void on(MakeUpPlacesSet e) {
        writer.update("UPDATE projection.catalog_class_day SET make_up_places = ? WHERE class_day_id = ?", e.toPlaces(), e.classDayId());
    }

    @ResetHandler
    void reset() {
        // DELETE, not TRUNCATE (not MVCC-safe): readers keep the old rows until the reset commits
        for (String table : new String[]{"catalog_series_class_day", "catalog_series", "catalog_class_day", "catalog_module",
                "catalog_module_ce_hours_change"}) {
            writer.update("DELETE FROM projection." + table);
        }
    }
}
