package com.polaris.kat.benchmark;

import com.polaris.kat.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The benchmark's CPU accounting keeps PostgreSQL's CPU of backends that have ended (a race's round had shown -0.47 s). */
class CpuTimeTest {

    @Test
    void theCpuOfABackendThatEndedStaysCounted() throws Exception {
        TestDatabases.Database db = TestDatabases.createFresh("cpu_time");
        long self = ProcessHandle.current().pid();
        double before = CpuTime.byProcessGroup(self).get("postgres");
        int backend;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
                r.next();
                backend = r.getInt(1);
            }
            s.execute("SELECT count(*) FROM generate_series(1, 3000000)"); // a few hundred ms of the backend's CPU
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !java.nio.file.Files.exists(java.nio.file.Path.of("/proc/" + backend)));
        // the postmaster reaps the ended backend; its CPU then sits in the postmaster's children times
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(CpuTime.byProcessGroup(self).get("postgres") - before).isGreaterThanOrEqualTo(0.1));
    }

    @Test
    void threadsWhoseNamesDifferOnlyInNumbersAreOneGroup() throws Exception {
        // Linux keeps the first 15 bytes of a thread's name: the names as /proc shows them
        assertThat(CpuTime.threadGroup("http-nio-18181-")).isEqualTo("http-nio-");
        assertThat(CpuTime.threadGroup("C2 CompilerThre")).isEqualTo("C CompilerThre");
        assertThat(CpuTime.threadGroup("HikariPool-1 ho")).isEqualTo("HikariPool ho");
        assertThat(CpuTime.threadGroup("VM Thread")).isEqualTo("VM Thread");
        // this JVM's own threads add up to its CPU
        double total = CpuTime.compilerAndTotal(ProcessHandle.current().pid())[1];
        assertThat(CpuTime.byThreadGroup(ProcessHandle.current().pid()).values().stream().mapToDouble(Double::doubleValue).sum())
                .isGreaterThan(0).isCloseTo(total, org.assertj.core.data.Offset.offset(0.05 + total * 0.1));
    }
}
