package com.polaris.kat.eventstore.position;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The events a unit of work commits, appended by one {@code INSERT … VALUES (…), (…), …} statement (one batch entry) instead of
 * Axon's one single-row statement per event (a batch of N executions): the same rows, columns and values as Axon 4.13's
 * {@code JdbcEventStorageEngineStatements.appendEvents}, refused as a whole when any row is. A sequence number already taken
 * (SQLState 23505 on any row) is a write conflict the command side retries (Axon names it from the list's first event: an
 * {@code AggregateStreamCreationException} when that event starts its stream, else a {@code ConcurrencyException}; both carry
 * the driver's 23505, which {@code AxonServerFailures.isWriteConflict} recognises), as with Axon's statement.
 * <p>
 * Global indexes follow the list's order: PostgreSQL's executor reads a {@code VALUES} list in order and the numbering trigger
 * ({@code V5}) runs for each row as it is inserted. That is the executor's behaviour, not a documented promise;
 * {@code OneStatementAppendTest} guards it.
 * <p>
 * The statement is prepared with {@link Connection#prepareStatement(String)}: {@link TransactionHorizonEventStorageEngine} adds
 * {@code RETURNING global_index} to exactly that call to learn the command's position without a query of its own.
 * <p>
 * Why (issue 12): a registration appends four events. On this project's machine (pgbench, 16 clients, the event table with
 * its triggers and checks, 2026-12-07; docs/benchmarks.md, forty-second session) PostgreSQL spent less CPU per transaction
 * on one four-row insert than on four pipelined single-row inserts in each of three alternated pairs (0.53 against 0.59,
 * 0.64 against 0.76, 0.53 against 0.75 ms): each statement has its executor start-up, its statement-level trigger (the
 * readers' notification, {@code V7}) and its protocol messages, which a row shares with the others in one statement.
 * <p>
 * More than {@value #MOST_ROWS} events (a history written in bulk) are appended as Axon does, one statement per event in a
 * batch: one statement's parameters are bounded (PostgreSQL's protocol counts them in two bytes) and so is the number of
 * statement texts a connection prepares (PgJDBC prepares a text on the server from its fifth execution on a connection).
 */
public final class OneStatementAppend implements AppendEventsStatementBuilder {

    /** The most events one statement inserts; more are appended one statement per event (Axon's form). */
    public static final int MOST_ROWS = 32;

    /** Columns per row: {@link EventSchema#domainEventFields()}, nine. */
    private static final int COLUMNS = 9;

    /**
     * @param connection      the unit of work's connection
     * @param schema          the event table's names
     * @param dataType        the type payload and metadata are serialized to (byte[] here: the columns are BYTEA)
     * @param events          the events in the order they were applied (an event that is no domain event is stored as
     *                        Axon stores it: its own id as the aggregate id, sequence number 0, no type)
     * @param serializer      the events' serializer
     * @param timestampWriter writes an instant (UTC) as the engine stores it
     * @return the statement with its one batch entry (or Axon's statement with one entry per event)
     */
    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType, List<? extends EventMessage<?>> events,
                                   Serializer serializer, TimestampWriter timestampWriter) throws SQLException {
        if (events.size() > MOST_ROWS) {
            return JdbcEventStorageEngineStatements.appendEvents(connection, schema, dataType, events, serializer, timestampWriter);
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(schema.domainEventTable()).append(" (")
                .append(schema.domainEventFields()).append(") VALUES ");
        for (int row = 0; row < events.size(); row++) {
            sql.append(row == 0 ? "" : ", ").append("(?,?,?,?,?,?,?,?,?)");
        }
        PreparedStatement statement = connection.prepareStatement(sql.toString());
        int column = 0;
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = asDomainEvent(message);
            SerializedObject<?> payload = event.serializePayload(serializer, dataType);
            SerializedObject<?> metaData = event.serializeMetaData(serializer, dataType);
            statement.setString(column + 1, event.getIdentifier());
            statement.setString(column + 2, event.getAggregateIdentifier());
            statement.setLong(column + 3, event.getSequenceNumber());
            statement.setString(column + 4, event.getType());
            timestampWriter.writeTimestamp(statement, column + 5, event.getTimestamp());
            statement.setString(column + 6, payload.getType().getName());
            statement.setString(column + 7, payload.getType().getRevision());
            statement.setObject(column + 8, payload.getData());
            statement.setObject(column + 9, metaData.getData());
            column += COLUMNS;
        }
        statement.addBatch(); // the engine executes the statement as a batch
        return statement;
    }

    /** As Axon stores an event that belongs to no aggregate: its id as the aggregate id, sequence number 0, no type. */
    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain
                : new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }
}
