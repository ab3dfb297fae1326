package com.polaris.kat.eventstore.axonserver;

import io.axoniq.axonserver.connector.ErrorCategory;
import io.axoniq.axonserver.grpc.ErrorMessage;
import io.grpc.Status;
import org.axonframework.axonserver.connector.ErrorCode;
import org.axonframework.axonserver.connector.command.AxonServerCommandDispatchException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** The classification both services' retry and 503 decisions rest on, over the exceptions Axon and its connector build. */
class AxonServerFailuresTest {

    private static ErrorMessage error(String message) {
        return ErrorMessage.newBuilder().setMessage(message).setLocation("axonserver").addDetails(message).build();
    }

    @Test
    void postgresDuplicateSequenceIsAWriteConflict() {
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
        assertThat(AxonServerFailures.isWriteConflict(new ConcurrencyException("conflict", duplicate))).isTrue();
        assertThat(AxonServerFailures.isWriteConflict(duplicate)).isTrue();
    }

    @Test
    void aDeadlockVictimOrASerializationFailureIsRetriedLikeAWriteConflict() {
        // as Spring's JdbcTemplate raises a deadlock: PessimisticLockingFailureException caused by PSQLException 40P01
        SQLException deadlock = new SQLException("ERROR: deadlock detected", "40P01");
        assertThat(AxonServerFailures.isWriteConflict(new org.springframework.dao.PessimisticLockingFailureException(
                "PreparedStatementCallback", deadlock))).isTrue();
        assertThat(AxonServerFailures.isWriteConflict(new SQLException("could not serialize access", "40001"))).isTrue();
    }

    /** Hikari's "Connection is closed" after a database crash carries no SQLState: no conflict, and no NullPointerException. */
    @Test
    void anSqlExceptionWithoutAnSqlStateIsNoWriteConflict() {
        SQLException closed = new SQLException("Connection is closed");
        assertThat(AxonServerFailures.isWriteConflict(new org.springframework.transaction.TransactionSystemException("JDBC rollback failed", closed)))
                .isFalse();
        assertThat(AxonServerFailures.isWriteConflict(closed)).isFalse();
    }

    @Test
    void axonServerInvalidSequenceIsAWriteConflictAsTheAppendingInstanceSeesIt() {
        // what the connector's event store raises on its own instance: ConcurrencyException caused by AxonServerException(AXONIQ-2000)
        Throwable local = ErrorCode.INVALID_EVENT_SEQUENCE.convert(error("Invalid sequence number 3 for aggregate series-1, expected 4"));
        assertThat(local).isInstanceOf(ConcurrencyException.class);
        assertThat(AxonServerFailures.isWriteConflict(local)).isTrue();
        // the connector library's own exception, before Axon Framework translates it
        assertThat(AxonServerFailures.isWriteConflict(new io.axoniq.axonserver.connector.AxonServerException(
                ErrorCategory.INVALID_EVENT_SEQUENCE, "Invalid sequence number", "axonserver"))).isTrue();
    }

    @Test
    void axonServerInvalidSequenceIsAWriteConflictAsTheSenderSeesItFromAnotherInstance() {
        // the handling instance reports AXONIQ-4002 with the conflict's text; the sender knows it only by that text
        Throwable remote = ErrorCode.COMMAND_EXECUTION_ERROR.convert(
                error("[AXONIQ-2000] Invalid sequence number 7 for aggregate series-9, expected 8"), () -> null);
        assertThat(remote).isInstanceOf(CommandExecutionException.class);
        assertThat(AxonServerFailures.isWriteConflict(remote)).isTrue();
        Throwable forwarded = ErrorCode.CONCURRENCY_EXCEPTION.convert(error("concurrent modification"), () -> null);
        assertThat(AxonServerFailures.isWriteConflict(forwarded)).isTrue();
    }

    @Test
    void aStaleCachedAggregateFoundOnAnotherInstanceIsAWriteConflictAsTheSenderSeesIt() {
        // the handling instance's AggregateCaching throws ConcurrencyException("KAT-STALE-CACHED-AGGREGATE: …"); Axon Server
        // carries it to the sender as a remote handling failure with that text only (seen in AxonServerScaleOutTest: a 500)
        Throwable remote = ErrorCode.COMMAND_EXECUTION_ERROR.convert(error(AxonServerFailures.STALE_CACHED_AGGREGATE
                + ": the cached aggregate series-9 was at sequence 2 but its stream is at 3"), () -> null);
        assertThat(AxonServerFailures.isWriteConflict(remote)).isTrue();
    }

    @Test
    void aRefusalAnOutageOrAnotherDatabaseErrorIsNoWriteConflict() {
        assertThat(AxonServerFailures.isWriteConflict(ErrorCode.COMMAND_EXECUTION_NON_TRANSIENT_ERROR.convert(
                error("Series series-1 is sold out."), () -> null))).isFalse();
        assertThat(AxonServerFailures.isWriteConflict(new SQLException("connection refused", "08001"))).isFalse();
        assertThat(AxonServerFailures.isWriteConflict(ErrorCode.COMMAND_DISPATCH_ERROR.convert(error("no connection")))).isFalse();
    }

    @Test
    void dispatchAndConnectionFailuresAreAnOutage() {
        assertThat(AxonServerFailures.isOutage(ErrorCode.COMMAND_DISPATCH_ERROR.convert(error("[AXONIQ-4003] no connection")))).isTrue();
        assertThat(AxonServerFailures.isOutage(new AxonServerCommandDispatchException("AXONIQ-4003", "Exception while dispatching a command to AxonServer",
                Status.UNAVAILABLE.asRuntimeException()))).isTrue();
        assertThat(AxonServerFailures.isOutage(ErrorCode.CONNECTION_FAILED.convert(error("connection failed")))).isTrue();
        assertThat(AxonServerFailures.isOutage(ErrorCode.NO_EVENT_STORE_MASTER_AVAILABLE.convert(error("no leader")))).isTrue();
        assertThat(AxonServerFailures.isOutage(new RuntimeException("head", Status.UNAVAILABLE.withDescription("io exception").asRuntimeException()))).isTrue();
        assertThat(AxonServerFailures.isOutage(new io.axoniq.axonserver.connector.AxonServerException(
                ErrorCategory.CONNECTION_FAILED, "Connection failed", "client"))).isTrue();
    }

    @Test
    void aRefusalOrAConflictIsNoOutage() {
        assertThat(AxonServerFailures.isOutage(ErrorCode.COMMAND_EXECUTION_NON_TRANSIENT_ERROR.convert(
                error("Series series-1 is sold out."), () -> null))).isFalse();
        assertThat(AxonServerFailures.isOutage(ErrorCode.INVALID_EVENT_SEQUENCE.convert(error("Invalid sequence number")))).isFalse();
        assertThat(AxonServerFailures.isOutage(Status.INVALID_ARGUMENT.asRuntimeException())).isFalse();
    }
}
