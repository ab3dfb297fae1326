package com.polaris.kat.projection.streaming;

import com.polaris.kat.events.catalog.CatalogEvents.ModuleDefined;
import com.polaris.kat.projection.ProjectionServiceApplication;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import com.polaris.kat.testsupport.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The projection service commits asynchronously, so a PostgreSQL crash can take its last commits back: a
 * processor's token and the view rows written with it return to an earlier state while the processor, in
 * memory, is past them. What such a loss leaves is planted here by hand (the token row set back to an
 * earlier token, the rows written after it deleted); the processor must notice at its next write and
 * handle those events again, so the rows come back, once each.
 */
class LostCommitTest {

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    private static ConfigurableApplicationContext ctx;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        TestDatabases.Database db = TestDatabases.createFresh("lostcommit");
        ctx = new SpringApplicationBuilder(ProjectionServiceApplication.class, ProjectionServiceTestBase.FixedClock.class)
                .run(db.applicationArguments());
        jdbc = ctx.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        ctx.close();
    }

    private static void append(int from, int to) {
        EventStore store = ctx.getBean(EventStore.class);
        for (int i = from; i < to; i++) {
            store.publish(new GenericDomainEventMessage<>("CourseModule", "L" + i, 0,
                    new ModuleDefined("L" + i, "Lost-commit module " + i, BigDecimal.ONE), MetaData.with("actor", "test")));
        }
    }

    private static long appendAndAwait(int from, int to) {
        append(from, to);
        ProjectionPositions positions = ctx.getBean(ProjectionPositions.class);
        long head = positions.head();
        await().atMost(Duration.ofSeconds(60)).until(() -> positions.processedThrough("audit") >= head);
        return head;
    }

    private static int auditRows() {
        // the streams L0..L99 of the lost-commit test (the retry test appends L300 on)
        return jdbc.queryForObject("SELECT count(*) FROM projection.audit_event WHERE event_type = 'ModuleDefined' AND aggregate_id ~ '^L[0-9]{1,2}$'",
                Integer.class);
    }

    @Test
    void rowsLostWithTheirTokenComeBackAndNothingIsWrittenTwice() {
        long before = appendAndAwait(0, 40);
        byte[] earlier = jdbc.queryForObject("SELECT token FROM projection.token_entry WHERE processor_name = 'audit' AND segment = 0",
                byte[].class);
        assertThat(storedPosition("audit")).as("a handled batch's token is written with its rows").isEqualTo(before);
        // the credit processor handles none of these events: its token is written by its next idle claim extension
        await().atMost(Duration.ofSeconds(10)).until(() -> storedPosition("credit") == before);
        appendAndAwait(40, 80);
        assertThat(auditRows()).isEqualTo(80);

        // every projection's counter is there before any mismatch (an alert's increase() needs its 0)
        MeterRegistry meters = ctx.getBean(MeterRegistry.class);
        for (String projection : com.polaris.kat.projection.admin.ProjectionAdminController.PROJECTIONS) {
            assertThat(meters.find("kat.projection.token.mismatches").tag("projection", projection).counter()).as(projection).isNotNull();
        }
        double mismatchesBefore = meters.get("kat.projection.token.mismatches").tag("projection", "audit").counter().count();

        // what a lost asynchronous commit leaves: the earlier token, and none of the rows written after it
        transactions().executeWithoutResult(s -> {
            jdbc.update("UPDATE projection.token_entry SET token = ? WHERE processor_name = 'audit' AND segment = 0", (Object) earlier);
            jdbc.update("DELETE FROM projection.audit_event WHERE position > ?", before);
        });
        assertThat(auditRows()).isEqualTo(40);

        // until the processor notices, a read that must include a lost event is refused, never answered without it
        long lost = before + 1;
        try {
            Integer rows = ctx.getBean(com.polaris.kat.projection.web.Freshness.class).read("audit", String.valueOf(lost),
                    () -> jdbc.queryForObject("SELECT count(*) FROM projection.audit_event WHERE position = ?", Integer.class, lost));
            assertThat(rows).as("answered: the view has the event (the processor had already handled it again)").isEqualTo(1);
        } catch (com.polaris.kat.projection.web.ProjectionBehind refused) {
            assertThat(refused.getMessage()).contains("audit view is catching up after the database took back its latest changes");
        }

        // the processor is idle: its next claim extension (every second) notices, and it handles events 40..79 again
        await().atMost(Duration.ofSeconds(30)).until(() -> auditRows() == 80);
        assertThat(meters.get("kat.projection.token.mismatches").tag("projection", "audit").counter().count())
                .as("the metric an on-call engineer alerts on").isGreaterThanOrEqualTo(mismatchesBefore + 1);
        appendAndAwait(80, 90);
        assertThat(auditRows()).isEqualTo(90);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT event_id) FROM projection.audit_event WHERE event_type = 'ModuleDefined' "
                + "AND aggregate_id ~ '^L[0-9]{1,2}$'", Integer.class)).isEqualTo(90);
    }

    /**
     * The store itself, on a processor name no processor uses, with a clock of its own: a write of a held segment goes
     * through while the row holds the token last seen, and fails with TokenMismatchException when it holds another; a
     * released segment is written as Axon does (a rebuild's reset); a segment another node owns is Axon's
     * UnableToClaimTokenException.
     */
    @Test
    void aHeldSegmentsWritesCompareWithTheTokenLastSeen() {
        AtomicLong nanos = new AtomicLong();
        String name = "probe";
        TokenStore store = newStoreHolding(name, nanos);
        TransactionTemplate tx = transactions();

        handled(tx, () -> store.storeToken(at(10), name, 0));
        assertThat(tokenBytes(name)).isEqualTo(bytes(at(10)));
        tx.executeWithoutResult(s -> store.extendClaim(name, 0));
        // Axon's processor writes a batch's token as the batch begins and, after a batch slower than a second, extends its
        // claim as the batch commits, in the same transaction: no mismatch (a fresh reviewer's fresh install counted three)
        handled(tx, () -> {
            store.storeToken(at(15), name, 0);
            store.extendClaim(name, 0);
        });
        assertThat(tokenBytes(name)).isEqualTo(bytes(at(15)));
        handled(tx, () -> store.storeToken(at(20), name, 0));
        byte[] at20 = tokenBytes(name);
        assertThat(at20).isEqualTo(bytes(at(20)));

        // a write rolled back leaves the stored token the expected one
        assertThatThrownBy(() -> handled(tx, () -> {
            store.storeToken(at(25), name, 0);
            throw new IllegalStateException("a handler failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(tokenBytes(name)).isEqualTo(at20);
        handled(tx, () -> store.storeToken(at(30), name, 0));

        // the row set back under the held claim: both kinds of write refuse, and change nothing
        jdbc.update("UPDATE projection.token_entry SET token = ? WHERE processor_name = ? AND segment = 0", at20, name);
        assertThatThrownBy(() -> handled(tx, () -> store.storeToken(at(40), name, 0)))
                .isInstanceOf(CompareAndSetTokenStore.TokenMismatchException.class);
        tx.executeWithoutResult(s -> store.releaseClaim(name, 0));
        assertThat(fetch(tx, store, name)).isEqualTo(at(20));
        jdbc.update("UPDATE projection.token_entry SET token = NULL WHERE processor_name = ? AND segment = 0", name);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> store.extendClaim(name, 0)))
                .isInstanceOf(CompareAndSetTokenStore.TokenMismatchException.class);
        assertThat(tokenBytes(name)).isNull();

        // released, then written (what a rebuild's reset does after the processor stopped): Axon's claim-and-write
        tx.executeWithoutResult(s -> store.releaseClaim(name, 0));
        tx.executeWithoutResult(s -> store.storeToken(at(5), name, 0));
        assertThat(fetch(tx, store, name)).isEqualTo(at(5));

        // another node took the row over (its claim is fresh): Axon's refusal, the other node's token kept
        jdbc.update("UPDATE projection.token_entry SET owner = 'other-node', token = NULL, timestamp = ? WHERE processor_name = ? AND segment = 0",
                org.axonframework.common.DateTimeUtils.formatInstant(java.time.Instant.now()), name);
        assertThatThrownBy(() -> handled(tx, () -> store.storeToken(at(50), name, 0)))
                .isInstanceOf(UnableToClaimTokenException.class);
        assertThat(tokenBytes(name)).isNull();
    }

    /**
     * A token that only skips events (stored outside a unit of work) is written once a second at most, and by the next claim
     * extension or release; a handled batch's token is written at once.
     */
    @Test
    void aTokenThatOnlySkipsEventsIsWrittenAtMostOnceASecond() {
        AtomicLong nanos = new AtomicLong();
        String name = "skipper";
        TokenStore store = newStoreHolding(name, nanos);
        TransactionTemplate tx = transactions();

        tx.executeWithoutResult(s -> store.storeToken(at(1), name, 0));
        tx.executeWithoutResult(s -> store.storeToken(at(2), name, 0));
        assertThat(tokenBytes(name)).as("skipped within the second: not written yet").isNull();
        tx.executeWithoutResult(s -> store.extendClaim(name, 0));
        assertThat(tokenBytes(name)).as("the idle claim extension writes it").isEqualTo(bytes(at(2)));

        tx.executeWithoutResult(s -> store.storeToken(at(3), name, 0));
        assertThat(tokenBytes(name)).isEqualTo(bytes(at(2)));
        nanos.addAndGet(CompareAndSetTokenStore.SKIPPED_WRITE_INTERVAL.toNanos());
        tx.executeWithoutResult(s -> store.storeToken(at(4), name, 0));
        assertThat(tokenBytes(name)).as("a second after the last write").isEqualTo(bytes(at(4)));

        tx.executeWithoutResult(s -> store.storeToken(at(5), name, 0));
        handled(tx, () -> store.storeToken(at(6), name, 0));
        assertThat(tokenBytes(name)).as("a handled batch's token, at once").isEqualTo(bytes(at(6)));

        tx.executeWithoutResult(s -> store.storeToken(at(7), name, 0));
        tx.executeWithoutResult(s -> store.releaseClaim(name, 0));
        assertThat(tokenBytes(name)).as("written on release").isEqualTo(bytes(at(7)));
        assertThat(jdbc.queryForObject("SELECT owner FROM projection.token_entry WHERE processor_name = ?", String.class, name)).isNull();

        // a skipped token kept while the row was set back is not written over it on release
        assertThat(fetch(tx, store, name)).isEqualTo(at(7));
        tx.executeWithoutResult(s -> store.storeToken(at(8), name, 0));
        jdbc.update("UPDATE projection.token_entry SET token = NULL WHERE processor_name = ? AND segment = 0", name);
        tx.executeWithoutResult(s -> store.releaseClaim(name, 0));
        assertThat(tokenBytes(name)).isNull();
    }

    /** A store of its own (its clock: {@code nanos}) that has initialized and claimed the one segment of processor {@code name}. */
    private static CompareAndSetTokenStore newStoreHolding(String name, AtomicLong nanos) {
        Serializer serializer = ctx.getBean("serializer", Serializer.class);
        TokenSchema schema = ctx.getBean(TokenSchema.class);
        String node = ctx.getBean(ProjectionTokens.class).nodeId();
        CompareAndSetTokenStore store = new CompareAndSetTokenStore(JdbcTokenStore.builder()
                .connectionProvider(ctx.getBean(ConnectionProvider.class)).schema(schema).serializer(serializer).nodeId(node),
                schema, serializer, node, processor -> { }, nanos::get);
        transactions().executeWithoutResult(s -> store.initializeTokenSegments(name, 1));
        assertThat(fetch(transactions(), store, name)).isNull();
        return store;
    }

    private static TransactionTemplate transactions() {
        return new TransactionTemplate(ctx.getBean(PlatformTransactionManager.class));
    }

    /** As the tracking processor stores a handled batch's token: in the batch's unit of work, in its transaction. */
    private static void handled(TransactionTemplate tx, Runnable write) {
        tx.executeWithoutResult(s -> DefaultUnitOfWork.startAndGet(null).execute(write));
    }

    private static byte[] bytes(TrackingToken token) {
        return ctx.getBean("serializer", Serializer.class).serialize(token, byte[].class).getData();
    }

    /**
     * What an administrator is told happened (a rebuild's 202, parked events retried) is on disk first: after
     * DurableCommits.flush the WAL is flushed past a commit made just before it with this service's asynchronous commits.
     */
    @Test
    void afterAFlushEveryEarlierAsynchronousCommitIsOnDisk() {
        String committedAt = transactions().execute(s -> {
            jdbc.update("INSERT INTO projection.audit_event (position, event_id, event_type, occurred_at, payload) "
                    + "VALUES (-7, 'durable-probe', 'Probe', now(), '{}'::jsonb)");
            return null;
        });
        assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("off");
        String inserted = jdbc.queryForObject("SELECT pg_current_wal_insert_lsn()::text", String.class);
        ctx.getBean(DurableCommits.class).flush();
        assertThat(jdbc.queryForObject("SELECT pg_current_wal_flush_lsn() >= ?::pg_lsn", Boolean.class, inserted)).isTrue();
        jdbc.update("DELETE FROM projection.audit_event WHERE position = -7");
    }

    /**
     * A lost commit that only filled a gap leaves a token with the same index and the gap back: a read that must include
     * the gap's event is refused until the processor has handled it again (comparing positions alone had let it through);
     * a read of an earlier position answers.
     */
    @Test
    void aLostCommitThatOnlyFilledAGapIsToldApart() {
        long head = appendAndAwait(400, 405);
        await().atMost(Duration.ofSeconds(10)).until(() -> storedPosition("audit") == head);
        long gap = head - 1;
        Serializer serializer = ctx.getBean("serializer", Serializer.class);
        byte[] withGap = serializer.serialize(GapAwareTrackingToken.newInstance(head, Set.of(gap)), byte[].class).getData();
        transactions().executeWithoutResult(s -> {
            jdbc.update("UPDATE projection.token_entry SET token = ? WHERE processor_name = 'audit' AND segment = 0", (Object) withGap);
            jdbc.update("DELETE FROM projection.audit_event WHERE position = ?", gap);
        });
        var freshness = ctx.getBean(com.polaris.kat.projection.web.Freshness.class);
        try {
            Integer rows = freshness.read("audit", String.valueOf(gap),
                    () -> jdbc.queryForObject("SELECT count(*) FROM projection.audit_event WHERE position = ?", Integer.class, gap));
            assertThat(rows).as("answered: the processor had already handled the gap's event again").isEqualTo(1);
        } catch (com.polaris.kat.projection.web.ProjectionBehind refused) {
            assertThat(refused.getMessage()).contains("audit view is catching up after the database took back its latest changes");
        }
        assertThat(freshness.read("audit", String.valueOf(gap - 1), () -> 1)).as("an earlier position is in the view").isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM projection.audit_event WHERE position = ?", Integer.class, gap) == 1);
    }

    /**
     * A projection whose processor failed (the database refused its token write) and waits to retry is shown as retrying,
     * with where the retry resumes, not as {@code processedThrough: -1} (a fresh reviewer read -1 and 0 % progress for 3-10 s
     * after each crash); once the cause is gone it goes on from there.
     */
    @Test
    void aProjectionWaitingToRetryIsShownRetryingFromItsStoredToken() {
        long before = appendAndAwait(300, 305);
        await().atMost(Duration.ofSeconds(10)).until(() -> storedPosition("audit") == before);
        var admin = ctx.getBean(com.polaris.kat.projection.admin.ProjectionAdminController.class);
        assertThat(admin.one("audit").retrying()).isNull();
        jdbc.execute("CREATE FUNCTION projection.refuse_audit_token() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'token write refused for the test'; END $$");
        jdbc.execute("CREATE TRIGGER refuse_audit_token BEFORE UPDATE ON projection.token_entry FOR EACH ROW "
                + "WHEN (NEW.processor_name = 'audit') EXECUTE FUNCTION projection.refuse_audit_token()");
        try {
            append(305, 306);
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.one("audit").retrying() != null);
            var status = admin.one("audit");
            assertThat(status.retrying().segments()).containsExactly(0);
            assertThat(status.retrying().cause()).isNotBlank();
            assertThat(status.processedThrough()).as("where the retry resumes: the stored token").isEqualTo(before);
            assertThat(status.behind()).isEqualTo(status.head() - before);
            // the lag gauge counts from there too, not from -1 (the whole store as lag after each outage: a fresh reviewer's finding)
            ProjectionFigures figures = ctx.getBean(ProjectionFigures.class);
            figures.refresh();
            assertThat(figures.behind("audit")).isEqualTo(java.util.OptionalLong.of(status.head() - before));
            assertThat(admin.one("ledger").retrying()).as("the other projections go on").isNull();
        } finally {
            jdbc.execute("DROP TRIGGER refuse_audit_token ON projection.token_entry");
            jdbc.execute("DROP FUNCTION projection.refuse_audit_token()");
        }
        long head = ctx.getBean(ProjectionPositions.class).head();
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.one("audit").retrying() == null
                && admin.one("audit").processedThrough() >= head);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM projection.audit_event WHERE event_id IN (SELECT event_identifier "
                + "FROM domain_event_entry WHERE aggregate_identifier = 'L305')", Integer.class)).as("once").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM projection.audit_event WHERE aggregate_id = 'L305'", Integer.class)).isEqualTo(1);
    }

    /**
     * Once the database answers again, a processor waiting out Axon's growing retry wait (1, 2, 4, 8 … s, at most 60 s) is
     * restarted and goes on at once, not at the end of its wait (a fresh reviewer's views stayed still 63 s after a long outage).
     */
    @Test
    void aProcessorWaitingToRetryIsRestartedWhenTheDatabaseAnswersAgain() {
        appendAndAwait(500, 502);
        var admin = ctx.getBean(com.polaris.kat.projection.admin.ProjectionAdminController.class);
        RetryAfterOutage restarts = ctx.getBean(RetryAfterOutage.class);
        assertThat(restarts.restartRetrying()).as("nothing waits to retry").isEmpty();
        jdbc.execute("CREATE FUNCTION projection.refuse_audit_token() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'token write refused for the test'; END $$");
        jdbc.execute("CREATE TRIGGER refuse_audit_token BEFORE UPDATE ON projection.token_entry FOR EACH ROW "
                + "WHEN (NEW.processor_name = 'audit') EXECUTE FUNCTION projection.refuse_audit_token()");
        long failedAt;
        try {
            append(502, 503);
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.one("audit").retrying() != null);
            failedAt = System.nanoTime();
            // attempts at about 0, 1, 3 and 7 s after the first failure all fail; the next one would be about 15 s after it
            await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(9)).until(() -> admin.one("audit").retrying() != null);
        } finally {
            jdbc.execute("DROP TRIGGER refuse_audit_token ON projection.token_entry");
            jdbc.execute("DROP FUNCTION projection.refuse_audit_token()");
        }
        // the restart on another thread while the status is read here: every reading until it ends says retrying, running,
        // and where the retry resumes (the stored token), never running: false nor processedThrough: -1 (a fresh reviewer's)
        long stored = storedPosition("audit");
        java.util.concurrent.CompletableFuture<java.util.List<String>> restart = java.util.concurrent.CompletableFuture.supplyAsync(restarts::restartRetrying);
        java.util.List<String> seen = new java.util.ArrayList<>();
        while (!restart.isDone()) {
            var status = admin.one("audit");
            if (status.retrying() != null) {
                seen.add(status.running() + " " + status.processedThrough());
                assertThat(status.running()).as("running while restarted").isTrue();
                assertThat(status.processedThrough()).as("from the stored token while restarted").isGreaterThanOrEqualTo(stored);
            }
        }
        assertThat(restart.join()).containsExactly("audit");
        assertThat(seen).as("status readings during the restart").isNotEmpty();
        long head = ctx.getBean(ProjectionPositions.class).head();
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.one("audit").retrying() == null && admin.one("audit").processedThrough() >= head);
        assertThat(Duration.ofNanos(System.nanoTime() - failedAt)).as("before Axon's own next attempt").isLessThan(Duration.ofSeconds(15));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM projection.audit_event WHERE aggregate_id = 'L502'", Integer.class)).isEqualTo(1);
    }

    private static long storedPosition(String processor) {
        return jdbc.queryForObject("SELECT token, token_type FROM projection.token_entry WHERE processor_name = ? AND segment = 0",
                (rs, i) -> {
                    if (rs.getString(2) == null) {
                        return -1L;
                    }
                    TrackingToken t = ctx.getBean("serializer", Serializer.class).deserialize(
                            new SimpleSerializedObject<>(rs.getBytes(1), byte[].class, rs.getString(2), null));
                    return t.position().orElse(-1L);
                }, processor);
    }

    private static TrackingToken fetch(TransactionTemplate tx, TokenStore store, String name) {
        return tx.execute(s -> store.fetchToken(name, 0));
    }

    private static TrackingToken at(long index) {
        return GapAwareTrackingToken.newInstance(index, Set.of());
    }

    private static byte[] tokenBytes(String name) {
        return jdbc.queryForObject("SELECT token FROM projection.token_entry WHERE processor_name = ? AND segment = 0", byte[].class, name);
    }
}
