package com.polaris.kat.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** The services' HTTP API as the front end and an administrator call it (local mode, HTTP Basic). */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, JsonNode body, String eventPosition) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> passwords;

    Http(Map<String, String> passwords) {
        this.passwords = passwords;
    }

    private String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + passwords.get(user)).getBytes(StandardCharsets.UTF_8));
    }

    int status(String url) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    Response get(String user, String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic(user)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return response(r);
    }

    Response post(String user, String url, Object body, String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return response(client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    private static Response response(HttpResponse<byte[]> r) throws IOException {
        JsonNode body = r.body().length == 0 ? null : JSON.readTree(r.body());
        return new Response(r.statusCode(), body, r.headers().firstValue("KAT-Event-Position").orElse(null));
    }

    // --- the calls the benchmark makes ---

    static final long PRICE_CENTS = 217_500;

    void defineModules(String enrollment) throws IOException, InterruptedException {
        for (int m = 1; m <= 6; m++) {
            Response r = post("admin", enrollment + "/api/catalog/modules",
                    Map.of("code", "M" + m, "title", "Module " + m, "ceHours", 8), null);
            if (r.status() != 201 && r.status() != 409) {
                throw new IllegalStateException("defining module M" + m + ": " + r.status() + " " + r.body());
            }
        }
    }

    /**
     * A series of six class days on consecutive dates from 2030 on (far from any cutoff, inside the catalog's 2000–2100
     * range), its first day one day after the previous number's: a class day is a (module, date), so no two series of
     * up to 25,000 consecutive numbers share one (a shared day's room is every series' seats, at most one live session).
     */
    void scheduleSeries(String enrollment, int number, int capacity) throws IOException, InterruptedException {
        java.time.LocalDate first = java.time.LocalDate.of(2030, 1, 7).plusDays(Math.floorMod(number, 25_000));
        var days = new java.util.ArrayList<Map<String, Object>>();
        for (int m = 1; m <= 6; m++) {
            days.add(Map.of("module", "M" + m, "date", first.plusDays(m - 1).toString()));
        }
        Response r = post("admin", enrollment + "/api/catalog/series", Map.of("seriesNumber", number, "capacity", capacity,
                "priceCents", PRICE_CENTS, "ceOptionPriceCents", 0, "classDays", days), null);
        if (r.status() != 201) {
            throw new IllegalStateException("scheduling series " + number + ": " + r.status() + " " + r.body());
        }
    }

    /** One registration as the front end sends it: a new clinician, the price paid, an idempotency key. */
    Response register(String enrollment, String seriesId) throws IOException, InterruptedException {
        return registerAt(enrollment + "/api/series/" + seriesId + "/registrations");
    }

    /** The same registration request to the benchmark's state-stored peer (enrollment-service, profile crud-peer). */
    Response registerWithPeer(String enrollment, String seriesId) throws IOException, InterruptedException {
        return registerAt(enrollment + "/api/crud-peer/series/" + seriesId + "/registrations");
    }

    /** A peer series: its row in the peer's table (capacity, price). */
    void schedulePeerSeries(String enrollment, String seriesId, int capacity) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(enrollment + "/api/crud-peer/series/" + seriesId))
                .timeout(Duration.ofSeconds(60)).header("Authorization", basic("admin")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("capacity", capacity, "priceCents", PRICE_CENTS))))
                .build();
        Response r = response(client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
        if (r.status() != 200) {
            throw new IllegalStateException("peer series " + seriesId + ": " + r.status() + " " + r.body());
        }
    }

    private Response registerAt(String url) throws IOException, InterruptedException {
        String id = UUID.randomUUID().toString();
        return post("frontend", url, Map.of(
                "clinician", Map.of("fullName", "Bench Clinician", "email", "bench-" + id + "@example.org",
                        "profession", "Psychiatrist", "licenseNumber", "MD-" + id.substring(0, 8), "licenseState", "CA"),
                "ceOption", false,
                "payment", Map.of("amountPaidCents", PRICE_CENTS, "chargeReference", "ch_" + id.substring(0, 12),
                        "processingFeeCents", 6338)), "bench-" + id);
    }
}
