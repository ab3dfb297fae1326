package com.polaris.kat.projection.views;

import com.polaris.kat.events.money.Money;
import com.polaris.kat.projection.admin.ProjectionAdminController;
import com.polaris.kat.projection.streaming.ProjectionPositions;
import com.polaris.kat.projection.streaming.ProjectionTokens;
import com.polaris.kat.projection.support.ProjectionInstances;
import com.polaris.kat.testsupport.TestDatabases;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two projection-service instances on one database: a rebuild asked of the one that stands by is
 * refused with a problem naming the node that holds the claim, and changes nothing there: its
 * processor still runs, so when the holder stops it takes the projection over, and the view answers.
 */
class RebuildInAClusterTest {

    private final ProjectionInstances instances = new ProjectionInstances();

    private ConfigurableApplicationContext start(TestDatabases.Database db, String node) {
        return instances.start(db, node);
    }

    @AfterEach
    void stop() {
        instances.close();
    }

    private static RestClient http(ConfigurableApplicationContext ctx) {
        return ProjectionInstances.http(ctx);
    }

    @SuppressWarnings("rawtypes")
    private static ResponseEntity<Map> get(ConfigurableApplicationContext ctx, String path) {
        return http(ctx).get().uri(path).retrieve().toEntity(Map.class);
    }

    /** Registrations placed in Series 70, each paid in full: one ledger entry each. */
    private static long register(ConfigurableApplicationContext ctx, int from, int to) {
        EventStore store = ctx.getBean(EventStore.class);
        com.polaris.kat.projection.support.TestEvents.sealWith(ctx.getBean(com.polaris.kat.eventstore.personal.PersonalDataVault.class));
        for (int i = from; i < to; i++) {
            store.publish(new GenericDomainEventMessage<>("Series", "series-70", i,
                    ViewsScenarioTest.placed("series-70", "c70-r" + i, "c70-c" + i, "Person " + i, false, ViewsScenarioTest.PRICE,
                            Money.ofCents(6_120), Money.ZERO, Instant.parse("2023-08-01T00:00:00Z").plusSeconds(3600L * i).toString()),
                    MetaData.with("actor", "front-end")));
        }
        return ctx.getBean(ProjectionPositions.class).head();
    }

    private static boolean holdsEveryProjection(ConfigurableApplicationContext ctx) {
        ProjectionPositions positions = ctx.getBean(ProjectionPositions.class);
        return ProjectionAdminController.PROJECTIONS.stream().allMatch(p -> positions.processor(p).processingStatus().size() == 1);
    }

    private static boolean processedEverything(ConfigurableApplicationContext ctx, long head) {
        ProjectionPositions positions = ctx.getBean(ProjectionPositions.class);
        return ProjectionAdminController.PROJECTIONS.stream().allMatch(p -> positions.processedThrough(p) >= head);
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void aRebuildAskedOfTheStandbyIsRefusedNamingTheHolderAndTheStandbyStillTakesOverWhenTheHolderStops() {
        TestDatabases.Database db = TestDatabases.createFresh("rebuild_cluster");
        ConfigurableApplicationContext a = start(db, "projection-a");
        await().atMost(Duration.ofSeconds(60)).until(() -> holdsEveryProjection(a));
        long head = register(a, 0, 30);
        await().atMost(Duration.ofSeconds(60)).until(() -> processedEverything(a, head));
        ConfigurableApplicationContext b = start(db, "projection-b");
        StreamingEventProcessor ledgerOnB = b.getBean(ProjectionPositions.class).processor("ledger");
        await().atMost(Duration.ofSeconds(30)).until(ledgerOnB::isRunning);
        assertThat(ledgerOnB.processingStatus()).as("b stands by").isEmpty();
        Map totals = get(a, "/api/ledger/totals").getBody();
        assertThat(totals).containsEntry("payments", "63000.00");
        assertThat(get(b, "/api/ledger/totals").getBody()).as("b answers from the shared tables").isEqualTo(totals);

        ResponseEntity<Map> refused = http(b).post().uri("/api/admin/projections/ledger/rebuild").retrieve().toEntity(Map.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody()).containsEntry("type", "urn:kat:problem:rebuild-elsewhere").containsEntry("node", "projection-b")
                .containsEntry("owners", Map.of("0", "projection-a"));
        assertThat((String) refused.getBody().get("detail")).contains("node 'projection-a'").contains("changed nothing");
        assertThat(ledgerOnB.isRunning()).as("the standby's processor was not stopped").isTrue();
        assertThat(a.getBean(ProjectionPositions.class).processor("ledger").processingStatus()).hasSize(1);
        assertThat(b.getBean(ProjectionTokens.class).incomplete(List.of("ledger"))).as("no reset happened").isEmpty();
        assertThat(get(b, "/api/ledger/totals").getBody()).isEqualTo(totals);
        assertThat((Map<String, Object>) get(b, "/api/admin/projections/ledger").getBody())
                .containsEntry("node", "projection-b").containsEntry("claimedBy", Map.of("0", "projection-a")).containsEntry("segments", 0);

        a.close();
        await().atMost(Duration.ofSeconds(60)).until(() -> holdsEveryProjection(b));
        long newHead = register(b, 30, 35);
        await().atMost(Duration.ofSeconds(30)).until(() -> processedEverything(b, newHead));
        ResponseEntity<Map> after = get(b, "/api/ledger/totals");
        assertThat(after.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(after.getBody()).containsEntry("payments", "73500.00");

        // b now holds the claim: there the rebuild is done, and the view comes back the same
        assertThat(http(b).post().uri("/api/admin/projections/ledger/rebuild").retrieve().toEntity(Map.class).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        assertThat(ledgerOnB.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> get(b, "/api/ledger/totals").getStatusCode() == HttpStatus.OK);
        assertThat(get(b, "/api/ledger/totals").getBody()).isEqualTo(after.getBody());
    }
}
