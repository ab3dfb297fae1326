package com.polaris.kat.projection.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every view table of the projection schema, for comparing a projection's state before and after a rebuild. */
public final class ProjectionTables {

    private ProjectionTables() {
    }

    /**
     * Table name → its rows in a stable order; the tokens, Flyway's history, the dead-letter
     * queue and the durable mark (streaming/DurableCommits) are not views and are left out.
     */
    public static Map<String, List<Map<String, Object>>> snapshot(JdbcTemplate jdbc) {
        Map<String, List<Map<String, Object>>> s = new LinkedHashMap<>();
        for (String t : jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'projection' "
                + "AND table_name NOT IN ('token_entry', 'flyway_projection_history', 'dead_letter_entry', 'durable_mark') ORDER BY table_name", String.class)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM projection." + t)) {
                // an SQL array compares by its text ({8,9}); the driver's object compares by identity
                row.replaceAll((column, value) -> value instanceof java.sql.Array ? value.toString() : value);
                rows.add(row);
            }
            rows.sort(Comparator.comparing(Object::toString));
            s.put(t, rows);
        }
        return s;
    }
}
