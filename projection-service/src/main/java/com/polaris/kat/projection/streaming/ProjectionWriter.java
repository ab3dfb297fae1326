package com.polaris.kat.projection.streaming;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * How projections write: inside an event processor's batch, statements are queued and sent as
 * JDBC batches (consecutive statements with the same SQL together, order kept) when the batch
 * commits, in the same transaction as the processor's token; a read first sends what is queued.
 * Outside a batch (a reset handler) a statement runs at once. Measured: one round trip per event
 * and projection had kept a rebuild near 1,300 events/s.
 */
@Component
public class ProjectionWriter {

    private static final String PENDING = ProjectionWriter.class.getName() + ".pending";

    private final JdbcTemplate jdbc;

    public ProjectionWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void update(String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, args);
            return;
        }
        pending().add(sql, args);
    }

    /** A query that sees every statement this batch queued before it. */
    public <T> List<T> queryForList(String sql, Class<T> type, Object... args) {
        if (CurrentUnitOfWork.isStarted()) {
            pending().flush(jdbc);
        }
        return jdbc.queryForList(sql, type, args);
    }

    private Pending pending() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING, key -> {
            Pending p = new Pending();
            root.onPrepareCommit(u -> p.flush(jdbc));
            return p;
        });
    }

    private static final class Pending {
        private final List<String> sql = new ArrayList<>();
        private final List<Object[]> args = new ArrayList<>();

        void add(String statement, Object[] values) {
            sql.add(statement);
            args.add(values);
        }

        void flush(JdbcTemplate jdbc) {
            int from = 0;
            while (from < sql.size()) {
                int to = from + 1;
                while (to < sql.size() && sql.get(to).equals(sql.get(from))) {
                    to++;
                }
                if (to - from == 1) {
                    jdbc.update(sql.get(from), args.get(from));
                } else {
                    jdbc.batchUpdate(sql.get(from), new ArrayList<>(args.subList(from, to)));
                }
                from = to;
            }
            sql.clear();
            args.clear();
        }
    }
}
