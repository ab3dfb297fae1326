package com.polaris.kat.eventstore;

import org.springframework.jdbc.core.ResultSetExtractor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runs a query on PostgreSQL's generic plan, in the same round trip: inside a transaction the statement is sent as
 * {@code SET LOCAL plan_cache_mode = force_generic_plan}, the query, {@code SET LOCAL plan_cache_mode TO DEFAULT}
 * (PgJDBC sends the three together; the rest of the transaction plans as the server is configured, and the session's
 * own setting returns at the transaction's end). In autocommit the query is sent as it is ({@code SET LOCAL} outside a
 * transaction block only draws a warning).
 * <p>
 * For a query whose plan is the same index lookup for every argument. PostgreSQL compares the custom plans' average
 * cost with the generic plan's cost as it estimated it when it last built one, and builds one again only when that
 * comparison picks it ({@code GetCachedPlan} in plancache.c); a parameter it cannot see through ({@code = ANY($1)} of an
 * array, {@code LIMIT $3}) prices the generic plan far above the custom ones, so such a statement is planned anew at
 * every execution for the connection's life. Issue 12's measurements (pg_stat_statements with track_planning,
 * 2026-12-07): the personal-data vault's seal, 36,305 plans in 45,494 calls; the tracking processors' read of events,
 * 48,923 plans in 50,347 calls, planning 8.5 s against 9.9 s of execution; the vault's read of wrapped keys, a plan
 * at every call, planning 2.5 s against 1.8 s; the projection service's read of its tokens at the start of every query
 * (web/Freshness, through {@link #inTransaction}), 43,102 plans in 43,072 calls, 4.1 s against 1.4 s.
 */
public final class GenericPlan {

    private GenericPlan() {
    }

    /**
     * The statement to bind {@code sql}'s parameters to ({@code ?} in order, as in {@code sql} itself): on a generic
     * plan when {@code connection} is in a transaction, else {@code sql} as it is. Run it with {@link #query}.
     */
    public static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        return connection.prepareStatement(connection.getAutoCommit() ? sql : inTransaction(sql));
    }

    /**
     * {@code sql} (one or more statements separated by {@code ;}) between the two {@code SET LOCAL}s, for a caller that
     * sends it in a transaction and reads its results itself (each {@code SET} gives an update count, no rows).
     */
    public static String inTransaction(String sql) {
        return "SET LOCAL plan_cache_mode = force_generic_plan;\n" + sql + ";\nSET LOCAL plan_cache_mode TO DEFAULT";
    }

    /**
     * Executes a statement from {@link #prepare} and gives the query's rows to {@code rows}; the update counts of the
     * {@code SET}s around it are skipped.
     *
     * @return what {@code rows} returned
     * @throws SQLException as the driver or {@code rows} throws it; IllegalStateException when the statement gave no rows
     */
    public static <T> T query(PreparedStatement statement, ResultSetExtractor<T> rows) throws SQLException {
        java.util.List<T> results = new java.util.ArrayList<>(1);
        if (eachResultSet(statement, (index, rs) -> results.add(rows.extractData(rs))) == 0) {
            throw new IllegalStateException("the statement returned no rows: not a query");
        }
        return results.get(results.size() - 1);
    }

    /**
     * Executes a statement of one or more parts (e.g. {@link #inTransaction}) and gives each part's rows, in order, to
     * {@code each} with its index among the result sets (from 0); parts without rows (a {@code SET}, an update) are skipped.
     *
     * @return how many result sets there were
     * @throws SQLException as the driver or {@code each} throws it
     */
    public static int eachResultSet(PreparedStatement statement, ResultSets each) throws SQLException {
        int index = 0;
        for (boolean resultSet = statement.execute(); resultSet || statement.getUpdateCount() != -1; resultSet = statement.getMoreResults()) {
            if (resultSet) {
                try (ResultSet rs = statement.getResultSet()) {
                    each.read(index++, rs);
                }
            }
        }
        return index;
    }

    /** Reads one result set of a statement ({@link #eachResultSet}). */
    @FunctionalInterface
    public interface ResultSets {
        void read(int index, ResultSet rows) throws SQLException;
    }
}
