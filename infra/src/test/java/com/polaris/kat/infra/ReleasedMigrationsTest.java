package com.polaris.kat.infra;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flyway migrations are immutable once committed: a database migrated by an earlier build refuses to start when
 * an applied migration's checksum changed ("Migration checksum mismatch"), and a changed migration would no longer
 * explain the schema the events were read with. Every {@code V*.sql} under a module's
 * {@code src/main/resources/db/} is pinned by its SHA-256 in {@code released-migrations.sha256} (the format of
 * {@code sha256sum}); a change of schema is a new migration, added to that list with
 * {@code sha256sum path >> infra/src/test/resources/released-migrations.sha256}.
 */
class ReleasedMigrationsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void every_migration_is_pinned_and_unchanged_and_none_was_removed() throws IOException {
        Map<String, String> pinned = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/released-migrations.sha256"))) {
            if (!line.isBlank()) {
                String[] hashAndPath = line.trim().split("\\s+", 2);
                pinned.put(hashAndPath[1], hashAndPath[0]);
            }
        }
        Map<String, String> present = new TreeMap<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path db : modules.map(m -> m.resolve("src/main/resources/db")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(db)) {
                    for (Path f : files.filter(p -> p.getFileName().toString().matches("V[0-9_]+__.+\\.sql")).toList()) {
                        present.put(ROOT.relativize(f).toString().replace('\\', '/'), sha256(f));
                    }
                }
            }
        }
        assertThat(present).as("migrations found (is the test run from the infra module?)").hasSizeGreaterThan(20);
        assertThat(present.keySet()).as("migrations not yet pinned: append their sha256sum line").isSubsetOf(pinned.keySet());
        assertThat(pinned.keySet()).as("pinned migrations that are gone: a released migration is never removed")
                .isSubsetOf(present.keySet());
        assertThat(present).as("a released migration was changed: revert it and add a new migration instead")
                .containsExactlyInAnyOrderEntriesOf(pinned);
    }

    private static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
