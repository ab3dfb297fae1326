package com.polaris.kat.eventstore.position;

import com.polaris.kat.events.catalog.CatalogEvents.ModuleDefined;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A unit of work's events are inserted by one statement ({@link OneStatementAppend}, issue 12): counted by a statement-level
 * trigger created for the test inside its transaction (rolled back with it), with the rows, their order of global indexes
 * and the conflict on a taken sequence number as Axon's per-event statements gave them.
 */
class OneStatementAppendTest extends ProjectionServiceTestBase {

    @Autowired
    EventStorageEngine engine;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aCommitsEventsAreOneInsertInTheirOrderAndABulkOneIsAppendedAsAxonDoes() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> {
            status.setRollbackOnly(); // the counting trigger and the rows go with the transaction
            jdbc.execute("CREATE TABLE appending_statements_" + tag + " (n INT)");
            jdbc.execute("CREATE FUNCTION count_appending_statement_" + tag + "() RETURNS trigger LANGUAGE plpgsql AS $$"
                    + " BEGIN INSERT INTO appending_statements_" + tag + " VALUES (1); RETURN NULL; END $$");
            jdbc.execute("CREATE TRIGGER counting_" + tag + " AFTER INSERT ON domain_event_entry FOR EACH STATEMENT"
                    + " EXECUTE FUNCTION count_appending_statement_" + tag + "()");

            // four events of two new streams and one that belongs to no stream, interleaved as a registration's are
            List<EventMessage<?>> commit = List.of(event("OSA-" + tag + "-a", 0), event("OSA-" + tag + "-b", 0),
                    GenericEventMessage.asEventMessage(new ModuleDefined("OSA-" + tag + "-plain", "Plain", BigDecimal.ONE)),
                    event("OSA-" + tag + "-a", 1));
            engine.appendEvents(commit);
            assertThat(statements(tag)).as("one statement for the commit's four events").isEqualTo(1);
            List<Map<String, Object>> rows = jdbc.queryForList("SELECT event_identifier, aggregate_identifier, sequence_number, type,"
                    + " payload_type, payload_revision, convert_from(payload, 'UTF8') AS payload, global_index FROM domain_event_entry"
                    + " WHERE event_identifier IN (?, ?, ?, ?) ORDER BY global_index", commit.stream().map(EventMessage::getIdentifier).toArray());
            assertThat(rows).extracting(r -> r.get("event_identifier")).as("every event, numbered in the commit's order")
                    .containsExactlyElementsOf(commit.stream().map(EventMessage::getIdentifier).toList());
            assertThat(rows).extracting(r -> r.get("aggregate_identifier")).containsExactly("OSA-" + tag + "-a", "OSA-" + tag + "-b",
                    commit.get(2).getIdentifier(), "OSA-" + tag + "-a");
            assertThat(rows).extracting(r -> ((Number) r.get("sequence_number")).longValue()).containsExactly(0L, 0L, 0L, 1L);
            assertThat(rows).extracting(r -> r.get("type")).containsExactly("ModuleCatalog", "ModuleCatalog", null, "ModuleCatalog");
            assertThat(rows).extracting(r -> r.get("payload_type")).containsOnly(ModuleDefined.class.getName());
            assertThat((String) rows.get(1).get("payload")).contains("\"moduleCode\":\"OSA-" + tag + "-b\"");
            // consecutive here because the test's trigger holds off every other writer until it rolls back; the order is the point
            long first = ((Number) rows.get(0).get("global_index")).longValue();
            assertThat(rows).extracting(r -> ((Number) r.get("global_index")).longValue()).containsExactly(first, first + 1, first + 2, first + 3);

            // as many as one statement takes: still one
            List<EventMessage<?>> most = new ArrayList<>();
            for (int i = 0; i < OneStatementAppend.MOST_ROWS; i++) {
                most.add(event("OSA-" + tag + "-most", i));
            }
            engine.appendEvents(most);
            assertThat(statements(tag)).isEqualTo(2);

            // more than one statement takes: one statement per event, as Axon appends
            List<EventMessage<?>> bulk = new ArrayList<>();
            for (int i = 0; i < OneStatementAppend.MOST_ROWS + 1; i++) {
                bulk.add(event("OSA-" + tag + "-bulk", i));
            }
            engine.appendEvents(bulk);
            assertThat(statements(tag)).isEqualTo(2 + OneStatementAppend.MOST_ROWS + 1);
            assertThat(jdbc.queryForList("SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY global_index",
                    Long.class, "OSA-" + tag + "-bulk")).hasSize(OneStatementAppend.MOST_ROWS + 1).isSorted();
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE ?", Long.class,
                "OSA-" + tag + "%")).as("rolled back with the test's transaction").isZero();
    }

    @Test
    void aTakenSequenceNumberAnywhereInTheStatementIsAConflictAndNothingOfItIsAppended() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> engine.appendEvents(List.of(event("OSA-" + tag + "-taken", 0))));
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> engine.appendEvents(List.of(event("OSA-" + tag + "-new", 0),
                event("OSA-" + tag + "-taken", 0), event("OSA-" + tag + "-new", 1)))))
                .as("a write conflict, which the command side retries on the new state")
                .satisfies(e -> assertThat(com.polaris.kat.eventstore.axonserver.AxonServerFailures.isWriteConflict(e)).isTrue());
        assertThat(jdbc.queryForList("SELECT aggregate_identifier FROM domain_event_entry WHERE aggregate_identifier LIKE ?", String.class,
                "OSA-" + tag + "%")).as("only the event committed first").containsExactly("OSA-" + tag + "-taken");
    }

    private int statements(String tag) {
        return jdbc.queryForObject("SELECT count(*) FROM appending_statements_" + tag, Integer.class);
    }

    private static EventMessage<?> event(String stream, long sequence) {
        return new GenericDomainEventMessage<>("ModuleCatalog", stream, sequence, new ModuleDefined(stream, "Module " + sequence, BigDecimal.ONE),
                MetaData.with("actor", "test").and("correlationId", "corr-" + stream + "-" + sequence));
    }
}
