package com.polaris.kat.infra;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code infra/cds.sh MODULE} prints and keeps: the launch line a service starts from (its ahead-of-time cache on
 * JDK 25 or later, its class data sharing archive before), one argument per line, and when it records the cache again
 * (docs/decisions.md, "Start-up"). The script runs from a copy of {@code infra/} in a checkout whose path holds a space,
 * on a stand-in JDK (also under a path with a space) that logs every call, extracts a jar by copying it, "records" a
 * cache as a file starting with {@code CACHE} and, asked to map a cache strictly ({@code -XX:AOTMode=on},
 * {@code -Xshare:on}), fails as the JVM does when the file does not start so. The real JVM's answers to the same
 * options were observed on Temurin 25.0.3 and OpenJDK 17.0.15 (a truncated or checksum-damaged cache, other options).
 */
class StartupCacheTest {

    private static final Path INFRA = Path.of("..").toAbsolutePath().normalize().resolve("infra");

    @TempDir
    Path dir;

    private Path root;
    private Path calls;
    private Path jar;

    @BeforeEach
    void checkout() throws IOException {
        root = Files.createDirectories(dir.resolve("check out"));
        Path infra = Files.createDirectories(root.resolve("infra"));
        for (String f : new String[] {"cds.sh", "service-java.sh"}) {
            Files.copy(INFRA.resolve(f), infra.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.writeString(infra.resolve("service-jvm.env"), "# test\nKAT_SERVICE_JAVA_OPTS=-Xmx160m -XX:+UseSerialGC\nMALLOC_ARENA_MAX=2\n");
        Files.createDirectories(root.resolve("demo/src"));
        jar = Files.createDirectories(root.resolve("demo/target")).resolve("demo-1.0.jar");
        Files.writeString(jar, "a jar");
        calls = dir.resolve("calls");
    }

    /** A stand-in java launcher of {@code version} at "dir/jdk VERSION/bin/java" (see the class comment). */
    private Path jdk(int version) throws IOException {
        Path java = Files.createDirectories(dir.resolve("jdk " + version).resolve("bin")).resolve("java");
        String modern = version >= 25 ? "1" : "";
        Files.writeString(java, """
                #!/bin/bash
                printf '%s\\n' "$@" '--' >>"$KAT_TEST_CALLS"
                out= cache= strict= dest= jar= prev=
                for a in "$@"; do
                  case "$a" in
                    -XshowSettings:properties) printf '    java.specification.version = VERSION\\n    java.home = HOME\\n' >&2; exit 0 ;;
                    -XX:AOTCacheOutput=*) out="${a#*=}" ;;
                    -XX:ArchiveClassesAtExit=*) out="${a#*=}" ;;
                    -XX:AOTCache=*) cache="${a#*=}" ;;
                    -XX:SharedArchiveFile=*) cache="${a#*=}" ;;
                    -XX:AOTMode=on) [ -n "MODERN" ] && strict=1 ;;
                    -Xshare:on) [ -z "MODERN" ] && strict=1 ;;
                  esac
                  [ "$prev" = --destination ] && dest="$a"
                  [ "$prev" = -jar ] && jar="$a"
                  prev="$a"
                done
                if [ -n "$dest" ]; then mkdir -p "$dest" && cp "$jar" "$dest/"; exit; fi
                if [ -n "$strict" ]; then
                  [ "$(head -c 5 "$cache" 2>/dev/null)" = CACHE ] && exit 0
                  [ -n "${KAT_TEST_ADAPTER_WARNING:-}" ] && echo '[warning][aot] Failed to link AdapterHandlerEntry to its code in the AOT code cache' >&2
                  echo '[aot] Checksum verification failed.' >&2; exit 1
                fi
                if [ -n "$out" ]; then [ -n "${KAT_TEST_TRAINING_FAILS:-}" ] && exit 1; echo CACHE >"$out"; fi
                exit 0
                """.replace("VERSION", Integer.toString(version)).replace("HOME", java.getParent().getParent().toString())
                .replace("MODERN", modern), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    /** What {@code infra/cds.sh demo} printed on stdout (its lines), on stderr, and its exit status. */
    private record Outcome(int status, List<String> lines, String err) {
    }

    private Outcome cds(Path java, Map<String, String> env) throws IOException, InterruptedException {
        Path err = dir.resolve("stderr");
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("infra/cds.sh").toString(), "demo")
                .redirectError(err.toFile());
        pb.environment().remove("KAT_SERVICE_JAVA_OPTS");
        pb.environment().putAll(Map.of("KAT_SERVICE_JAVA", java.toString(), "KAT_TEST_CALLS", calls.toString(),
                "KAT_DB_PASSWORD", "not-used"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        return new Outcome(status, out.lines().toList(), Files.readString(err).trim());
    }

    /** The stand-in's calls so far, each as its argument list. */
    private List<List<String>> calls() throws IOException {
        List<List<String>> all = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : Files.readAllLines(calls)) {
            if (line.equals("--")) {
                all.add(current);
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        return all;
    }

    private List<List<String>> trainings() throws IOException {
        return calls().stream().filter(c -> c.stream().anyMatch(a -> a.startsWith("-XX:AOTCacheOutput=")
                || a.startsWith("-XX:ArchiveClassesAtExit="))).toList();
    }

    private Path cds() {
        return root.resolve("demo/target/cds");
    }

    @Test
    void theLaunchLineKeepsEachPathWholeOneArgumentPerLine() throws Exception {
        Path java = jdk(25);

        Outcome o = cds(java, Map.of());

        assertThat(o.status()).as(o.err()).isZero();
        List<String> expected = List.of(java.toString(), "-XX:AOTCache=" + cds().resolve("app.aot"), "-jar",
                cds().resolve("demo-1.0.jar").toString());
        assertThat(o.lines()).isEqualTo(expected);
        assertThat(Files.readAllLines(cds().resolve("launch"))).isEqualTo(expected);
        List<String> training = trainings().get(0);
        assertThat(training).containsSubsequence("-Xmx160m", "-XX:+UseSerialGC", "-XX:AOTCacheOutput=" + cds().resolve("app.aot"),
                "-jar", cds().resolve("demo-1.0.jar").toString());
    }

    @Test
    void aCurrentCacheIsUsedAgainOnceTheJvmMappedItAndVerifiedItsChecksum() throws Exception {
        Path java = jdk(25);
        List<String> first = cds(java, Map.of()).lines();

        Outcome again = cds(java, Map.of());

        assertThat(again.lines()).isEqualTo(first);
        assertThat(trainings()).hasSize(1);
        List<String> check = calls().get(calls().size() - 1);
        assertThat(check).containsSubsequence("-Xmx160m", "-XX:+UseSerialGC", "-XX:AOTCache=" + cds().resolve("app.aot"),
                "-XX:AOTMode=on", "-XX:+VerifySharedSpaces");
        assertThat(check).containsSubsequence("-cp", cds().resolve("demo-1.0.jar").toString(), "-version");
    }

    @Test
    void aCacheTheJvmCannotUseIsRecordedAgainAndSaysWhy() throws Exception {
        Path java = jdk(25);
        List<String> first = cds(java, Map.of()).lines();
        Files.writeString(cds().resolve("app.aot"), "damaged in place");

        Outcome again = cds(java, Map.of());

        assertThat(again.err()).isEqualTo("[cds] the cache of demo cannot be used ([aot] Checksum verification failed.); recording it again");
        assertThat(again.lines()).isEqualTo(first);
        assertThat(trainings()).hasSize(2);
        assertThat(Files.readString(cds().resolve("app.aot"))).startsWith("CACHE");

        // the reason is the JVM's complaint about the cache, not JDK 25.0.3's adapter warning printed before it
        Files.writeString(cds().resolve("app.aot"), "damaged in place");
        Outcome withWarning = cds(java, Map.of("KAT_TEST_ADAPTER_WARNING", "1"));

        assertThat(withWarning.err()).isEqualTo("[cds] the cache of demo cannot be used ([aot] Checksum verification failed.); recording it again");
    }

    @Test
    void otherJvmOptionsGetACacheTrainedWithThem() throws Exception {
        Path java = jdk(25);
        cds(java, Map.of());

        Outcome other = cds(java, Map.of("KAT_SERVICE_JAVA_OPTS", "-Xmx96m -XX:+UseCompactObjectHeaders"));

        assertThat(other.status()).as(other.err()).isZero();
        assertThat(trainings()).hasSize(2);
        assertThat(trainings().get(1)).containsSubsequence("-Xmx96m", "-XX:+UseCompactObjectHeaders", "-XX:AOTCacheOutput=" + cds().resolve("app.aot"));
        assertThat(trainings().get(1)).doesNotContain("-Xmx160m");
        assertThat(Files.readString(cds().resolve("options")).trim()).isEqualTo("-Xmx96m -XX:+UseCompactObjectHeaders");

        cds(java, Map.of("KAT_SERVICE_JAVA_OPTS", "-Xmx96m -XX:+UseCompactObjectHeaders"));
        assertThat(trainings()).hasSize(2);
    }

    @Test
    void aFailedTrainingRunGivesThePlainJarAndSaysWhy() throws Exception {
        Path java = jdk(25);

        Outcome o = cds(java, Map.of("KAT_TEST_TRAINING_FAILS", "1"));

        assertThat(o.status()).isZero();
        assertThat(o.lines()).isEqualTo(List.of(java.toString(), "-jar", jar.toString()));
        assertThat(o.err()).isEqualTo("[cds] training run of demo failed (see " + cds().resolve("training.log")
                + "); starting without a cache");
        assertThat(cds().resolve("app.aot")).doesNotExist();
    }

    @Test
    void onJdk17ItIsAClassDataSharingArchiveMappedWithXshareOn() throws Exception {
        Path java = jdk(17);

        Outcome o = cds(java, Map.of());
        cds(java, Map.of());

        Path archive = cds().resolve("app.jsa");
        assertThat(o.lines()).isEqualTo(List.of(java.toString(), "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off", "-jar", cds().resolve("demo-1.0.jar").toString()));
        assertThat(trainings()).hasSize(1);
        assertThat(trainings().get(0)).contains("-XX:ArchiveClassesAtExit=" + archive);
        assertThat(calls().get(calls().size() - 1)).contains("-Xshare:on", "-XX:+VerifySharedSpaces", "-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void anEmptyOrMissingCacheIsRecordedAgainAndSaysSo() throws Exception {
        Path java = jdk(25);
        List<String> first = cds(java, Map.of()).lines();

        Files.writeString(cds().resolve("app.aot"), "");
        Outcome afterEmptied = cds(java, Map.of());
        Files.delete(cds().resolve("app.aot"));
        Outcome afterDeleted = cds(java, Map.of());

        for (Outcome o : List.of(afterEmptied, afterDeleted)) {
            assertThat(o.err()).isEqualTo("[cds] the cache of demo is gone or empty; recording it again");
            assertThat(o.lines()).isEqualTo(first);
        }
        assertThat(trainings()).hasSize(3);
    }
}
