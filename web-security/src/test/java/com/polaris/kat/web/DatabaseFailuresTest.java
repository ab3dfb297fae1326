package com.polaris.kat.web;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.net.SocketException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures say the database was away or refused for the moment. */
class DatabaseFailuresTest {

    @Test
    void aLostOrRefusedConnectionAndATransactionThatCouldNotEndAreTheDatabaseAway() {
        SQLException io = new SQLException("An I/O error occurred while sending to the backend.", "08006", new SocketException("Broken pipe"));
        assertThat(DatabaseFailures.unavailable(new DataAccessResourceFailureException("PreparedStatementCallback", io))).isTrue();
        assertThat(DatabaseFailures.unavailable(io)).isTrue();
        assertThat(DatabaseFailures.unavailable(new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed")))).isTrue();
        assertThat(DatabaseFailures.unavailable(new CannotCreateTransactionException("Could not open JDBC Connection"))).isTrue();
        // PostgreSQL restarting: 57P01 admin shutdown, 57P03 cannot connect now; a deadlock victim (40P01)
        assertThat(DatabaseFailures.unavailable(new RuntimeException("wrapped", new SQLException("terminating connection", "57P01")))).isTrue();
        assertThat(DatabaseFailures.unavailable(new PessimisticLockingFailureException("deadlock", new SQLException("deadlock", "40P01")))).isTrue();
        // HikariCP's evicted connection, as Axon's JdbcException wrapped it in a cancellation during a crash (a 500 until then)
        assertThat(DatabaseFailures.unavailable(new RuntimeException("Failed to create a SQL statement", new SQLException("Connection is closed"))))
                .isTrue();
    }

    @Test
    void aFaultOfTheRequestOrTheCodeIsNotAndAMissingSqlStateIsNoTryAgain() {
        assertThat(DatabaseFailures.unavailable(new DataIntegrityViolationException("duplicate", new SQLException("dup", "23505")))).isFalse();
        assertThat(DatabaseFailures.unavailable(new org.springframework.dao.InvalidDataAccessResourceUsageException("bad SQL",
                new SQLException("no column", "42703")))).isFalse();
        assertThat(DatabaseFailures.unavailable(new SQLException("no state"))).isFalse();
        assertThat(DatabaseFailures.tryAgain(null)).isFalse();
        assertThat(DatabaseFailures.tryAgain("0")).isFalse();
        assertThat(DatabaseFailures.unavailable(new IllegalStateException("a bug"))).isFalse();
    }
}
