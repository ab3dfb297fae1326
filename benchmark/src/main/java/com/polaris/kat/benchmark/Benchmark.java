package com.polaris.kat.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.json.EventJson;
import com.polaris.kat.events.money.Money;
import org.awaitility.Awaitility;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The benchmark: the real services (packaged jars, child processes) against PostgreSQL, beside what
 * PostgreSQL itself allows, in one run. Started by infra/bench/run.sh [quick|full]; prints a table,
 * writes a JSON result and updates docs/benchmarks.md. Not part of the test suite; asserts nothing
 * except that the figures it reports were produced (a failed request is counted, not hidden).
 */
public final class Benchmark {

    private static final String DB = "kat_bench";
    private static final String HISTORY_DB = "kat_bench_history";
    private static final int ENROLLMENT_A = 18181, ENROLLMENT_B = 18182, PROJECTION = 18183;

    private final Mode mode;
    private final Path root;
    private final Db db = Db.fromEnvironment();
    private final Map<String, String> passwords = new HashMap<>();
    /**
     * This run's personal data secrets (base64 of 32 bytes), given to both services and the history generator: the
     * environment's {@code KAT_BENCH_MASTER_KEY} and {@code KAT_BENCH_PSEUDONYM_KEY} when set (so that services started by
     * hand can read a history that {@code infra/bench/run.sh history} left), else 32 random bytes each.
     */
    static final String MASTER_KEY = key("KAT_BENCH_MASTER_KEY");
    static final String PSEUDONYM_KEY = key("KAT_BENCH_PSEUDONYM_KEY");

    private static String key(String variable) {
        String given = System.getenv(variable);
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        byte[] k = new byte[32];
        new java.security.SecureRandom().nextBytes(k);
        return java.util.Base64.getEncoder().encodeToString(k);
    }
    private final Http http;
    private final Map<String, Object> result = new LinkedHashMap<>();
    private int nextSeries = 5000;

    /** JVM options added to every service this run starts (the profile mode's flight recording). */
    private String extraJvmOptions = "";

    /**
     * How infra/run.sh starts the services (infra/service-jvm.env: {@code KAT_SERVICE_JAVA_OPTS}, {@code MALLOC_ARENA_MAX}),
     * so that the figures are of the services as they run; {@code KAT_BENCH_SERVICE_JVM} replaces the JVM options for an experiment.
     */
    private final Map<String, String> serviceSettings;
    private final String serviceJvm;

    private Benchmark(Mode mode, Path root) {
        this.mode = mode;
        this.root = root;
        for (String user : List.of("frontend", "attendance", "finance", "compliance", "admin")) {
            passwords.put(user, "bench-" + UUID.randomUUID());
        }
        this.http = new Http(passwords);
        this.serviceSettings = serviceSettings(root.resolve("infra/service-jvm.env"));
        this.serviceJvm = System.getenv().getOrDefault("KAT_BENCH_SERVICE_JVM", serviceSettings.get("KAT_SERVICE_JAVA_OPTS"));
    }

    /** The KEY=VALUE lines of infra/service-jvm.env ('#' lines are comments). */
    private static Map<String, String> serviceSettings(Path file) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : java.nio.file.Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the services' settings " + file, e);
        }
        if (!m.containsKey("KAT_SERVICE_JAVA_OPTS")) {
            throw new IllegalStateException(file + " has no KAT_SERVICE_JAVA_OPTS line");
        }
        return m;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true"); // no calls home (and no network here)
        // the JDK's HTTP client keeps an idle connection for 1,200 s, Tomcat closes it after 60 s: a request sent on one
        // idle for longer (after waiting minutes for a projection to catch up) found it closed ("header parser received
        // no bytes") and ended a profile lag run of 2026-12-02; closing idle connections first keeps every request on a
        // live one (read once, when the client's connection pool class loads: before any client is built)
        System.setProperty("jdk.httpclient.keepalive.timeout", "30");
        int status = 0;
        try {
            if (args.length > 0 && args[0].equals("history")) {
                // a history to profile against: infra/bench/run.sh history 100000 (left in kat_bench_history)
                Db db = Db.fromEnvironment();
                db.recreate(HISTORY_DB);
                try (ConfigurableApplicationContext store = StoreContext.start(db, HISTORY_DB, false)) {
                    log("generated " + new HistoryGenerator(store, 20261126L)
                            .generate(Long.parseLong(args[1])));
                }
                System.exit(0);
            }
            if (args.length > 0 && args[0].equals("profile")) {
                Path root = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
                Benchmark b = new Benchmark(Mode.of("full"), root);
                if (args.length > 2 && args[2].equals("race")) {
                    b.profileRace();
                } else if (args.length > 2 && args[2].equals("waits")) {
                    b.profileWaits(args.length > 3 ? Integer.parseInt(args[3]) : 16);
                } else if (args.length > 2 && (args[2].equals("lag") || args[2].equals("projection"))) {
                    b.profileLag(args[2].equals("projection"));
                } else {
                    b.profile(args.length > 2 ? Integer.parseInt(args[2]) : 16, args.length > 3 && args[3].equals("peer"));
                }
                b.db.drop(DB); // the services are stopped: nothing of the run is left behind
                System.exit(0);
            }
            Mode mode = Mode.of(args.length > 0 ? args[0] : "quick").withLoadSeconds(System.getenv("KAT_BENCH_LOAD_SECONDS"));
            Path root = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
            Benchmark b = new Benchmark(mode, root);
            b.run();
            b.db.drop(DB); // the services are stopped: the run's databases are not left behind
            b.db.drop(HISTORY_DB);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // Axon's and the HTTP client's worker threads would keep the JVM alive
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        result.put("mode", mode.name());
        result.put("startedAt", Instant.now().toString());
        result.put("machine", Report.machine(db));
        db.recreate(DB);

        log("raw PostgreSQL: single-row INSERT + COMMIT");
        RawPostgres raw = new RawPostgres(db, DB);
        raw.createTable();
        byte[][] row = eventSizedRow();
        List<RawPostgres.InsertResult> rawInserts = new ArrayList<>();
        raw.insertCommit(4, 1, row[0], row[1]); // warm-up: connections, plans, WAL
        for (int c : Mode.CLIENTS) {
            rawInserts.add(raw.insertCommit(c, mode.rawInsertSeconds(), row[0], row[1]));
            log("  " + rawInserts.get(rawInserts.size() - 1));
        }
        result.put("rawInsertCommit", rawInserts);
        result.put("rawRowBytes", Map.of("payload", row[0].length, "metaData", row[1].length));

        Map<String, Object> startup = new LinkedHashMap<>();
        Map<String, Object> startupQuiet = new LinkedHashMap<>(); // seconds waited for a quiet machine before a launch
        Map<String, Object> memory = new LinkedHashMap<>();
        try (Service a = start("enrollment-service", "enrollment-a", ENROLLMENT_A, DB, List.of())) {
            startup.put("enrollment-service", a.secondsToReady);
            http.defineModules(a.url());

            log("registration over HTTP (" + mode.loadSeconds() + " s per client count), event-sourced and the state-stored peer "
                    + "(lock the series row, count, insert; same HTTP stack) in ABBA order at each client count, both warmed up first");
            RegistrationLoad load = new RegistrationLoad(http, a.url());
            RegistrationLoad peer = new RegistrationLoad(series -> http.registerWithPeer(a.url(), series).status());
            // every row's series are scheduled before the warm-up, not just before the row: scheduling a series appends its
            // class days, which the service's own processors then read, and that work (not a registration's) fell into the
            // event-sourced rows' first seconds, not the peer's, whose series are one row each (since 2026-12-01 14:50)
            List<List<String>> rowSeries = new ArrayList<>();
            List<List<String>> rowPeerSeries = new ArrayList<>();
            for (int ignored : Mode.CLIENTS) {
                rowSeries.add(newSeries(a, 64, 100_000));
                rowPeerSeries.add(newPeerSeries(a, 64, 100_000));
            }
            result.put("warmUp", warmUp(a, load, peer));
            List<Map<String, Object>> registration = new ArrayList<>();
            for (int i = 0; i < Mode.CLIENTS.length; i++) {
                int c = Mode.CLIENTS[i];
                // in ABBA order (event-sourced, peer, peer, event-sourced), each half the row's seconds, the machine quiet
                // before each slice: the machine's speed drifts by more than the gap measured (0.77 in a quick run's
                // rows and 1.03 in two profile windows twenty minutes apart, 2026-12-02), and ABBA cancels a linear drift
                // that one run of each, one after the other, takes wholly into the ratio
                double half = mode.loadSeconds() / 2;
                double quietBefore = untilQuiet(a);
                double[] jit0 = CpuTime.compilerAndTotal(a.pid());
                double[] up = new double[8]; // the service's uptime at each slice's start and end: its GC log's clock
                // each process group's CPU seconds within each kind's two slices (the quiet waits between them left out)
                Map<String, Double> cpuEs = new LinkedHashMap<>(), cpuPeer = new LinkedHashMap<>();
                Map<String, Double> c0 = CpuTime.byProcessGroup(a.pid());
                up[0] = a.uptimeSeconds();
                RegistrationLoad.Slice r1 = load.slice(c, rowSeries.get(i), half);
                up[1] = a.uptimeSeconds();
                addCpu(cpuEs, c0, CpuTime.byProcessGroup(a.pid()));
                double[] jit1 = CpuTime.compilerAndTotal(a.pid());
                double quietBeforePeer = untilQuiet(a);
                c0 = CpuTime.byProcessGroup(a.pid());
                up[2] = a.uptimeSeconds();
                RegistrationLoad.Slice q1 = peer.slice(c, rowPeerSeries.get(i), half);
                up[3] = a.uptimeSeconds();
                addCpu(cpuPeer, c0, CpuTime.byProcessGroup(a.pid()));
                quietBeforePeer += untilQuiet(a);
                c0 = CpuTime.byProcessGroup(a.pid());
                up[4] = a.uptimeSeconds();
                RegistrationLoad.Slice q2 = peer.slice(c, rowPeerSeries.get(i), half);
                up[5] = a.uptimeSeconds();
                addCpu(cpuPeer, c0, CpuTime.byProcessGroup(a.pid()));
                quietBefore += untilQuiet(a);
                double[] jit2 = CpuTime.compilerAndTotal(a.pid());
                c0 = CpuTime.byProcessGroup(a.pid());
                up[6] = a.uptimeSeconds();
                RegistrationLoad.Slice r2 = load.slice(c, rowSeries.get(i), half);
                up[7] = a.uptimeSeconds();
                addCpu(cpuEs, c0, CpuTime.byProcessGroup(a.pid()));
                double[] jit3 = CpuTime.compilerAndTotal(a.pid());
                RegistrationLoad.Result r = RegistrationLoad.merge(List.of(r1, r2));
                RegistrationLoad.Result q = RegistrationLoad.merge(List.of(q1, q2));
                Map<String, Object> m = new LinkedHashMap<>(Report.fields(r));
                m.put("quietWaitSeconds", quietBefore);
                m.put("crudPeerQuietWaitSeconds", quietBeforePeer);
                m.put("jitShareOfServiceCpu", share(new double[]{0, 0}, sum(new double[]{jit1[0] - jit0[0], jit1[1] - jit0[1]},
                        new double[]{jit3[0] - jit2[0], jit3[1] - jit2[1]})));
                // the collector's stop-the-world pauses within each kind's two slices (SerialGC: the service stands still)
                m.put("gcPausesEventSourced", addPauses(a.gcPauses(up[0], up[1]), a.gcPauses(up[6], up[7])));
                m.put("gcPausesCrudPeer", addPauses(a.gcPauses(up[2], up[3]), a.gcPauses(up[4], up[5])));
                // whether the kinds' gap is CPU: each process group's CPU per registration within each kind's slices
                m.put("cpuPerRegistrationMs", perRegistrationMs(cpuEs, r.created()));
                m.put("crudPeerCpuPerRegistrationMs", perRegistrationMs(cpuPeer, q.created()));
                // each slice's own ratio, first pair and second: how far the machine moved within the row
                m.put("sliceRatiosToCrudPeer", List.of(r1.created() / r1.seconds() / (q1.created() / q1.seconds()),
                        r2.created() / r2.seconds() / (q2.created() / q2.seconds())));
                m.put("rawInsertPerSecond", rawInserts.get(i).perSecond());
                m.put("ratioToRaw", r.perSecond() / rawInserts.get(i).perSecond());
                m.put("crudPeerPerSecond", q.perSecond());
                m.put("crudPeerP50Ms", q.p50Ms());
                m.put("crudPeerOtherStatuses", q.otherStatuses());
                m.put("ratioToCrudPeer", r.perSecond() / q.perSecond());
                registration.add(m);
                log("  " + m);
            }
            result.put("registration", registration);

            log("hot series: registration p50 on a series whose stream already holds " + Mode.HOT_SERIES_EVENTS + " events, against a fresh one");
            result.put("hotSeries", hotSeries(a));
            memory.put("enrollment-service after registration load", mib(a));

            log("sell-out race: " + Mode.RACE_CAPACITY + " seats, " + Mode.RACE_ATTEMPTS + " attempts, two instances");
            // a start is measured on a machine as quiet as for the first instance's (the load's last writes leave
            // PostgreSQL's autovacuum and the instance's compiler busy for seconds; 2026-12-06: the projection service
            // took 5.3-6.3 s alone, 8.2-8.8 s in the runs)
            startupQuiet.put("enrollment-service (second instance)", untilQuiet(a));
            try (Service b = start("enrollment-service", "enrollment-b", ENROLLMENT_B, DB, List.of())) {
                startup.put("enrollment-service (second instance)", b.secondsToReady);
                // Like instance a before its load runs, b is warmed up (JIT) before it is measured: the race is about two
                // running instances, not about a cold start (start-up is measured on its own).
                result.put("warmUpSecondInstance", warmUp(b, new RegistrationLoad(http, b.url()), null));
                // The registration load never refuses: the race's own paths (sold-out refusals, problem responses,
                // conflicts between the instances) are still interpreted then. Unmeasured races first, until the
                // compilers of both instances are quiet during one.
                result.put("warmUpRaces", warmUpRaces(a, b));
                List<Map<String, Object>> races = new ArrayList<>();
                for (int round = 0; round < mode.raceRounds(); round++) {
                    String series = newSeries(a, 1, Mode.RACE_CAPACITY).get(0);
                    Map<String, Double> cpu0 = CpuTime.byProcessGroup(a.pid());
                    double[] jitA0 = CpuTime.compilerAndTotal(a.pid()), jitB0 = CpuTime.compilerAndTotal(b.pid());
                    SellOutRace.Result r = new SellOutRace(http).run(List.of(a.url(), b.url()), series,
                            Mode.RACE_CAPACITY, Mode.RACE_ATTEMPTS);
                    Map<String, Double> cpu1 = CpuTime.byProcessGroup(a.pid());
                    Map<String, Object> m = new LinkedHashMap<>(Report.fields(r));
                    m.put("jitShareOfServiceCpu", share(sum(jitA0, jitB0), sum(CpuTime.compilerAndTotal(a.pid()), CpuTime.compilerAndTotal(b.pid()))));
                    // where the race's CPU went, seconds ("other" is mostly instance b)
                    Map<String, Object> cpu = new LinkedHashMap<>();
                    cpu1.forEach((k, v) -> cpu.put(k, v - cpu0.getOrDefault(k, 0.0)));
                    m.put("cpuSeconds", cpu);
                    m.put("placedEventsInStore", placedEvents(series));
                    races.add(m);
                    log("  " + m);
                }
                result.put("sellOutRace", races);
                if (System.getenv("KAT_BENCH_HISTOGRAM") != null) { // what instance a's live heap holds after the races
                    log("instance a's live heap by class after the races:\n" + jcmdLines(a.pid(), "GC.class_histogram")
                            .lines().limit(40).collect(java.util.stream.Collectors.joining("\n")));
                }
            }

            log("projection lag at " + Mode.LAG_RATE_PER_SECOND + " registrations/s");
            List<ProjectionLag.Result> lags = new ArrayList<>();
            startupQuiet.put("projection-service", untilQuiet(a));
            try (Service p = start("projection-service", "projection-notify", PROJECTION, DB, List.of())) {
                startup.put("projection-service", p.secondsToReady);
                awaitCaughtUp(p, Duration.ofMinutes(5));
                result.put("warmUpProjection", warmUpLag(a, p));
                List<String> lagSeries = lagSeries(a, p);
                result.put("quietBeforeLagSeconds", untilQuiet(a, p));
                double from = p.uptimeSeconds(), fromA = a.uptimeSeconds();
                ProjectionLag lag = new ProjectionLag(http);
                Map<String, Double> cpu0 = CpuTime.byProcessGroup(p.pid());
                lags.add(lag.run("tracking processors woken by LISTEN/NOTIFY (default)", a.url(), p.url(),
                        lagSeries, Mode.LAG_RATE_PER_SECOND, mode.lagSeconds()));
                Map<String, Double> cpu1 = CpuTime.byProcessGroup(p.pid());
                log("  " + lags.get(0));
                // what the row's p99 rests on: each process's CPU per registration (a saturated machine queues) and the
                // seconds in which some registration's lag passed 50 ms, with the commands' own slowest round trip
                log("  CPU seconds used during the run (\"service\": projection-service; \"other\": mostly enrollment-service), per registration in ms:");
                logCpuPerRegistration(cpu0, cpu1, lags.get(0).commands(), "    ");
                Map<String, Double> cpuPerRegistration = new LinkedHashMap<>();
                cpu1.forEach((group, seconds) -> cpuPerRegistration.put(group,
                        1000 * (seconds - cpu0.getOrDefault(group, 0.0)) / Math.max(1, lags.get(0).commands())));
                result.put("cpuPerRegistrationDuringLagMs", cpuPerRegistration);
                java.util.SortedMap<Integer, String> slow = lag.slowSeconds(50);
                slow.forEach((second, line) -> log("    second " + second + ": " + line));
                result.put("lagSlowSeconds", slow);
                result.put("lagSeconds", mode.lagSeconds());
                Map<String, Object> gc = new LinkedHashMap<>();
                gc.put("projection-service", p.gcPauses(from, p.uptimeSeconds()));
                gc.put("enrollment-service", a.gcPauses(fromA, a.uptimeSeconds()));
                result.put("gcDuringLag", gc);
                log("  collector pauses during the lag run: " + gc);
                memory.put("projection-service after lag run", mib(p));
            }
            if (mode.pollingLagSeconds() > 0) try (Service p = start("projection-service", "projection-polling", PROJECTION, DB,
                    List.of("--kat.projections.listen-for-appends=false", "--kat.projections.fetch-delay-ms=1000"))) {
                awaitCaughtUp(p, Duration.ofMinutes(5));
                new ProjectionLag(http).run("warm-up", a.url(), p.url(), newSeries(a, 16, 100_000), Mode.LAG_RATE_PER_SECOND,
                        mode.warmUpSeconds());
                List<String> pollingSeries = lagSeries(a, p);
                untilQuiet(a, p);
                lags.add(new ProjectionLag(http).run("Axon's default polling (1 s fetch delay, no NOTIFY)", a.url(), p.url(),
                        pollingSeries, Mode.LAG_RATE_PER_SECOND, mode.pollingLagSeconds()));
                log("  " + lags.get(1));
            }
            result.put("projectionLag", lags);
        }

        result.put("startupAloneSecondsToReady", startsAlone());

        log("history of " + mode.historyEvents() + " events, rebuild");
        db.recreate(HISTORY_DB);
        HistoryGenerator.Result generated;
        try (ConfigurableApplicationContext store = StoreContext.start(db, HISTORY_DB, false)) {
            generated = new HistoryGenerator(store, 20261126L).generate(mode.historyEvents());
        }
        log("  generated " + generated);
        RawPostgres.ReadResult read = new RawPostgres(db, HISTORY_DB).readEvents();
        log("  raw read " + read);
        Map<String, Object> rebuild = new LinkedHashMap<>();
        rebuild.put("history", generated);
        rebuild.put("rawSequentialRead", read);
        rebuild.put("axonDoNothing", doNothing());
        log("  do-nothing " + rebuild.get("axonDoNothing"));
        try (Service p = start("projection-service", "projection-rebuild", PROJECTION, HISTORY_DB, List.of())) {
            Map<String, Object> first = catchUp(p, false);
            rebuild.put("firstStartFromZero", first);
            log("  first start " + first);
            if (mode.rebuildAgain()) {
                Map<String, Object> again = catchUp(p, true);
                rebuild.put("rebuildAllProjections", again);
                log("  rebuild " + again);
            }
            memory.put("projection-service after rebuild", mib(p));
        }
        double rebuildRate = (double) ((Map<?, ?>) rebuild.getOrDefault("rebuildAllProjections", rebuild.get("firstStartFromZero")))
                .get("eventsPerSecond");
        double doNothingRate = (double) ((Map<?, ?>) rebuild.get("axonDoNothing")).get("eventsPerSecond");
        rebuild.put("ratioToRawRead", rebuildRate / read.rowsPerSecond());
        rebuild.put("ratioToAxonDoNothing", rebuildRate / doNothingRate);
        result.put("rebuild", rebuild);
        result.put("startupSecondsToReady", startup);
        result.put("quietBeforeLaunchSeconds", startupQuiet);
        result.put("residentMemoryMiB", memory);
        result.put("serviceHeap", serviceJvm);
        result.put("serviceEnvironment", serviceEnvironment());
        result.put("totalSeconds", (System.nanoTime() - started) / 1e9);

        new Report(root, mode, result).publish();
    }

    /**
     * {@code infra/bench/run.sh profile [clients] [peer]}: one enrollment-service, warmed up until its JIT compiler is
     * quiet, then sampled ({@link #startProfiler}: async-profiler's CPU-time samples, or the JDK Flight Recorder) for 20 s
     * of registrations at {@code clients} clients (closed loop; with "peer", the state-stored peer's registrations);
     * prints the rate, the CPU per process per registration, and where the service's CPU went (per thread group; self and
     * inclusive per method, request threads and all). The samples stay in .local/logs/bench-profile.collapsed
     * (async-profiler's collapsed stacks) or bench-profile.jfr. async-profiler is asked for one sample per 1 ms of CPU;
     * on the 2-core machine of docs/benchmarks.md it took one per about 4 ms (2026-12-01: 16.0 s of the service's CPU,
     * 4,031 samples; the interval timer's resolution), so counts are shares of the CPU, not milliseconds.
     */
    private void profile(int clients, boolean peer) throws Exception {
        db.recreate(DB);
        Path recording;
        try (Service a = start("enrollment-service", "enrollment-profile", ENROLLMENT_A, DB, List.of())) {
            http.defineModules(a.url());
            RegistrationLoad load = peer ? new RegistrationLoad(s -> http.registerWithPeer(a.url(), s).status())
                    : new RegistrationLoad(http, a.url());
            // scheduled before the warm-up, so the service's processors have read their class days before the sampling
            List<String> series = peer ? newPeerSeries(a, 64, 100_000) : newSeries(a, 64, 100_000);
            log("  warm-up " + (peer ? warmUp(a, new RegistrationLoad(http, a.url()), load) : warmUp(a, load, null)));
            log(String.format("  quiet after %.1f s", untilQuiet(a)));
            startProfiler(a);
            Map<String, Double> cpu0 = CpuTime.byProcessGroup(a.pid());
            RegistrationLoad.Result r = load.run(clients, series, 20);
            Map<String, Double> cpu1 = CpuTime.byProcessGroup(a.pid());
            recording = stopProfiler(a);
            log("  " + r);
            log("CPU seconds used in the " + String.format("%.1f", r.seconds()) + " s (2 cores = "
                    + String.format("%.0f", 2 * r.seconds()) + " s available), per registration in ms:");
            logCpuPerRegistration(cpu0, cpu1, r.created(), "  ");
            log("resident memory after the load (MiB): " + mib(a) + " with " + serviceJvm + " " + serviceEnvironment());
            logHistograms(a, "enrollment-service");
            if (serviceJvm.contains("NativeMemoryTracking")) {
                log("the JVM's own account: " + jcmd(a.pid(), "VM.native_memory", "summary", "scale=MB"));
            }
        }
        printProfile(recording);
    }

    /**
     * With {@code KAT_BENCH_HISTOGRAM} set, what the service's live heap holds (a full collection first), top 30 classes;
     * with {@code KAT_BENCH_HISTOGRAM=all}, first every object, dead ones too (no collection): the difference is the
     * garbage, in the old generation what was promoted and died there.
     */
    private void logHistograms(Service service, String name) throws Exception {
        String mode = System.getenv("KAT_BENCH_HISTOGRAM");
        if (mode == null) {
            return;
        }
        if (mode.equals("all")) {
            log(name + ": whole heap by class, dead objects included:\n" + jcmdLines(service.pid(), "GC.class_histogram", "-all")
                    .lines().limit(33).collect(java.util.stream.Collectors.joining("\n")));
        }
        log(name + ": live heap by class:\n" + jcmdLines(service.pid(), "GC.class_histogram")
                .lines().limit(33).collect(java.util.stream.Collectors.joining("\n")));
    }

    /**
     * {@code infra/bench/run.sh profile waits [clients]}: where the event-sourced registration and the state-stored peer's
     * differ when both run at {@code clients} clients (default 16) on one enrollment-service, without a profiler in the
     * service: {@link #WAIT_ROUNDS} rounds of four {@link #WAIT_SLICE_SECONDS} s slices in ABBA order (as the quick run's
     * rows), each kind's slices summed. For each kind it prints the rate and p50, each process group's CPU per
     * registration (the service's also by thread group), PostgreSQL's commits, WAL records, bytes and syncs (and sync time) per registration, and the mean
     * number of the database's backends in each state while the kind ran ({@link ServerWaits}): waiting for a lock, for
     * the WAL, on the CPU, or idle in a transaction (waiting for the service).
     */
    private void profileWaits(int clients) throws Exception {
        db.recreate(DB);
        try (Connection c = db.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE " + DB + " SET track_wal_io_timing = on"); // the services' sessions time their WAL syncs
        }
        try (Service a = start("enrollment-service", "enrollment-waits", ENROLLMENT_A, DB, List.of());
             ServerWaits esWaits = new ServerWaits(db, DB); ServerWaits peerWaits = new ServerWaits(db, DB)) {
            http.defineModules(a.url());
            RegistrationLoad load = new RegistrationLoad(http, a.url());
            RegistrationLoad peer = new RegistrationLoad(s -> http.registerWithPeer(a.url(), s).status());
            List<String> series = newSeries(a, 64, 100_000);
            List<String> peerSeries = newPeerSeries(a, 64, 100_000);
            log("  warm-up " + warmUp(a, load, peer));
            List<RegistrationLoad.Slice> es = new ArrayList<>(), crud = new ArrayList<>();
            Map<String, Double> esCpu = new LinkedHashMap<>(), peerCpu = new LinkedHashMap<>();
            Map<String, Double> esThreads = new java.util.TreeMap<>(), peerThreads = new java.util.TreeMap<>();
            for (int round = 0; round < WAIT_ROUNDS; round++) {
                for (boolean eventSourced : new boolean[]{true, false, false, true}) {
                    untilQuiet(a);
                    ServerWaits w = eventSourced ? esWaits : peerWaits;
                    Map<String, Double> cpu0 = CpuTime.byProcessGroup(a.pid());
                    Map<String, Double> threads0 = CpuTime.byThreadGroup(a.pid());
                    w.start();
                    RegistrationLoad.Slice slice = (eventSourced ? load : peer).slice(clients, eventSourced ? series : peerSeries, WAIT_SLICE_SECONDS);
                    w.stop();
                    Map<String, Double> cpu1 = CpuTime.byProcessGroup(a.pid());
                    Map<String, Double> threads1 = CpuTime.byThreadGroup(a.pid());
                    addCpu(eventSourced ? esCpu : peerCpu, cpu0, cpu1);
                    addCpu(eventSourced ? esThreads : peerThreads, threads0, threads1);
                    (eventSourced ? es : crud).add(slice);
                }
            }
            for (boolean eventSourced : new boolean[]{true, false}) {
                RegistrationLoad.Result r = RegistrationLoad.merge(eventSourced ? es : crud);
                log((eventSourced ? "event-sourced" : "state-stored peer") + ": " + r);
                log("  CPU per registration (ms):");
                perRegistrationMs(eventSourced ? esCpu : peerCpu, r.created()).forEach((g, ms) -> log(String.format("    %-16s %6.3f", g, ms)));
                log("  the service's CPU per registration by thread group (ms, groups above 0.005):");
                perRegistrationMs(eventSourced ? esThreads : peerThreads, r.created()).forEach((g, ms) -> {
                    if (ms > 0.005 && !g.equals("all")) {
                        log(String.format("    %-44s %6.3f", g, ms));
                    }
                });
                Map<String, Object> w = (eventSourced ? esWaits : peerWaits).perRegistration(r.created());
                log("  PostgreSQL per registration: " + w.get("perRegistration"));
                log("  the database's backends, mean per sample (" + w.get("samples") + " samples every " + ServerWaits.PERIOD_MILLIS + " ms):");
                ((Map<?, ?>) w.get("meanBackendsBy")).forEach((k, v) -> log(String.format("    %-40s %6.3f", k, (Double) v)));
            }
            log("with " + serviceJvm + " " + serviceEnvironment());
        }
    }

    private static final int WAIT_ROUNDS = 2;
    private static final double WAIT_SLICE_SECONDS = 8;

    /**
     * {@code infra/bench/run.sh profile race}: two enrollment-service instances, each warmed up like the full run's,
     * then {@link Mode#RACE_ATTEMPTS} attempts at {@link Mode#RACE_CAPACITY} seats, five rounds, with instance a
     * under the profiler (as {@link #profile}); prints each round with its CPU per process and where a's CPU went.
     */
    private void profileRace() throws Exception {
        db.recreate(DB);
        Path recording;
        try (Service a = start("enrollment-service", "enrollment-a", ENROLLMENT_A, DB, List.of());
             Service b = start("enrollment-service", "enrollment-b", ENROLLMENT_B, DB, List.of())) {
            http.defineModules(a.url());
            log("  warm-up a " + warmUp(a, new RegistrationLoad(http, a.url()), null));
            log("  warm-up b " + warmUp(b, new RegistrationLoad(http, b.url()), null));
            log("  warm-up races " + warmUpRaces(a, b));
            startProfiler(a);
            for (int round = 0; round < 5; round++) {
                String series = newSeries(a, 1, Mode.RACE_CAPACITY).get(0);
                Map<String, Double> cpu0 = CpuTime.byProcessGroup(a.pid());
                SellOutRace.Result r = new SellOutRace(http).run(List.of(a.url(), b.url()), series, Mode.RACE_CAPACITY, Mode.RACE_ATTEMPTS);
                Map<String, Double> cpu1 = CpuTime.byProcessGroup(a.pid());
                Map<String, Object> cpu = new LinkedHashMap<>();
                cpu1.forEach((k, v) -> cpu.put(k, String.format("%.2f s", v - cpu0.getOrDefault(k, 0.0))));
                log("  " + r + " CPU " + cpu + " (other: mostly instance b)");
            }
            recording = stopProfiler(a);
        }
        printProfile(recording);
    }

    /**
     * The async-profiler library {@code KAT_ASYNC_PROFILER_LIB} names ({@code infra/bench/run.sh profile} fetches one from
     * Maven Central), or null for the JDK Flight Recorder (unset, or {@code jfr}). The Flight Recorder's overhead made
     * the service's CPU per registration 3-4x higher on the 2-core machine of docs/benchmarks.md (2026-12-01: 7.0-8.6 ms
     * against 1.2-1.7 ms under async-profiler within the same hour), so its figures show shares, not costs.
     */
    private static String asyncProfilerLibrary() {
        String lib = System.getenv("KAT_ASYNC_PROFILER_LIB");
        return lib == null || lib.isBlank() || lib.equals("jfr") ? null : lib;
    }

    /**
     * Starts sampling a service: async-profiler when {@link #asyncProfilerLibrary} names its library, else the JDK Flight
     * Recorder. {@code KAT_ASYNC_PROFILER_EVENT} chooses async-profiler's event: {@code itimer} (CPU time, every 1 ms;
     * the default) or e.g. {@code alloc} (heap allocations, counted in bytes: the profile's "samples" are then bytes).
     */
    private void startProfiler(Service s) throws Exception {
        String asyncProfiler = asyncProfilerLibrary();
        String event = System.getenv().getOrDefault("KAT_ASYNC_PROFILER_EVENT", "itimer");
        String options = event.equals("itimer") ? "event=itimer,interval=1ms" : "event=" + event + ",total";
        if (!event.matches("[a-z]+")) {
            throw new IllegalArgumentException("KAT_ASYNC_PROFILER_EVENT must be an async-profiler event name such as itimer or alloc");
        }
        log("  sampling with " + (asyncProfiler != null ? "async-profiler (" + options + ", " + asyncProfiler + ")" : "the JDK Flight Recorder (settings profile)"));
        logUnlessAgentLoaded(asyncProfiler != null ? jcmd(s.pid(), "JVMTI.agent_load", asyncProfiler, "\"start," + options + ",threads\"")
                : jcmd(s.pid(), "JFR.start", "name=bench", "settings=profile"));
    }

    /** Stops {@link #startProfiler}'s sampling; the recording (.local/logs/bench-profile.collapsed or .jfr). */
    private Path stopProfiler(Service s) throws Exception {
        String asyncProfiler = asyncProfilerLibrary();
        Path recording = root.resolve(".local/logs/bench-profile." + (asyncProfiler != null ? "collapsed" : "jfr"));
        java.nio.file.Files.deleteIfExists(recording);
        logUnlessAgentLoaded(asyncProfiler != null ? jcmd(s.pid(), "JVMTI.agent_load", asyncProfiler, "\"stop,collapsed,"
                + (System.getenv().getOrDefault("KAT_ASYNC_PROFILER_EVENT", "itimer").equals("itimer") ? "" : "total,") + "file=" + recording + "\"")
                : jcmd(s.pid(), "JFR.stop", "name=bench", "filename=" + recording));
        return recording;
    }

    /** Each process group's CPU seconds between two {@link CpuTime#byProcessGroup} readings, and per registration in ms. */
    private static void logCpuPerRegistration(Map<String, Double> before, Map<String, Double> after, long registrations, String indent) {
        after.forEach((group, seconds) -> {
            double used = seconds - before.getOrDefault(group, 0.0);
            log(String.format("%s%-22s %6.1f s  %6.2f ms/registration", indent, group, used, 1000 * used / Math.max(1, registrations)));
        });
    }

    /** jcmd's answer, unless it is the agent's plain success ("PID: return code: 0"), which says nothing worth a line. */
    private static void logUnlessAgentLoaded(String jcmdOutput) {
        if (!jcmdOutput.matches("\\d+:\\s*return code: 0")) {
            log("  " + jcmdOutput);
        }
    }

    /** Prints where a recording's CPU went: per thread group, then self and inclusive per method (request threads, all threads). */
    private static void printProfile(Path recording) throws Exception {
        ExecutionProfile profile = recording.toString().endsWith(".jfr") ? ExecutionProfile.read(recording)
                : ExecutionProfile.readCollapsed(recording);
        log("execution samples: " + profile.samples() + " (recording " + recording + ")");
        log("by thread:");
        profile.threadGroups().forEach(l -> log("  " + l));
        java.util.function.Predicate<String> request = t -> t.startsWith("http-nio");
        log("request threads:");
        profile.top(true, request, 60).forEach(l -> log("  " + l));
        profile.top(false, request, 40).forEach(l -> log("  " + l));
        log("all threads:");
        profile.top(false, t -> true, 30).forEach(l -> log("  " + l));
    }

    /**
     * Waits until the services and PostgreSQL together used less than {@link #QUIET_CORES} of a core over half a second
     * (at most {@link #QUIET_MAX}), so a row starts from a quiet machine: what the previous load left to do (the service's
     * own processors reading the events it appended, PostgreSQL's autovacuum after the warm-up's inserts, a collection)
     * would otherwise fall into the first seconds of whichever row comes next; quick mode's first row at one client
     * read p50 5.0 ms where the same service answered in 3.0 ms at one client later in the same run (2026-12-01 14:33).
     *
     * @return seconds waited (the maximum when the machine did not become quiet)
     */
    private double untilQuiet(Service... s) {
        return untilQuiet("the services and PostgreSQL", () -> busySeconds(s));
    }

    /**
     * Waits (at most {@link #QUIET_MAX}) until {@code busy} (CPU seconds used so far by what is watched) grew by less than
     * a tenth of a core over half a second; {@code what} names it in the log when it never did.
     */
    private double untilQuiet(String what, java.util.function.DoubleSupplier busy) {
        long t0 = System.nanoTime();
        double[] last = {busy.getAsDouble()};
        try {
            Awaitility.await(what + " quiet").atMost(QUIET_MAX).pollDelay(Duration.ofMillis(500))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        double now = busy.getAsDouble();
                        double used = now - last[0];
                        last[0] = now;
                        return used < QUIET_CORES * 0.5;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException notQuiet) {
            log("  " + what + " were not quiet after " + QUIET_MAX.toSeconds() + " s; measuring anyway");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** How many times {@link #startsAlone()} launches each service. */
    static final int STARTS_ALONE = 3;

    /**
     * Start-up with nothing else running: each service launched {@link #STARTS_ALONE} times against the run's database
     * (migrated, its processors' tokens at the head of the store), each launch once PostgreSQL and every other process
     * were quiet; seconds from launch to readiness 200, per service in launch order. The run's own launches come while
     * the harness's other work may still echo (2026-12-06: the projection service took 9.5 s in a run, 5.2-6.9 s by
     * hand on the same hour), so one sample of each in the run says little about the start itself.
     */
    private Map<String, List<Double>> startsAlone() throws Exception {
        log("start-up alone: each service launched " + STARTS_ALONE + " times, each once the machine is quiet");
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (String module : List.of("enrollment-service", "projection-service")) {
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < STARTS_ALONE; i++) {
                untilMachineQuiet();
                int port = module.equals("enrollment-service") ? ENROLLMENT_A : PROJECTION;
                try (Service s = start(module, module.replace("-service", "") + "-alone", port, DB, List.of())) {
                    seconds.add(s.secondsToReady);
                }
            }
            log("  " + module + ": " + seconds);
            out.put(module, seconds);
        }
        return out;
    }

    /** Waits (at most {@link #QUIET_MAX}) until every process but this one used under a tenth of a core for half a second. */
    private double untilMachineQuiet() {
        return untilQuiet("PostgreSQL and the other processes", Benchmark::othersBusySeconds);
    }

    private static double othersBusySeconds() {
        try {
            Map<String, Double> cpu = CpuTime.byProcessGroup(-1);
            return cpu.get("postgres") + cpu.get("other");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Below this share of one core (service and PostgreSQL together), the machine counts as quiet. */
    private static final double QUIET_CORES = 0.1;
    private static final Duration QUIET_MAX = Duration.ofSeconds(20);

    /** CPU seconds used so far by these services' processes and PostgreSQL's together. */
    private static double busySeconds(Service... s) {
        try {
            Map<String, Double> cpu = CpuTime.byProcessGroup(s[0].pid());
            double busy = cpu.get("service") + cpu.get("postgres");
            for (int i = 1; i < s.length; i++) {
                busy += CpuTime.processSeconds(s[i].pid());
            }
            return busy;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Warms a service up with 16- and then 64-client registrations (event-sourced, then the peer's when given, in slices of
     * {@link Mode#WARM_UP_SLICE_SECONDS} each, half at each client count) for at least {@code mode.warmUpSeconds()}, then until its JIT compiler
     * threads used less than {@link Mode#JIT_QUIET_SHARE} of its CPU in the last slice, at most {@code mode.maxWarmUpSeconds()}.
     *
     * @return seconds of warm-up, the compiler's share of the service's CPU in the last slice, whether it became quiet
     */
    private Map<String, Object> warmUp(Service s, RegistrationLoad load, RegistrationLoad peer) throws Exception {
        // each slice at 16 clients, then at 64: the 64-client paths (waits for the pool and the aggregates' locks) had been
        // compiled during the first measured 64-client run, the event-sourced one (JIT at 15 % of its CPU, 2026-12-01 20:32)
        return untilJitQuiet(s, "the service", () -> {
            for (int clients : new int[]{16, 64}) {
                load.run(clients, newSeries(s, 64, 100_000), Mode.WARM_UP_SLICE_SECONDS / 2);
                if (peer != null) {
                    peer.run(clients, newPeerSeries(s, 64, 100_000), Mode.WARM_UP_SLICE_SECONDS / 2);
                }
            }
            return null;
        });
    }

    /** Adds each process group's CPU seconds between two {@link CpuTime#byProcessGroup} readings to {@code sum}. */
    private static void addCpu(Map<String, Double> sum, Map<String, Double> before, Map<String, Double> after) {
        after.forEach((group, seconds) -> sum.merge(group, seconds - before.getOrDefault(group, 0.0), Double::sum));
    }

    /** CPU seconds by process group as milliseconds per registration, with their sum under "all". */
    private static Map<String, Double> perRegistrationMs(Map<String, Double> cpuSeconds, long registrations) {
        Map<String, Double> out = new LinkedHashMap<>();
        cpuSeconds.forEach((group, seconds) -> out.put(group, 1000 * seconds / Math.max(1, registrations)));
        out.put("all", out.values().stream().mapToDouble(Double::doubleValue).sum());
        return out;
    }

    /** Two {@link Service#gcPauses} summaries as one: pauses, full collections and total ms added, the longest of both. */
    private static Map<String, Object> addPauses(Map<String, Object> x, Map<String, Object> y) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pauses", ((Number) x.get("pauses")).longValue() + ((Number) y.get("pauses")).longValue());
        m.put("totalMs", ((Number) x.get("totalMs")).doubleValue() + ((Number) y.get("totalMs")).doubleValue());
        m.put("longestMs", Math.max(((Number) x.get("longestMs")).doubleValue(), ((Number) y.get("longestMs")).doubleValue()));
        m.put("full", ((Number) x.get("full")).longValue() + ((Number) y.get("full")).longValue());
        return m;
    }

    /**
     * Warms the projection service's path up (registrations at {@link Mode#LAG_RATE_PER_SECOND} on enrollment service
     * {@code a}, each queried on {@code p} until visible, in slices of {@link Mode#WARM_UP_SLICE_SECONDS}) for at least
     * {@code mode.warmUpSeconds()}, then until p's JIT compiler is quiet, at most {@code mode.maxWarmUpSeconds()}; as {@link #warmUp}.
     */
    private Map<String, Object> warmUpLag(Service a, Service p) throws Exception {
        return untilJitQuiet(p, "the projection service", () -> new ProjectionLag(http).run("warm-up", a.url(), p.url(),
                newSeries(a, 16, 100_000), Mode.LAG_RATE_PER_SECOND, Mode.WARM_UP_SLICE_SECONDS));
    }

    /**
     * Runs {@code slice} again and again for at least {@code mode.warmUpSeconds()}, then until service {@code s}'s JIT compiler
     * threads used less than {@link Mode#JIT_QUIET_SHARE} of its CPU during one, at most {@code mode.maxWarmUpSeconds()}.
     *
     * @return seconds of warm-up, the compiler's share in the last slice, whether it became quiet
     */
    private Map<String, Object> untilJitQuiet(Service s, String who, Callable<?> slice) throws Exception {
        long t0 = System.nanoTime();
        double elapsed;
        double share;
        while (true) {
            double[] before = CpuTime.compilerAndTotal(s.pid());
            slice.call();
            share = share(before, CpuTime.compilerAndTotal(s.pid()));
            elapsed = (System.nanoTime() - t0) / 1e9;
            log(String.format("  warm-up %.0f s: JIT compiler %.1f %% of %s's CPU in the last slice", elapsed, 100 * share, who));
            if ((elapsed >= mode.warmUpSeconds() && share < Mode.JIT_QUIET_SHARE) || elapsed >= mode.maxWarmUpSeconds()) {
                break;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", elapsed);
        m.put("jitShareLastSlice", share);
        m.put("jitQuiet", share < Mode.JIT_QUIET_SHARE);
        return m;
    }

    /**
     * {@code infra/bench/run.sh profile lag}: enrollment service and projection service, both warmed up until their JIT is
     * quiet, then 30 s of registrations at {@link Mode#LAG_RATE_PER_SECOND} each queried until visible; prints the lag, the
     * CPU each process used per registration, the seconds in which some lag exceeded 50 ms (with the commands' slowest round
     * trip in them) and each service's collector pauses in that window. {@code profile projection}: the same with the
     * projection service sampled by the profiler, and where its CPU went.
     *
     * @param sampleProjection whether to sample the projection service ({@code profile projection})
     */
    private void profileLag(boolean sampleProjection) throws Exception {
        db.recreate(DB);
        Path recording = null;
        try (Service a = start("enrollment-service", "enrollment-a", ENROLLMENT_A, DB, List.of())) {
            http.defineModules(a.url());
            log("  warm-up a " + warmUp(a, new RegistrationLoad(http, a.url()), null));
            try (Service p = start("projection-service", "projection-notify", PROJECTION, DB, List.of())) {
                awaitCaughtUp(p, Duration.ofMinutes(5));
                log("  warm-up projection " + warmUpLag(a, p));
                List<String> series = lagSeries(a, p);
                log(String.format("  quiet after %.1f s", untilQuiet(a, p)));
                double from = p.uptimeSeconds(), fromA = a.uptimeSeconds();
                ProjectionLag lag = new ProjectionLag(http);
                if (sampleProjection) {
                    startProfiler(p);
                }
                Map<String, Double> cpu0 = CpuTime.byProcessGroup(p.pid());
                log(String.format("  the lag run starts at uptime %.1f s (projection-service), %.1f s (enrollment-service): their GC logs' clocks",
                        p.uptimeSeconds(), a.uptimeSeconds()));
                ProjectionLag.Result r = lag.run("tracking processors woken by LISTEN/NOTIFY (default)", a.url(), p.url(),
                        series, Mode.LAG_RATE_PER_SECOND, 30);
                Map<String, Double> cpu1 = CpuTime.byProcessGroup(p.pid());
                if (sampleProjection) {
                    recording = stopProfiler(p);
                }
                log("  " + r);
                log("  CPU seconds used during the run (\"service\": projection-service; \"other\": mostly enrollment-service), per registration in ms:");
                logCpuPerRegistration(cpu0, cpu1, r.commands(), "    ");
                lag.slowSeconds(50).forEach((second, s) -> log("    second " + second + ": " + s));
                log("  collector pauses: projection " + p.gcPauses(from, p.uptimeSeconds()) + ", enrollment "
                        + a.gcPauses(fromA, a.uptimeSeconds()) + " with " + serviceJvm);
                log("  resident memory (MiB): projection " + mib(p) + ", enrollment " + mib(a));
                logHistograms(p, "projection-service");
            }
        }
        if (recording != null) {
            printProfile(recording);
        }
    }

    /**
     * Sell-out races on throw-away series, not measured, until the JIT compilers of both instances used less than
     * {@link #RACE_JIT_QUIET_SHARE} of their CPU during one (at most {@link #MAX_WARM_UP_RACES}).
     *
     * @return races run, the compilers' share in the last one, whether they became quiet
     */
    private Map<String, Object> warmUpRaces(Service a, Service b) throws Exception {
        int races = 0;
        double share;
        List<Double> p99s = new ArrayList<>();
        SellOutRace.Result first = null;
        do {
            String series = newSeries(a, 1, Mode.RACE_CAPACITY).get(0);
            double[] before = sum(CpuTime.compilerAndTotal(a.pid()), CpuTime.compilerAndTotal(b.pid()));
            SellOutRace.Result r = new SellOutRace(http).run(List.of(a.url(), b.url()), series, Mode.RACE_CAPACITY, Mode.RACE_ATTEMPTS);
            share = share(before, sum(CpuTime.compilerAndTotal(a.pid()), CpuTime.compilerAndTotal(b.pid())));
            races++;
            first = first == null ? r : first;
            p99s.add(r.p99Ms());
            log(String.format("  warm-up race %d: JIT compilers %.1f %% of both instances' CPU; sold %d, p99 %.0f ms", races, 100 * share,
                    r.sold(), r.p99Ms()));
        } while (share >= RACE_JIT_QUIET_SHARE && races < MAX_WARM_UP_RACES);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("first", Report.fields(first));
        m.put("p99Ms", p99s);
        m.put("races", races);
        m.put("jitShareLastRace", share);
        m.put("jitQuiet", share < RACE_JIT_QUIET_SHARE);
        return m;
    }

    /** A race lasts about a second: a tenth of the instances' CPU in one is the compiler's share that counts as quiet. */
    private static final double RACE_JIT_QUIET_SHARE = 0.10;
    private static final int MAX_WARM_UP_RACES = 20;

    private static double[] sum(double[] x, double[] y) {
        return new double[]{x[0] + y[0], x[1] + y[1]};
    }

    /** The compiler threads' share of a process's CPU between two {@link CpuTime#compilerAndTotal} readings. */
    private static double share(double[] before, double[] after) {
        double total = after[1] - before[1];
        return total <= 0 ? 0 : Math.max(0, after[0] - before[0]) / total;
    }

    /** The environment variables of infra/service-jvm.env other than the JVM options (MALLOC_ARENA_MAX). */
    private Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(serviceSettings);
        env.remove("KAT_SERVICE_JAVA_OPTS");
        return env;
    }

    /** Runs the JDK's jcmd against a service process; its output on one line. */
    private static String jcmd(long pid, String... command) throws Exception {
        return jcmdLines(pid, command).replace('\n', ' ');
    }

    /** Runs the JDK's jcmd against a service process; its output as printed. */
    private static String jcmdLines(long pid, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + ": " + out);
        }
        return out;
    }

    private Service start(String module, String label, int port, String database, List<String> args) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("KAT_DB_HOST", db.host());
        env.put("KAT_DB_PORT", db.port());
        env.put("KAT_DB_USER", db.user());
        env.put("KAT_DB_PASSWORD", db.password());
        env.put("KAT_DB_NAME", database);
        // the enrollment service also serves the benchmark's state-stored peer (peer/CrudRegistrationPeer)
        env.put("SPRING_PROFILES_ACTIVE", module.equals("enrollment-service") ? "local,crud-peer" : "local");
        passwords.forEach((user, password) -> env.put("KAT_PASSWORD_" + user.toUpperCase(), password));
        env.put("KAT_PERSONAL_DATA_MASTER_KEY", MASTER_KEY);
        env.put("KAT_PERSONAL_DATA_PSEUDONYM_KEY", PSEUDONYM_KEY);
        // the load's series hold 100,000 seats so that none sells out (a real session holds at most 1,000: rules/LiveSessionSize)
        env.put("KAT_MAX_SESSION_PARTICIPANTS", "100000");
        env.putAll(serviceEnvironment());
        Service s = Service.start(root, module, label, port, serviceJvm + " " + extraJvmOptions, env, args);
        try {
            return s.awaitReady(http, 180);
        } catch (Exception e) {
            s.close();
            throw e;
        }
    }

    /**
     * The 16 series the lag run registers on, scheduled and projected before it: scheduling appends each series' class
     * days, which both services' processors then handle, and until 2026-12-04 that work (about 100 events) fell into the
     * lag run's first seconds, the slowest of the run in two of three {@code profile lag} runs at 08:15–08:31 (lag up to
     * 171 ms, commands up to 104 ms), as it had fallen into the registration rows' before 2026-12-01 14:50.
     */
    private List<String> lagSeries(Service a, Service p) throws Exception {
        List<String> series = newSeries(a, 16, 100_000);
        awaitCaughtUp(p, Duration.ofMinutes(1));
        return series;
    }

    private List<String> newSeries(Service enrollment, int count, int capacity) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int number = nextSeries++;
            http.scheduleSeries(enrollment.url(), number, capacity);
            ids.add("series-" + number);
        }
        return ids;
    }

    private List<String> newPeerSeries(Service enrollment, int count, int capacity) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "peer-" + nextSeries++;
            http.schedulePeerSeries(enrollment.url(), id, capacity);
            ids.add(id);
        }
        return ids;
    }

    /**
     * Registration p50 at one client on a series whose stream already holds many events (filled by
     * 16 clients first) against a fresh series, measured alternately, {@link Mode#HOT_SERIES_SAMPLES} each.
     */
    private Map<String, Object> hotSeries(Service a) throws Exception {
        String hot = newSeries(a, 1, 100_000).get(0);
        String fresh = newSeries(a, 1, 100_000).get(0);
        RegistrationLoad fill = new RegistrationLoad(http, a.url());
        while (streamEvents(hot) < Mode.HOT_SERIES_EVENTS) {
            fill.run(16, List.of(hot), 1.0);
        }
        Latencies onHot = new Latencies();
        Latencies onFresh = new Latencies();
        for (int i = 0; i < Mode.HOT_SERIES_SAMPLES; i++) {
            for (boolean h : new boolean[]{true, false}) {
                long t0 = System.nanoTime();
                int status = http.register(a.url(), h ? hot : fresh).status();
                (h ? onHot : onFresh).add(System.nanoTime() - t0);
                if (status != 201) {
                    throw new IllegalStateException("hot-series registration answered " + status);
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hotStreamEvents", streamEvents(hot));
        m.put("hotP50Ms", onHot.percentileMs(50));
        m.put("freshP50Ms", onFresh.percentileMs(50));
        m.put("ratio", onHot.percentileMs(50) / onFresh.percentileMs(50));
        log("  " + m);
        return m;
    }

    private long streamEvents(String seriesId) throws Exception {
        return countOnStream("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", seriesId);
    }

    /** Seats sold on the series' stream (SeatTaken), the fact capacity is decided on. */
    private long placedEvents(String seriesId) throws Exception {
        return countOnStream("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%$SeatTaken'", seriesId);
    }

    private long countOnStream(String sql, String streamId) throws Exception {
        try (Connection c = db.connect(DB); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, streamId);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private Map<String, Object> doNothing() throws Exception {
        try (Connection c = db.connect(HISTORY_DB); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS bench.token_entry (processor_name VARCHAR(255) NOT NULL, segment INTEGER NOT NULL,
                        token BYTEA, token_type VARCHAR(255), timestamp VARCHAR(255), owner VARCHAR(255),
                        PRIMARY KEY (processor_name, segment))""");
        }
        long head = head(HISTORY_DB);
        try (ConfigurableApplicationContext ctx = StoreContext.start(db, HISTORY_DB, true)) {
            return sampleUntil(() -> StoreContext.position(ctx, "do-nothing"), head,
                    () -> (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576.0);
        }
    }

    /** Waits until every projection has processed the whole store (after a rebuild of all of them, if asked). */
    private Map<String, Object> catchUp(Service p, boolean rebuildFirst) throws Exception {
        long head = head(HISTORY_DB);
        if (rebuildFirst) {
            for (JsonNode projection : http.get("admin", p.url() + "/api/admin/projections").body().get("items")) {
                String name = projection.get("name").asText();
                Http.Response r = http.post("admin", p.url() + "/api/admin/projections/" + name + "/rebuild", Map.of(), null);
                if (r.status() != 202) {
                    throw new IllegalStateException("rebuild " + name + ": " + r.status() + " " + r.body());
                }
            }
        }
        Map<String, Object> m = sampleUntil(() -> slowestProjection(p), head, () -> heapMiB(p));
        m.put("projections", http.get("admin", p.url() + "/api/admin/projections").body().get("items").size());
        return m;
    }

    /**
     * Samples a reader's position until it reaches the head. The rate counts only what was processed
     * between the first and the last sample, so start-up time does not dilute it.
     */
    private Map<String, Object> sampleUntil(Callable<Long> position, long head, Callable<Double> heap) throws Exception {
        long[] first = {Long.MIN_VALUE, 0};
        long[] last = {0};
        double[] maxHeap = {Double.NaN};
        long[] lastHeapSample = {0};
        Awaitility.await("reader reaches position " + head).atMost(Duration.ofMinutes(15))
                .pollInterval(Duration.ofMillis(100)).pollDelay(Duration.ZERO)
                .until(() -> {
                    long now = System.nanoTime();
                    long pos = position.call();
                    if (first[0] == Long.MIN_VALUE && pos >= 0) {
                        first[0] = pos;
                        first[1] = now;
                    }
                    if (now - lastHeapSample[0] > 500_000_000L) {
                        double h = heap.call();
                        maxHeap[0] = Double.isNaN(maxHeap[0]) ? h : Math.max(maxHeap[0], h);
                        lastHeapSample[0] = now;
                    }
                    last[0] = now;
                    return pos >= head;
                });
        double seconds = (last[0] - first[1]) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", head - first[0]);
        m.put("seconds", seconds);
        m.put("eventsPerSecond", seconds > 0 ? (head - first[0]) / seconds : Double.NaN);
        m.put("maxHeapUsedMiB", maxHeap[0]);
        return m;
    }

    private long slowestProjection(Service p) throws Exception {
        Http.Response r = http.get("admin", p.url() + "/api/admin/projections");
        long min = Long.MAX_VALUE;
        for (JsonNode n : r.body().get("items")) {
            min = Math.min(min, n.get("processedThrough").asLong());
        }
        return min;
    }

    private double heapMiB(Service p) throws Exception {
        Http.Response r = http.get("admin", p.url() + "/actuator/metrics/jvm.memory.used?tag=area:heap");
        return r.body().get("measurements").get(0).get("value").asDouble() / (1024 * 1024);
    }

    private void awaitCaughtUp(Service p, Duration atMost) {
        Awaitility.await("projections caught up").atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Http.Response r = http.get("admin", p.url() + "/api/admin/projections");
                    for (JsonNode n : r.body().get("items")) {
                        if (n.get("behind").asLong() > 0) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    private long head(String database) throws Exception {
        try (Connection c = db.connect(database); Statement s = c.createStatement()) {
            return Long.parseLong(Db.one(s, "SELECT coalesce(max(global_index), -1) FROM domain_event_entry"));
        }
    }

    private static Map<String, Object> mib(Service s) throws Exception {
        double[] m = s.residentMiB();
        return Map.of("resident", m[0], "peakResident", m[1]);
    }

    /** A registration event as the services serialize it, and its metadata: the raw rows' size. */
    private static byte[][] eventSizedRow() throws Exception {
        var json = EventJson.newObjectMapper();
        String id = UUID.randomUUID().toString();
        RegistrationPlaced e = new RegistrationPlaced("series-21", id, UUID.randomUUID().toString(),
                // sealed as the service stores it: two random key ids and the ciphertexts' lengths (IV + JSON + tag, base64)
                new com.polaris.kat.events.enrollment.SealedClinician(UUID.randomUUID().toString(), base64(12 + 78 + 16),
                        UUID.randomUUID().toString(), base64(12 + 69 + 16), null),
                true, Money.ofCents(217_500), Money.ofCents(15_000), Money.ofCents(232_500),
                new Payment(Money.ofCents(232_500), "ch_3PqRivera", Money.ofCents(6_773)), Money.ZERO, "v1", Instant.now(),
                17, 40, "4f1c2a9e0b7d6c5a4f1c2a9e0b7d6c5a4f1c2a9e0b7d6c5a4f1c2a9e0b7d6c5a", java.time.LocalDate.parse("2027-01-18"));
        byte[] meta = json.writeValueAsBytes(Map.of("actor", "frontend", "correlationId", UUID.randomUUID().toString(),
                "idempotencyKey", "web-" + UUID.randomUUID()));
        return new byte[][]{json.writeValueAsBytes(e), meta};
    }

    private static String base64(int bytes) {
        byte[] b = new byte[bytes];
        new java.util.Random(bytes).nextBytes(b);
        return java.util.Base64.getEncoder().encodeToString(b);
    }

    static void log(String line) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
    }
}
