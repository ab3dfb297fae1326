package com.polaris.kat.testsupport;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Searches the whole database for a text (issue 13: "no table contains the person's e-mail"): every
 * table of every schema but PostgreSQL's own, each row cast to text (case-insensitive), and every
 * binary column byte for byte (event payloads are bytea: their JSON does not show in a row's text).
 */
public final class DatabaseText {

    private DatabaseText() {
    }

    /** @return "schema.table" of each table with a row that holds {@code needle}; empty when none does */
    public static List<String> tablesContaining(JdbcTemplate jdbc, String needle) {
        List<String> hits = new ArrayList<>();
        List<Map<String, Object>> tables = jdbc.queryForList("""
                SELECT table_schema, table_name FROM information_schema.tables
                WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
                ORDER BY table_schema, table_name""");
        for (Map<String, Object> t : tables) {
            String table = quote((String) t.get("table_schema")) + "." + quote((String) t.get("table_name"));
            List<String> binary = jdbc.queryForList("""
                    SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ? AND data_type = 'bytea'""",
                    String.class, t.get("table_schema"), t.get("table_name"));
            StringBuilder where = new StringBuilder("lower(t::text) LIKE '%' || lower(?) || '%'");
            List<Object> args = new ArrayList<>(List.of(needle));
            for (String column : binary) {
                where.append(" OR position(convert_to(?, 'UTF8') IN t.").append(quote(column)).append(") > 0");
                args.add(needle);
            }
            Long n = jdbc.queryForObject("SELECT count(*) FROM " + table + " t WHERE " + where, Long.class, args.toArray());
            if (n != null && n > 0) {
                hits.add(t.get("table_schema") + "." + t.get("table_name"));
            }
        }
        return hits;
    }

    /** How many tables the search looks at (a search over nothing proves nothing). */
    public static int tableCount(JdbcTemplate jdbc) {
        Integer n = jdbc.queryForObject("""
                SELECT count(*) FROM information_schema.tables
                WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')""", Integer.class);
        return n == null ? 0 : n;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
