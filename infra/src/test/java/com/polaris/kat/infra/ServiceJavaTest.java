package com.polaris.kat.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which java launcher {@code infra/service-java.sh} gives the services (infra/run.sh, the benchmark, infra/test.sh): a
 * JDK of version 25 or later when there is one, for its ahead-of-time cache (docs/decisions.md, "Start-up"); else the
 * {@code java} on the PATH. The JDKs here are stand-in launchers that only answer {@code -XshowSettings:properties}
 * with their version, in a folder given as {@code KAT_JVM_DIR}.
 */
class ServiceJavaTest {

    private static final Path SCRIPT = Path.of("..").toAbsolutePath().normalize().resolve("infra/service-java.sh");

    @TempDir
    Path dir;

    /** A stand-in JDK at {@code dir/name} whose launcher reports {@code version} as the JVM's property listing does. */
    private Path jdk(Path parent, String name, int version) throws IOException {
        return launcher(parent.resolve(name), "echo 'Property settings:' >&2\necho '    java.specification.version = " + version
                + "' >&2\necho '    java.version = " + version + ".0.1' >&2");
    }

    /** An executable {@code home/bin/java} that runs {@code body} as a shell script. */
    private static Path launcher(Path home, String body) throws IOException {
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    /** What the script printed (stderr into stdout, trimmed) and its exit status. */
    private record Outcome(int status, String out) {
    }

    /** The launcher the script chooses with {@code env}; it must succeed. */
    private String run(Map<String, String> env) throws Exception {
        Outcome o = outcome(env);
        assertThat(o.status()).as(o.out()).isZero();
        return o.out();
    }

    /** The script with {@code env} (and neither JAVA_HOME nor KAT_SERVICE_JAVA from this JVM), run to its end. */
    private Outcome outcome(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("KAT_SERVICE_JAVA");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return new Outcome(p.waitFor(), out);
    }

    @Test
    void theNewestJdkOfVersion25OrLaterIsChosen() throws Exception {
        Path jvms = Files.createDirectories(dir.resolve("jvm"));
        jdk(jvms, "java-17-openjdk", 17);
        jdk(jvms, "temurin-25-jdk", 25);
        Path newest = jdk(jvms, "temurin-26-jdk", 26);

        assertThat(run(Map.of("KAT_JVM_DIR", jvms.toString()))).isEqualTo(newest.toString());
    }

    @Test
    void withoutSuchAJdkTheJavaOnThePathIsUsed() throws Exception {
        Path jvms = Files.createDirectories(dir.resolve("jvm"));
        jdk(jvms, "java-17-openjdk", 17);
        jdk(jvms, "java-21-openjdk", 21);
        Path onPath = jdk(dir, "path-jdk", 17);

        String chosen = run(Map.of("KAT_JVM_DIR", jvms.toString(),
                "PATH", onPath.getParent() + ":/usr/bin:/bin"));

        assertThat(chosen).isEqualTo(onPath.toString());
    }

    @Test
    void aJavaHomeOfVersion25OrLaterComesBeforeTheFolderAndAnOlderOneDoesNot() throws Exception {
        Path jvms = Files.createDirectories(dir.resolve("jvm"));
        Path folder = jdk(jvms, "temurin-26-jdk", 26);
        Path home25 = jdk(dir, "home-25", 25);
        Path home17 = jdk(dir, "home-17", 17);

        assertThat(run(Map.of("KAT_JVM_DIR", jvms.toString(), "JAVA_HOME", home25.getParent().getParent().toString())))
                .isEqualTo(home25.toString());
        assertThat(run(Map.of("KAT_JVM_DIR", jvms.toString(), "JAVA_HOME", home17.getParent().getParent().toString())))
                .isEqualTo(folder.toString());
    }

    @Test
    void katServiceJavaIsUsedAsGiven() throws Exception {
        Path jvms = Files.createDirectories(dir.resolve("jvm"));
        jdk(jvms, "temurin-25-jdk", 25);
        Path chosen = jdk(dir, "chosen-17", 17);

        assertThat(run(Map.of("KAT_JVM_DIR", jvms.toString(), "KAT_SERVICE_JAVA", chosen.toString())))
                .isEqualTo(chosen.toString());
    }

    @Test
    void aKatServiceJavaThatIsNoExecutableIsRefusedWithItsName() throws Exception {
        Path jvms = Files.createDirectories(dir.resolve("jvm"));
        jdk(jvms, "temurin-25-jdk", 25);

        for (String given : new String[] {dir.resolve("no-such/bin/java").toString(), jvms.toString()}) {
            Outcome o = outcome(Map.of("KAT_JVM_DIR", jvms.toString(), "KAT_SERVICE_JAVA", given));

            assertThat(o.status()).as(o.out()).isEqualTo(1);
            assertThat(o.out()).isEqualTo("[service-java] KAT_SERVICE_JAVA=" + given
                    + " is not an executable java launcher (give the path of bin/java)");
        }
    }

    @Test
    void aMachineWithoutJavaIsToldSo() throws Exception {
        Path jvms = Files.createDirectories(dir.resolve("jvm"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : new String[] {"sed", "head", "grep"}) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }

        Outcome o = outcome(Map.of("KAT_JVM_DIR", jvms.toString(), "PATH", bin.toString()));

        assertThat(o.status()).as(o.out()).isEqualTo(1);
        assertThat(o.out()).isEqualTo("[service-java] no java: install a JDK 17 or later, or name one with KAT_SERVICE_JAVA or JAVA_HOME");
    }

    @Test
    void aKatServiceJavaThatIsNoJava17OrLaterIsRefusedWithWhatItReports() throws Exception {
        Path jvms = Files.createDirectories(dir.resolve("jvm"));
        jdk(jvms, "temurin-25-jdk", 25);
        Path jdk11 = jdk(dir, "jdk-11", 11);

        Outcome old = outcome(Map.of("KAT_JVM_DIR", jvms.toString(), "KAT_SERVICE_JAVA", jdk11.toString()));
        Outcome notJava = outcome(Map.of("KAT_JVM_DIR", jvms.toString(), "KAT_SERVICE_JAVA", "/bin/true"));

        assertThat(old.status()).as(old.out()).isEqualTo(1);
        assertThat(old.out()).isEqualTo("[service-java] KAT_SERVICE_JAVA=" + jdk11
                + " is not a java launcher of version 17 or later (it reports version 11)");
        assertThat(notJava.status()).as(notJava.out()).isEqualTo(1);
        assertThat(notJava.out()).isEqualTo("[service-java] KAT_SERVICE_JAVA=/bin/true"
                + " is not a java launcher of version 17 or later (it reports no java version)");
    }

    @Test
    void aJavaOnThePathOlderThan17IsRefused() throws Exception {
        Path jvms = Files.createDirectories(dir.resolve("jvm"));
        Path onPath = jdk(dir, "path-jdk", 11);

        Outcome o = outcome(Map.of("KAT_JVM_DIR", jvms.toString(), "PATH", onPath.getParent() + ":/usr/bin:/bin"));

        assertThat(o.status()).as(o.out()).isEqualTo(1);
        assertThat(o.out()).isEqualTo("[service-java] the java on the PATH (" + onPath
                + ") is not a java launcher of version 17 or later (it reports version 11)");
    }

    @Test
    void aJdk8ReportsVersion8AndALauncherThatDoesNotAnswerIsNoJava() throws Exception {
        Path jvms = Files.createDirectories(dir.resolve("jvm"));
        Path jdk8 = launcher(dir.resolve("jdk-8"), "echo '    java.specification.version = 1.8' >&2");
        Path hangs = launcher(dir.resolve("hangs"), "exec sleep 60");

        Outcome old = outcome(Map.of("KAT_JVM_DIR", jvms.toString(), "KAT_SERVICE_JAVA", jdk8.toString()));
        Outcome silent = outcome(Map.of("KAT_JVM_DIR", jvms.toString(), "KAT_SERVICE_JAVA", hangs.toString(),
                "KAT_JAVA_PROBE_SECONDS", "1"));

        assertThat(old.out()).isEqualTo("[service-java] KAT_SERVICE_JAVA=" + jdk8
                + " is not a java launcher of version 17 or later (it reports version 8)");
        assertThat(silent.status()).as(silent.out()).isEqualTo(1);
        assertThat(silent.out()).isEqualTo("[service-java] KAT_SERVICE_JAVA=" + hangs
                + " is not a java launcher of version 17 or later (it reports no java version)");
    }
}
