package com.polaris.kat.testsupport;

import com.polaris.kat.security.AccessRules;
import com.polaris.kat.security.Role;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The README's role table ("Who may do what, and how to authenticate") against a service's
 * {@link AccessRules}: each role's cell in the service's column must be the words ({@code what}) of
 * the rules that allow that role, in the rules' order, each once, joined by ", " ("—" when none).
 * So the table cannot say more or less than the code allows.
 */
public final class RoleTable {

    private RoleTable() {
    }

    /** What the rules let each role do, as the README's cell should say it. */
    public static Map<Role, String> expected(AccessRules rules) {
        Map<Role, String> cells = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            Set<String> words = new LinkedHashSet<>();
            for (AccessRules.Rule r : rules.rules()) {
                if (r.what() != null && r.roles().contains(role)) {
                    words.add(r.what());
                }
            }
            cells.put(role, words.isEmpty() ? "—" : String.join(", ", words));
        }
        return cells;
    }

    /**
     * The cells of one column of the README's role table (the Markdown table whose header row has
     * the column {@code header}), by the role named in its first column.
     */
    public static Map<Role, String> readme(Path readme, String header) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        Map<Role, String> cells = new EnumMap<>(Role.class);
        for (int i = 0; i < lines.size(); i++) {
            List<String> head = cells(lines.get(i));
            int column = head.indexOf(header);
            if (column < 0) {
                continue;
            }
            for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
                List<String> row = cells(lines.get(j));
                cells.put(Role.valueOf(row.get(0)), row.get(column));
            }
            return cells;
        }
        throw new AssertionError("README has no table with the column '" + header + "'");
    }

    /** Fails, listing each differing row as the README should have it, unless the column says what the rules allow. */
    public static void assertReadmeColumn(Path readme, String header, AccessRules rules) throws IOException {
        Map<Role, String> expected = expected(rules);
        Map<Role, String> actual = readme(readme, header);
        List<String> wrong = new ArrayList<>();
        for (Role role : Role.values()) {
            if (!expected.get(role).equals(actual.get(role))) {
                wrong.add(role + ": README says '" + actual.get(role) + "', the rules say '" + expected.get(role) + "'");
            }
        }
        if (!wrong.isEmpty()) {
            throw new AssertionError("README role table, column '" + header + "':\n" + String.join("\n", wrong));
        }
    }

    private static List<String> cells(String line) {
        if (!line.startsWith("|")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String c : line.substring(1, line.lastIndexOf('|')).split("\\|")) {
            out.add(c.strip());
        }
        return out;
    }
}
