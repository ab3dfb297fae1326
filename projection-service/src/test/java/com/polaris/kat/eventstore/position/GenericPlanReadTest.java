package com.polaris.kat.eventstore.position;

import com.polaris.kat.events.catalog.CatalogEvents.ModuleDefined;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracking processors' read of events runs on PostgreSQL's generic plan (issue 12: it was planned anew at 48,923 of
 * 50,347 reads, planning 8.5 s against 9.9 s of execution), reads what it read before, and leaves the rest of the
 * transaction to plan as the server is configured.
 */
class GenericPlanReadTest extends ProjectionServiceTestBase {

    @Autowired
    EventStorageEngine engine;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theProcessorsReadRunsOnAGenericPlanAndReadsTheEventsInOrder() {
        long before = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 12; i++) {
            append("GP-" + tag + "-" + i, new ModuleDefined("GP-" + tag + "-" + i, "Generic plan module " + i, BigDecimal.ONE), "test");
        }
        List<Long> appended = jdbc.queryForList("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier LIKE ? ORDER BY global_index",
                Long.class, "GP-" + tag + "-%");
        TransactionHorizonEventStorageEngine reader = (TransactionHorizonEventStorageEngine) engine;
        List<Long> read = new ArrayList<>();
        List<String> modesAfter = new ArrayList<>();
        List<Map<String, Object>> prepared = new TransactionTemplate(transactions).execute(s -> {
            // as a connection on which PostgreSQL chooses custom plans
            jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
            TrackingToken token = GapAwareTrackingToken.newInstance(before, List.of());
            for (int batch = 0; batch < 6; batch++) {
                List<? extends TrackedEventData<?>> events = reader.fetchTrackedEvents(token, 2);
                for (TrackedEventData<?> e : events) {
                    read.add(((GapAwareTrackingToken) e.trackingToken()).getIndex());
                    token = e.trackingToken();
                }
                modesAfter.add(jdbc.queryForObject("SELECT current_setting('plan_cache_mode')", String.class));
            }
            return jdbc.queryForList("SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                    + " WHERE statement LIKE '%global_index = ANY%UNION ALL%global_index >%'");
        });
        assertThat(read).as("every appended event, in order, two per read").isEqualTo(appended);
        assertThat(prepared).as("the driver prepares the read after a few executions").hasSize(1);
        assertThat(((Number) prepared.get(0).get("custom_plans")).longValue()).isZero();
        assertThat(((Number) prepared.get(0).get("generic_plans")).longValue()).isPositive();
        assertThat(modesAfter).as("the rest of the transaction plans as the server is configured").containsOnly("auto");
    }
}
