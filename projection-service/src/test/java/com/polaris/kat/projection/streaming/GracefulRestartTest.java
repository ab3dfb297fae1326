package com.polaris.kat.projection.streaming;

import com.polaris.kat.events.catalog.CatalogEvents.ModuleDefined;
import com.polaris.kat.projection.ProjectionServiceApplication;
import com.polaris.kat.projection.admin.ProjectionAdminController;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import com.polaris.kat.testsupport.TestDatabases;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the projection service releases its processors' claims on their tokens (another
 * instance could take over at once), and a restart resumes each projection where it stopped
 * instead of replaying the store from the start.
 */
class GracefulRestartTest {

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    private static ConfigurableApplicationContext start(TestDatabases.Database db) {
        return new SpringApplicationBuilder(ProjectionServiceApplication.class, ProjectionServiceTestBase.FixedClock.class)
                .run(db.applicationArguments());
    }

    private static void append(ConfigurableApplicationContext ctx, int from, int to) {
        EventStore store = ctx.getBean(EventStore.class);
        for (int i = from; i < to; i++) {
            store.publish(new GenericDomainEventMessage<>("CourseModule", "R" + i, 0,
                    new ModuleDefined("R" + i, "Restart module " + i, BigDecimal.ONE), MetaData.with("actor", "test")));
        }
    }

    private static boolean allProcessed(ConfigurableApplicationContext ctx, long position) {
        ProjectionPositions positions = ctx.getBean(ProjectionPositions.class);
        return ProjectionAdminController.PROJECTIONS.stream().allMatch(p -> positions.processedThrough(p) >= position);
    }

    @Test
    void aStopReleasesTheClaimsAndARestartResumesWhereItStopped() {
        TestDatabases.Database db = TestDatabases.createFresh("restart");
        ConfigurableApplicationContext first = start(db);
        append(first, 0, 300);
        long head = first.getBean(ProjectionPositions.class).head();
        await().atMost(Duration.ofSeconds(60)).until(() -> allProcessed(first, head));
        first.close();

        JdbcTemplate after = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(db.url(), db.user(), db.password()));
        assertThat(after.queryForObject("SELECT count(*) FROM projection.token_entry WHERE owner IS NOT NULL", Integer.class))
                .as("claims released at shutdown").isZero();
        assertThat(after.queryForObject("SELECT count(DISTINCT processor_name) FROM projection.token_entry", Integer.class))
                .isEqualTo(ProjectionAdminController.PROJECTIONS.size());

        ConfigurableApplicationContext second = start(db);
        try {
            ProjectionPositions positions = second.getBean(ProjectionPositions.class);
            // the first position each processor reports after the restart is where it stopped, not the start of the store
            await().atMost(Duration.ofSeconds(30)).until(() -> ProjectionAdminController.PROJECTIONS.stream()
                    .allMatch(p -> positions.processedThrough(p) >= 0));
            for (String p : ProjectionAdminController.PROJECTIONS) {
                assertThat(positions.processedThrough(p)).as(p + " resumed at its stored token").isGreaterThanOrEqualTo(head);
            }
            // views and tokens are committed without waiting for the WAL flush (application.yml): every pooled connection says so
            assertThat(second.getBean(JdbcTemplate.class).queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("off");
            append(second, 300, 310);
            long newHead = positions.head();
            await().atMost(Duration.ofSeconds(30)).until(() -> allProcessed(second, newHead));
            assertThat(second.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM projection.audit_event WHERE event_type = 'ModuleDefined'", Integer.class)).isEqualTo(310);
        } finally {
            second.close();
        }
    }
}
