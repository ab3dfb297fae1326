package com.polaris.kat.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.polaris.kat.testsupport.TestDatabases;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scale-out suite against a real Axon Server (issue 15): two enrollment-service instances and one
 * projection-service, each the packaged jar in its own process with the {@code axonserver} profile, on a
 * fresh PostgreSQL database. Runs only when {@code KAT_AXONSERVER_TEST} names the server's gRPC address
 * ({@code host:8124}); skipped otherwise (no Axon Server runs on the build machines). The restart step
 * also needs {@code KAT_AXONSERVER_STOP} and {@code KAT_AXONSERVER_START}, shell commands that stop and
 * start that server. Run it after packaging the services:
 * <pre>
 * KAT_AXONSERVER_TEST=localhost:8124 KAT_AXONSERVER_STOP='…' KAT_AXONSERVER_START='…' \
 *   mvn -B -ntp verify -pl enrollment-service,projection-service,benchmark -am -Dtest=AxonServerScaleOutTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * It writes what it measured to {@code benchmark/target/axon-server-scale-out.json} (docs/axon-server.md
 * records a run). Axon Server keeps its events between runs, so every run uses series numbers and
 * e-mail addresses of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AxonServerScaleOutTest {

    private static final long PRICE = Http.PRICE_CENTS;
    private static final Pattern DB_URL = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.+)");

    private final Map<String, Object> record = new LinkedHashMap<>();
    private final Map<String, String> passwords = new HashMap<>();
    private final HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path root;
    private Http http;
    private Map<String, String> env;
    private Service a;
    private Service b;
    private Service projections;
    private int nextSeries;
    private String run;

    @BeforeAll
    void threeServicesOnAxonServer() throws Exception {
        String server = System.getenv("KAT_AXONSERVER_TEST");
        Assumptions.assumeTrue(server != null && !server.isBlank(),
                "KAT_AXONSERVER_TEST (host:8124 of an Axon Server) is not set: the scale-out suite needs a real Axon Server");
        root = Path.of("").toAbsolutePath().getParent();
        for (String user : List.of("frontend", "attendance", "finance", "compliance", "admin")) {
            passwords.put(user, UUID.randomUUID().toString());
        }
        http = new Http(passwords);
        TestDatabases.Database db = TestDatabases.createFresh("axonserver_scale_out");
        Matcher m = DB_URL.matcher(db.url());
        assertThat(m.matches()).as(db.url()).isTrue();
        env = new HashMap<>();
        env.put("KAT_DB_HOST", m.group(1));
        env.put("KAT_DB_PORT", m.group(2));
        env.put("KAT_DB_NAME", m.group(3));
        env.put("KAT_DB_USER", db.user());
        env.put("KAT_DB_PASSWORD", db.password());
        env.put("AXONSERVER_SERVERS", server);
        env.put("SPRING_PROFILES_ACTIVE", "local,axonserver");
        env.put("JAVA_TOOL_OPTIONS", "-Daxoniq.update-checker.disabled=true");
        passwords.forEach((user, password) -> env.put("KAT_PASSWORD_" + user.toUpperCase(), password));
        // the personal-data secrets every service needs (issue 13), the same for all three, new each run
        for (String secret : List.of("KAT_PERSONAL_DATA_MASTER_KEY", "KAT_PERSONAL_DATA_PSEUDONYM_KEY")) {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            env.put(secret, java.util.Base64.getEncoder().encodeToString(key));
        }
        long t0 = System.nanoTime();
        a = start("enrollment-service", "axon-enrollment-a");
        b = start("enrollment-service", "axon-enrollment-b");
        projections = start("projection-service", "axon-projection");
        record.put("axonServer", server);
        record.put("servicesReadySeconds", seconds(t0));
        // Axon Server keeps the events of earlier runs, and this run's projection database is new: its views are built
        // from the first event before they answer (503 projection-rebuilding meanwhile, as they should); the tests
        // start once every view has caught up with what the store held at start
        long t1 = System.nanoTime();
        Awaitility.await("every projection built from Axon Server's history").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    JsonNode all = http.get("admin", projections.url() + "/api/admin/projections?size=100").body();
                    boolean caughtUp = all.get("items").size() > 0;
                    for (JsonNode p : all.get("items")) {
                        caughtUp &= !p.get("replaying").asBoolean() && p.get("processedThrough").asLong() >= p.get("head").asLong();
                    }
                    return caughtUp;
                });
        record.put("projectionsFirstBuiltSeconds", seconds(t1));
        // numbers of this run: Axon Server keeps the events of earlier runs
        long minute = System.currentTimeMillis() / 60_000;
        nextSeries = 1000 + (int) (minute % 40_000) * 20;
        run = "r" + minute;
        record.put("firstSeriesNumber", nextSeries);
        http.defineModules(a.url());
    }

    private Service start(String module, String label) throws Exception {
        Service s = Service.start(root, module, label, com.polaris.kat.testsupport.FreePorts.one(), "-Xmx256m", env, List.of());
        try {
            return s.awaitReady(http, 180);
        } catch (Exception e) {
            s.close();
            throw e;
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (Service s : new Service[]{a, b, projections}) {
            if (s != null) {
                s.close();
            }
        }
        if (root != null) {
            Path out = root.resolve("benchmark/target/axon-server-scale-out.json");
            Files.createDirectories(out.getParent());
            Files.write(out, Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
            System.out.println("axon server scale-out suite: " + Http.JSON.writeValueAsString(record));
        }
    }

    // ---------------------------------------------------------------- the suite

    @Test
    @Order(1)
    void eachInstanceRegistersWithAClientIdOfItsOwn() throws Exception {
        String connected = get(axonServerHttp() + "/v1/components/clients");
        List<String> clients = new ArrayList<>();
        for (JsonNode c : Http.JSON.readTree(connected)) {
            JsonNode id = c.has("clientId") ? c.get("clientId") : c.has("name") ? c.get("name") : c.get("id");
            clients.add(id == null ? c.toString() : id.asText());
        }
        record.put("clientIds", clients);
        List<String> ours = clients.stream().filter(c -> c.matches("(enrollment|projection)-service-\\d+@.+-[0-9a-f]{4}")).toList();
        assertThat(ours).as("Axon Server's connected clients: %s", connected).hasSize(3).doesNotHaveDuplicates();
        assertThat(ours.stream().filter(c -> c.startsWith("enrollment-service-"))).hasSize(2);
    }

    @Test
    @Order(2)
    void aRegistrationOnEitherInstanceIsReadOnTheProjectionWithItsPosition() throws Exception {
        String series = schedule(far(), 5);
        List<Long> waits = new ArrayList<>();
        for (Service instance : List.of(a, b)) {
            String key = run + "-ryw-" + instance.name;
            Http.Response r = register(instance, series, key, person(key));
            assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
            assertThat(r.eventPosition()).isNotNull();
            long t0 = System.nanoTime();
            Http.Response view = http.get("frontend", projections.url() + "/api/registrations/" + r.body().get("registrationId").asText()
                    + "?minPosition=" + r.eventPosition());
            waits.add((System.nanoTime() - t0) / 1_000_000);
            assertThat(view.status()).as("%s", view.body()).isEqualTo(200);
            assertThat(view.body().get("status").asText()).isEqualTo("ACTIVE");
            Http.Response repeat = register(instance == a ? b : a, series, key, person(key));
            assertThat(repeat.status()).as("the same key on the other instance: %s", repeat.body()).isEqualTo(200);
            assertThat(repeat.body().get("replayed").asBoolean()).isTrue();
        }
        record.put("readYourWritesWaitMs", waits);
    }

    @Test
    @Order(2)
    void anErasureRequestIsRecordedWithTheLastCeEventReadFromAxonServer() throws Exception {
        String series = schedule(far(), 5);
        String key = run + "-erasure";
        // with the CE option (priced 0 here): only such a registration holds a CE record, which keeps the CE identity
        Map<String, Object> withCe = new java.util.HashMap<>(person(key));
        withCe.put("ceOption", true);
        Http.Response r = register(a, series, key, withCe);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
        String clinicianId = r.body().get("clinicianId").asText();
        Http.Response erased = http.post("compliance", b.url() + "/api/clinicians/" + clinicianId + "/erasure-requests",
                Map.of("reason", "asked by the clinician"), null);
        assertThat(erased.status()).as("%s", erased.body()).isEqualTo(201);
        assertThat(erased.body().get("contactDetails").asText()).isEqualTo("ERASED");
        // the registration is the clinician's only CE event: its time, from the stream Axon Server holds
        Instant lastCe = Instant.parse(erased.body().get("lastCeEventAt").asText());
        assertThat(lastCe).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now());
        assertThat(erased.body().get("ceIdentityRetainedUntil").asText()).startsWith(String.valueOf(lastCe.atZone(java.time.ZoneOffset.UTC).getYear() + 6));
        Http.Response again = http.post("compliance", a.url() + "/api/clinicians/" + clinicianId + "/erasure-requests",
                Map.of("reason", "asked again"), null);
        assertThat(again.status()).as("%s", again.body()).isEqualTo(409);
    }

    /**
     * The command side's erasure-waitlist processor reads the erasure from Axon Server (tracking token in PostgreSQL,
     * one of the two instances holding its segment): the erased clinician's place leaves the waitlist, and the seat a
     * cancellation frees is offered to the next in line, not to them (product rules, "Waitlist" and "Personal data").
     */
    @Test
    @Order(2)
    void anErasedClinicianLeavesTheWaitlistAndTheFreedSeatGoesToTheNextInLine() throws Exception {
        String series = schedule(far(), 1);
        Http.Response holder = register(a, series, run + "-wl-holder", person(run + "-wl-holder"));
        assertThat(holder.status()).as("%s", holder.body()).isEqualTo(201);
        Http.Response erasedPlace = http.post("frontend", b.url() + "/api/series/" + series + "/waitlist",
                Map.of("clinician", person(run + "-wl-erased").get("clinician")), run + "-wl-erased");
        assertThat(erasedPlace.status()).as("%s", erasedPlace.body()).isEqualTo(201);
        Http.Response nextPlace = http.post("frontend", a.url() + "/api/series/" + series + "/waitlist",
                Map.of("clinician", person(run + "-wl-next").get("clinician")), run + "-wl-next");
        assertThat(nextPlace.status()).as("%s", nextPlace.body()).isEqualTo(201);
        String erased = erasedPlace.body().get("placeId").asText();
        String next = nextPlace.body().get("placeId").asText();

        long t0 = System.nanoTime();
        Http.Response erasure = http.post("compliance", a.url() + "/api/clinicians/" + erasedPlace.body().get("clinicianId").asText()
                + "/erasure-requests", Map.of("reason", "asked by the clinician"), null);
        assertThat(erasure.status()).as("%s", erasure.body()).isEqualTo(201);
        Awaitility.await("the erased clinician's place leaves the waitlist").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> "LEFT".equals(placeStatus(erased).path("status").asText()));
        record.put("erasedPlaceLeftSeconds", seconds(t0));
        assertThat(placeStatus(erased).path("endReason").asText()).contains("erasure request");

        Http.Response cancelled = http.post("frontend", b.url() + "/api/series/" + series + "/registrations/"
                + holder.body().get("registrationId").asText() + "/cancel", Map.of("reason", "scale-out suite"), null);
        assertThat(cancelled.status()).as("%s", cancelled.body()).isEqualTo(200);
        Awaitility.await("the freed seat is offered to the next in line").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> "OFFERED".equals(placeStatus(next).path("status").asText()));
        JsonNode left = placeStatus(erased);
        assertThat(left.path("status").asText()).isEqualTo("LEFT");
        assertThat(left.path("offer").isNull() || left.path("offer").isMissingNode()).as("%s", left).isTrue();
    }

    private JsonNode placeStatus(String placeId) throws Exception {
        Http.Response r = http.get("frontend", projections.url() + "/api/waitlist/places/" + placeId);
        return r.status() == 200 ? r.body() : Http.JSON.createObjectNode();
    }

    @Test
    @Order(3)
    void everyRefusalIsTheSameProblemAsInPostgresMode() throws Exception {
        Map<String, Integer> seen = new LinkedHashMap<>();
        String series = schedule(far(), 1);
        // invalid-capacity 422 (the README's example), series-exists 409
        Map<String, Object> zero = seriesBody(nextSeries++, far(), 0);
        expectProblem(http.post("admin", b.url() + "/api/catalog/series", zero, null), 422, "invalid-capacity",
                "The seat capacity must be at least 1 and at most 1000 (the most one live online class day holds); 0 was asked.", seen);
        int number = Integer.parseInt(series.substring("series-".length()));
        expectProblem(http.post("admin", b.url() + "/api/catalog/series", seriesBody(number, far(), 3), null), 409, "series-exists", null, seen);
        // already-registered, then sold-out, each answered by the other instance than the one that sold
        String key = run + "-refusals-1";
        Http.Response first = register(a, series, key, person(key));
        assertThat(first.status()).isEqualTo(201);
        expectProblem(register(b, series, key + "-again", person(key)), 409, "already-registered", null, seen);
        // idempotency-key-reused 422: a client-chosen registration id that already names a stream (another series' registration);
        // found by the other instance's retry after Axon Server refused the new stream's first sequence number
        String other = schedule(far(), 2);
        Map<String, Object> reusedId = new LinkedHashMap<>(person(run + "-refusals-id"));
        reusedId.put("registrationId", first.body().get("registrationId").asText());
        expectProblem(register(b, other, run + "-refusals-id", reusedId), 422, "idempotency-key-reused", null, seen);
        expectProblem(register(b, series, run + "-refusals-2", person(run + "-refusals-2")), 409, "sold-out", null, seen);
        // registration-not-found 404 (the command's stream does not exist)
        expectProblem(http.post("frontend", a.url() + "/api/series/" + series + "/registrations/" + UUID.randomUUID() + "/cancel", Map.of(), null),
                404, "registration-not-found", null, seen);
        // late-choice-required 422: a series inside the two-week cutoff
        String late = schedule(soon(), 3);
        Http.Response lateReg = register(a, late, run + "-late-1", person(run + "-late-1"));
        assertThat(lateReg.status()).as("%s", lateReg.body()).isEqualTo(201);
        expectProblem(http.post("frontend", b.url() + "/api/series/" + late + "/registrations/" + lateReg.body().get("registrationId").asText()
                + "/cancel", Map.of(), null), 422, "late-choice-required", null, seen);
        // no-credit 409, series-not-found 404 on a credit transfer
        expectProblem(transfer(a, series, run + "-nocredit", person(run + "-nocredit")), 409, "no-credit", null, seen);
        expectProblem(transfer(b, "series-999999", run + "-noseries", person(run + "-noseries")), 404, "series-not-found", null, seen);
        record.put("refusalsAsProblems", seen);
    }

    @Test
    @Order(4)
    void theDemoLoadWorksInThisModeAndASecondLoadAddsNothing() throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path jar = jar("enrollment-service");
            Path log = root.resolve(".local/logs/axon-demo-load-" + i + ".log");
            ProcessBuilder pb = new ProcessBuilder(javaBinary(), "-Xmx256m", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            pb.environment().put("SPRING_PROFILES_ACTIVE", "local,axonserver,demo-load");
            Process p = pb.start();
            Awaitility.await("demo load " + i + " (log: " + log + ")").atMost(Duration.ofMinutes(5)).until(() -> !p.isAlive());
            String text = Files.readString(log);
            assertThat(p.exitValue()).as("demo load exit; log %s", log).isZero();
            Matcher m = Pattern.compile("demo catalog: [^\\n]*").matcher(text);
            assertThat(m.find()).as("the loader's summary line in %s", log).isTrue();
            outcomes.add(m.group());
        }
        assertThat(outcomes.get(1)).contains(": 0 created");
        record.put("demoLoad", outcomes);
    }

    @Test
    @Order(5)
    void twoInstancesSellExactlyTheSeatsOfASeries() throws Exception {
        record.put("sellOutRace", sellOutRace(10, 60));
    }

    /**
     * Credit transfers (routed by their series) race plain registrations for the same seats while the
     * same clinicians' other registrations are cancelled for credit (routed by the registration, and
     * appending to the same credit accounts): seats never oversold, no 5xx, every balance to the cent.
     */
    @Test
    @Order(6)
    void creditTransfersRaceRegistrationsAndCancellationsOnBothInstances() throws Exception {
        int clinicians = 20;
        int capacity = 30;
        String first = schedule(soon(), clinicians);
        String second = schedule(soon().plusDays(1), clinicians);
        String target = schedule(far(), capacity);
        List<String> secondRegistrations = new ArrayList<>();
        List<String> clinicianIds = new ArrayList<>();
        for (int i = 0; i < clinicians; i++) {
            Map<String, Object> person = person(run + "-credit-" + i);
            Http.Response r1 = register(i % 2 == 0 ? a : b, first, run + "-credit-first-" + i, person);
            assertThat(r1.status()).as("%s", r1.body()).isEqualTo(201);
            Http.Response cancelled = http.post("frontend", (i % 2 == 0 ? b : a).url() + "/api/series/" + first + "/registrations/"
                    + r1.body().get("registrationId").asText() + "/cancel", Map.of("choice", "CREDIT", "reason", "scale-out suite"), null);
            assertThat(cancelled.status()).as("%s", cancelled.body()).isEqualTo(200);
            assertThat(cancelled.body().get("creditIssuedCents").asLong()).isEqualTo(PRICE);
            Http.Response r2 = register(a, second, run + "-credit-second-" + i, person);
            assertThat(r2.status()).as("%s", r2.body()).isEqualTo(201);
            secondRegistrations.add(r2.body().get("registrationId").asText());
            clinicianIds.add(r2.body().get("clinicianId").asText());
        }
        List<Callable<Http.Response>> calls = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < clinicians; i++) {
            int n = i;
            Service one = n % 2 == 0 ? a : b;
            Service other = n % 2 == 0 ? b : a;
            calls.add(() -> transfer(one, target, run + "-credit-transfer-" + n, person(run + "-credit-" + n)));
            kinds.add("transfer");
            calls.add(() -> register(other, target, run + "-credit-plain-" + n, person(run + "-credit-plain-" + n)));
            kinds.add("register");
            calls.add(() -> http.post("frontend", other.url() + "/api/series/" + second + "/registrations/" + secondRegistrations.get(n)
                    + "/cancel", Map.of("choice", "CREDIT", "reason", "scale-out suite race"), null));
            kinds.add("cancel");
        }
        long retriesBefore = retriesLogged();
        long t0 = System.nanoTime();
        List<Http.Response> responses = race(calls);
        double wall = seconds(t0);
        Map<String, Map<Integer, Integer>> byKind = new LinkedHashMap<>();
        int sold = 0;
        List<Boolean> transferred = new ArrayList<>();
        long maxPosition = 0;
        for (int i = 0; i < responses.size(); i++) {
            Http.Response r = responses.get(i);
            byKind.computeIfAbsent(kinds.get(i), k -> new LinkedHashMap<>()).merge(r.status(), 1, Integer::sum);
            assertThat(r.status()).as("%s: %s", kinds.get(i), r.body()).isLessThan(500);
            if (kinds.get(i).equals("cancel")) {
                assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
            } else if (r.status() == 201) {
                sold++;
            } else {
                assertThat(r.status()).isEqualTo(409);
                assertThat(r.body().get("type").asText()).isEqualTo("urn:kat:problem:sold-out");
            }
            if (kinds.get(i).equals("transfer")) {
                transferred.add(r.status() == 201);
            }
            if (r.eventPosition() != null) {
                maxPosition = Math.max(maxPosition, Long.parseLong(r.eventPosition()));
            }
        }
        assertThat(sold).as("seats sold in %s: %s", target, byKind).isEqualTo(capacity);
        Http.Response availability = http.get("frontend", projections.url() + "/api/availability/series/" + target + "?minPosition=" + maxPosition);
        assertThat(availability.status()).as("%s", availability.body()).isEqualTo(200);
        assertThat(availability.body().get("taken").asInt()).isEqualTo(capacity);
        for (int i = 0; i < clinicians; i++) {
            Http.Response credit = http.get("finance", projections.url() + "/api/credit/" + clinicianIds.get(i) + "?minPosition=" + maxPosition);
            assertThat(credit.status()).as("%s", credit.body()).isEqualTo(200);
            long expected = transferred.get(i) ? PRICE : 2 * PRICE; // two cancellations' credit, less one transfer if it went through
            assertThat(credit.body().get("balanceCents").asLong()).as("clinician %d: %s", i, credit.body()).isEqualTo(expected);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("capacity", capacity);
        result.put("requests", responses.size());
        result.put("statusesByKind", byKind);
        result.put("seatsSold", sold);
        result.put("transfersThrough", transferred.stream().filter(t -> t).count());
        result.put("wallSeconds", wall);
        result.put("writeConflictsRetried", retriesLogged() - retriesBefore);
        record.put("creditTransferRace", result);
    }

    @Test
    @Order(8)
    void aProjectionRebuildsFromAxonServerWhileTheServiceAnswers() throws Exception {
        Http.Response before = http.get("admin", projections.url() + "/api/admin/projections/registrations");
        assertThat(before.status()).as("%s", before.body()).isEqualTo(200);
        String soldOut = (String) ((Map<?, ?>) record.get("sellOutRace")).get("series");
        JsonNode availabilityBefore = http.get("frontend", projections.url() + "/api/availability/series/" + soldOut).body();
        long t0 = System.nanoTime();
        Http.Response started = http.post("admin", projections.url() + "/api/admin/projections/registrations/rebuild", Map.of(), null);
        assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
        Awaitility.await("registrations projection rebuilt").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode s = http.get("admin", projections.url() + "/api/admin/projections/registrations").body();
            return !s.get("replaying").asBoolean() && s.get("processedThrough").asLong() >= s.get("head").asLong();
        });
        double seconds = seconds(t0);
        JsonNode after = http.get("admin", projections.url() + "/api/admin/projections/registrations").body();
        JsonNode availabilityAfter = http.get("frontend", projections.url() + "/api/availability/series/" + soldOut).body();
        assertThat(availabilityAfter.get("taken")).isEqualTo(availabilityBefore.get("taken"));
        assertThat(availabilityAfter.get("capacity")).isEqualTo(availabilityBefore.get("capacity"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("events", after.get("head").asLong() + 1);
        result.put("seconds", seconds);
        record.put("rebuildRegistrations", result);
    }

    /**
     * Axon Server stops: commands answer 503 axon-server-unavailable with Retry-After, readiness goes
     * DOWN, the projections admin answers 503; it starts again: the instances reconnect, take commands,
     * and a sell-out race sells exactly the seats again.
     */
    @Test
    @Order(9)
    void anAxonServerRestartIsAnOutageOf503sAndThenEverythingHoldsAgain() throws Exception {
        String stop = System.getenv("KAT_AXONSERVER_STOP");
        String start = System.getenv("KAT_AXONSERVER_START");
        Assumptions.assumeTrue(stop != null && start != null, "KAT_AXONSERVER_STOP and KAT_AXONSERVER_START are not set");
        String series = schedule(far(), 10);
        Map<String, Object> result = new LinkedHashMap<>();
        shell(stop);
        long down = System.nanoTime();
        Awaitility.await("enrollment readiness DOWN").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.status(a.url() + "/actuator/health/readiness") == 503 && http.status(b.url() + "/actuator/health/readiness") == 503);
        result.put("secondsUntilNotReady", seconds(down));
        Http.Response refused = register(a, series, run + "-outage", person(run + "-outage"));
        assertThat(refused.status()).as("%s", refused.body()).isEqualTo(503);
        assertThat(refused.body().get("type").asText()).isEqualTo("urn:kat:problem:axon-server-unavailable");
        HttpResponse<String> raw = plainPost(b.url() + "/api/series/" + series + "/registrations", person(run + "-outage-b"), run + "-outage-b");
        assertThat(raw.statusCode()).isEqualTo(503);
        assertThat(raw.headers().firstValue("Retry-After")).hasValue("5");
        Http.Response admin = http.get("admin", projections.url() + "/api/admin/projections");
        assertThat(admin.status()).as("%s", admin.body()).isEqualTo(503);
        assertThat(admin.body().get("type").asText()).isEqualTo("urn:kat:problem:axon-server-unavailable");
        result.put("duringOutage", Map.of("command", refused.status(), "retryAfter", raw.headers().firstValue("Retry-After").orElse(""),
                "projectionsAdmin", admin.status()));

        shell(start);
        long up = System.nanoTime();
        Awaitility.await("Axon Server up").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.status(axonServerHttp() + "/actuator/health") == 200);
        result.put("axonServerStartSeconds", seconds(up));
        long serverUp = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Http.Response> taken = new java.util.concurrent.atomic.AtomicReference<>();
        Awaitility.await("a registration taken again").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Http.Response r = register(attempts.get() % 2 == 0 ? a : b, series, run + "-after-restart", person(run + "-after-restart"));
            attempts.incrementAndGet();
            assertThat(r.status()).as("%s", r.body()).isIn(201, 200, 503);
            taken.set(r);
            return r.status() == 201 || r.status() == 200;
        });
        result.put("secondsFromServerUpToFirstCommand", seconds(serverUp));
        result.put("attemptsUntilTaken", attempts.get());
        String readBack = projections.url() + "/api/registrations/" + taken.get().body().get("registrationId").asText()
                + "?minPosition=" + taken.get().eventPosition();
        Awaitility.await("the projection has the first registration after the restart").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100)).until(() -> http.get("frontend", readBack).status() == 200);
        result.put("secondsFromServerUpToProjectionCurrent", seconds(serverUp));
        Awaitility.await("both instances ready").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.status(a.url() + "/actuator/health/readiness") == 200 && http.status(b.url() + "/actuator/health/readiness") == 200);
        result.put("secondsFromServerUpToBothReady", seconds(serverUp));
        result.put("sellOutRaceAfterRestart", sellOutRace(10, 60));
        Http.Response adminAfter = http.get("admin", projections.url() + "/api/admin/projections");
        assertThat(adminAfter.status()).isEqualTo(200);
        record.put("axonServerRestart", result);
    }

    /**
     * One live session of a module a day, with the appends on Axon Server: two class days moved onto one date from the two
     * instances while a new series lists the module on that date. At most one move passes, the other is 409
     * class-day-exists, and every series shows one day of the module on that date (the one the new series joined or made).
     */
    @Test
    @Order(7)
    void classDayMovesAndASchedulingRacingOntoOneDateFromBothInstancesLeaveOneSession() throws Exception {
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            LocalDate base = far();
            LocalDate p = base.plusDays(2), q = base.plusDays(3), target = base.plusDays(4);
            int s1 = nextSeries++, s2 = nextSeries++, s3 = nextSeries++;
            String d1 = m3Day(scheduleM3(s1, p), s1), d2 = m3Day(scheduleM3(s2, q), s2);
            Service scheduler = round % 2 == 0 ? a : b;
            List<Http.Response> answers = race(List.of(
                    () -> http.post("admin", a.url() + "/api/catalog/class-days/" + d1 + "/move", Map.of("newDate", target.toString(), "reason", "race a"), null),
                    () -> http.post("admin", b.url() + "/api/catalog/class-days/" + d2 + "/move", Map.of("newDate", target.toString(), "reason", "race b"), null),
                    () -> http.post("admin", scheduler.url() + "/api/catalog/series", m3Series(s3, target), null)));
            List<Integer> moves = List.of(answers.get(0).status(), answers.get(1).status());
            assertThat(moves).as("round %d moves: %s %s", round, answers.get(0).body(), answers.get(1).body()).allMatch(st -> st == 200 || st == 409);
            assertThat(moves.stream().filter(st -> st == 200)).as("round %d", round).hasSizeLessThanOrEqualTo(1);
            for (Http.Response r : answers.subList(0, 2)) {
                if (r.status() == 409) {
                    assertThat(r.body().get("type").asText()).isEqualTo("urn:kat:problem:class-day-exists");
                }
            }
            assertThat(answers.get(2).status()).as("round %d scheduling: %s", round, answers.get(2).body()).isEqualTo(201);
            String joined = m3Day(answers.get(2), s3);
            // the series follow the moves asynchronously; then each shows its M3 day where it runs
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(m3Date(s1)).isEqualTo(moves.get(0) == 200 ? target : p);
                assertThat(m3Date(s2)).isEqualTo(moves.get(1) == 200 ? target : q);
            });
            java.util.Set<String> onTarget = new java.util.TreeSet<>(List.of(joined));
            if (moves.get(0) == 200) {
                onTarget.add(d1);
            }
            if (moves.get(1) == 200) {
                onTarget.add(d2);
            }
            assertThat(onTarget).as("round %d: the M3 days on %s", round, target).hasSize(1);
            rounds.add(Map.of("moves", moves, "newSeriesDay", joined, "movedDays", List.of(d1, d2)));
        }
        record.put("classDayRaces", rounds);
    }

    private Http.Response scheduleM3(int number, LocalDate date) throws Exception {
        Http.Response r = http.post("admin", a.url() + "/api/catalog/series", m3Series(number, date), null);
        assertThat(r.status()).as("scheduling series %d: %s", number, r.body()).isEqualTo(201);
        return r;
    }

    private static Map<String, Object> m3Series(int number, LocalDate date) {
        return Map.of("seriesNumber", number, "capacity", 10, "priceCents", PRICE, "ceOptionPriceCents", 0,
                "classDays", List.of(Map.of("module", "M3", "date", date.toString())));
    }

    /** The series' M3 class day as the read side shows it (read at the scheduling's position). */
    private String m3Day(Http.Response scheduled, int number) throws Exception {
        return m3(number, scheduled.eventPosition()).get("classDayId").asText();
    }

    private LocalDate m3Date(int number) throws Exception {
        return LocalDate.parse(m3(number, null).get("date").asText());
    }

    private JsonNode m3(int number, String position) throws Exception {
        Http.Response r = http.get("admin", projections.url() + "/api/catalog/series/" + number + (position == null ? "" : "?minPosition=" + position));
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        for (JsonNode d : r.body().get("classDays")) {
            if (d.get("moduleCode").asText().equals("M3")) {
                return d;
            }
        }
        throw new AssertionError("series " + number + " has no M3 day: " + r.body());
    }

    // ---------------------------------------------------------------- helpers

    private Map<String, Object> sellOutRace(int capacity, int attempts) throws Exception {
        String series = schedule(far(), capacity);
        List<Callable<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            Service target = i % 2 == 0 ? a : b;
            String key = run + "-" + series + "-race-" + i;
            calls.add(() -> register(target, series, key, person(key)));
        }
        long retriesBefore = retriesLogged();
        long t0 = System.nanoTime();
        List<Http.Response> responses = race(calls);
        double wall = seconds(t0);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        long maxPosition = 0;
        for (Http.Response r : responses) {
            statuses.merge(r.status(), 1, Integer::sum);
            if (r.status() == 409) {
                assertThat(r.body().get("type").asText()).isEqualTo("urn:kat:problem:sold-out");
            }
            if (r.eventPosition() != null) {
                maxPosition = Math.max(maxPosition, Long.parseLong(r.eventPosition()));
            }
        }
        assertThat(statuses).as("statuses of %d attempts at %d seats", attempts, capacity)
                .containsOnlyKeys(201, 409).containsEntry(201, capacity).containsEntry(409, attempts - capacity);
        Http.Response availability = http.get("frontend", projections.url() + "/api/availability/series/" + series + "?minPosition=" + maxPosition);
        assertThat(availability.status()).as("%s", availability.body()).isEqualTo(200);
        assertThat(availability.body().get("taken").asInt()).isEqualTo(capacity);
        assertThat(availability.body().get("soldOut").asBoolean()).isTrue();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("series", series);
        result.put("capacity", capacity);
        result.put("attempts", attempts);
        result.put("statuses", new java.util.TreeMap<>(statuses));
        result.put("wallSeconds", wall);
        result.put("writeConflictsRetried", retriesLogged() - retriesBefore);
        return result;
    }

    private static List<Http.Response> race(List<Callable<Http.Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(calls.size(), 60));
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (Callable<Http.Response> c : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return c.call();
                }));
            }
            go.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdown();
        }
    }

    /** Lines in which the gateway's retry scheduler retried a command (only write conflicts are retried), both instances so far. */
    private long retriesLogged() throws Exception {
        long n = 0;
        for (Service s : List.of(a, b)) {
            try (var lines = Files.lines(s.log)) {
                n += lines.filter(l -> l.contains("Will retry")).count();
            }
        }
        return n;
    }

    private void expectProblem(Http.Response r, int status, String slug, String detail, Map<String, Integer> seen) {
        assertThat(r.status()).as("%s: %s", slug, r.body()).isEqualTo(status);
        assertThat(r.body().get("type").asText()).isEqualTo("urn:kat:problem:" + slug);
        assertThat(r.body().get("status").asInt()).isEqualTo(status);
        assertThat(r.body().get("title").asText()).isNotBlank();
        if (detail != null) {
            assertThat(r.body().get("detail").asText()).isEqualTo(detail);
        }
        seen.put(slug, status);
    }

    private String schedule(LocalDate first, int capacity) throws Exception {
        int number = nextSeries++;
        Http.Response r = http.post("admin", a.url() + "/api/catalog/series", seriesBody(number, first, capacity), null);
        assertThat(r.status()).as("scheduling series %d: %s", number, r.body()).isEqualTo(201);
        return "series-" + number;
    }

    private static Map<String, Object> seriesBody(int number, LocalDate first, int capacity) {
        return Map.of("seriesNumber", number, "capacity", capacity, "priceCents", PRICE, "ceOptionPriceCents", 0,
                "classDays", List.of(Map.of("module", "M1", "date", first.toString()), Map.of("module", "M2", "date", first.plusDays(1).toString())));
    }

    /** A first class day far from any cutoff, one week per series number (2030 on), so series rarely share days. */
    private LocalDate far() {
        return LocalDate.of(2030, 1, 7).plusWeeks(nextSeries % 3000);
    }

    /** A first class day inside the two-week cutoff, still ahead: a cancellation today is late. */
    private static LocalDate soon() {
        return LocalDate.now(ZoneId.of("America/Los_Angeles")).plusDays(8);
    }

    private Map<String, Object> person(String key) {
        String id = Integer.toHexString(key.hashCode());
        return Map.of("clinician", Map.of("fullName", "Scale Out " + id, "email", key + "@example.org", "profession", "Psychiatrist",
                        "licenseNumber", "MD-" + id, "licenseState", "CA"),
                "ceOption", false,
                "payment", Map.of("amountPaidCents", PRICE, "chargeReference", "ch_" + id, "processingFeeCents", 6338));
    }

    private Http.Response register(Service instance, String series, String key, Map<String, Object> body) throws Exception {
        return http.post("frontend", instance.url() + "/api/series/" + series + "/registrations", body, key);
    }

    private Http.Response transfer(Service instance, String series, String key, Map<String, Object> person) throws Exception {
        return http.post("frontend", instance.url() + "/api/credit/transfers",
                Map.of("seriesId", series, "clinician", person.get("clinician"), "ceOption", false), key);
    }

    private HttpResponse<String> plainPost(String url, Object body, String key) throws Exception {
        return plain.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("frontend:" + passwords.get("frontend")).getBytes()))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Http.JSON.writeValueAsBytes(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String url) throws Exception {
        return plain.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String axonServerHttp() {
        String configured = System.getenv("KAT_AXONSERVER_HTTP");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return "http://" + System.getenv("KAT_AXONSERVER_TEST").split(":")[0] + ":8024";
    }

    private static void shell(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).inheritIO().start();
        assertThat(p.waitFor()).as("exit of: %s", command).isZero();
    }

    private Path jar(String module) throws Exception {
        try (var files = Files.list(root.resolve(module).resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().matches(module + "-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jar for " + module + "; package it first"));
        }
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + "/bin/java";
    }

    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e7) / 100.0;
    }
}
