package com.polaris.kat.projection.verification;

import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the public verification answers for everything other than a well-formed {@code /verify/{code}}: other paths under
 * {@code /verify} (404 to anyone, no sign-in challenge), what the web server refuses before the application (400 for an
 * encoded slash, NUL or dot-segment), a client that accepts only problem JSON, and a typed code carrying a right-to-left
 * override. A browser gets the verification's page for each; a JSON client the problem. Requests are sent as typed (the
 * JDK's client keeps percent-encoding as given), from addresses of their own (the per-address limit).
 */
class VerificationPathsTest extends ProjectionServiceTestBase {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(String rawPath, String accept, String address) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + rawPath)).header("X-Forwarded-For", address);
        if (accept != null) {
            b.header("Accept", accept);
        }
        return client.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyOtherPathUnderVerifyIsNotFoundToAnyoneAndAPageToABrowser() throws Exception {
        for (String path : List.of("/verify", "/verify/a/b", "/verify/KAT-0000-0000-0001/extra")) {
            HttpResponse<String> page = get(path, BROWSER, "203.0.113.90");
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.headers().firstValue("WWW-Authenticate")).as(path + ": no sign-in dialog").isEmpty();
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith("text/html");
            assertThat(page.body()).as(path).contains("data-problem-type=\"urn:kat:problem:not-found\"")
                    .contains("This address checks no certificate: ");
            HttpResponse<String> json = get(path, "application/json", "203.0.113.90");
            assertThat(json.statusCode()).as(path).isEqualTo(404);
            assertThat(json.headers().firstValue("Content-Type").orElseThrow()).as(path).isEqualTo("application/problem+json");
            assertThat(json.body()).as(path).contains("\"type\":\"urn:kat:problem:not-found\"");
        }
        assertThat(get("/verify/a/b", BROWSER, "203.0.113.90").body()).contains("<code>a/b</code>");
        HttpResponse<Void> head = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/verify"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(404);
        // another method is refused as such (405, or 404 where nothing is served), never with a sign-in challenge
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/verify/KAT-0000-0000-0001"))
                .header("Accept", BROWSER).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(post.body()).contains("data-problem-type=\"urn:kat:problem:method-not-allowed\"");
        HttpResponse<String> delete = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/verify/a/b"))
                .header("Accept", "application/json").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isIn(404, 405);
        assertThat(delete.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/problem+json");
        // a path parameter on the segment is refused as a page too
        HttpResponse<String> matrix = get("/verify;x=1/KAT-0000-0000-0001", BROWSER, "203.0.113.90");
        assertThat(matrix.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(matrix.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        // the API still asks for credentials
        assertThat(get("/api/ledger/totals", BROWSER, "203.0.113.90").statusCode()).isEqualTo(401);
    }

    /** A request line as a browser sends it, over a socket (the JDK's client encodes these characters); the whole answer. */
    private String rawBrowserGet(String target) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + BROWSER
                    + "\r\nX-Forwarded-For: 203.0.113.93\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * Characters browsers leave unencoded in a link (| { } [ ] ^ ` \ in the query, | [ ] in the path) reach the verification
     * page, which answers a browser with a page: a shared link with a tracking query such as {@code ?ref=a|b} answered JSON (a
     * fresh reviewer's).
     */
    @Test
    void charactersBrowsersSendUnencodedGetTheVerificationsPage() throws Exception {
        for (String target : List.of("/verify/KAT-0000-0000-0001?ref=a|b", "/verify/KAT-0000-0000-0001?utm={x}[y]^`z\\",
                "/verify/KAT|0000", "/verify/KAT-[0000]")) {
            String answer = rawBrowserGet(target);
            assertThat(answer).as(target).startsWith("HTTP/1.1 4").contains("Content-Type: text/html").doesNotContain("application/problem+json");
        }
        // the API's own checks judge them: an id with them is invalid-path
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            String auth = java.util.Base64.getEncoder().encodeToString("tester:tester-password-only-in-tests".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().write(("GET /api/registrations/a|b/attendance HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + auth
                    + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .startsWith("HTTP/1.1 400").contains("urn:kat:problem:invalid-path");
        }
    }

    @Test
    void theWebServersOwnRefusalsOfAVerificationAreAPageToABrowserAndProblemsToJsonClients() throws Exception {
        for (String path : List.of("/verify/KAT%2F0000-0000-0001", "/verify/KAT-%000000-0000-0001", "/verify/..%2Fapi%2Fledger%2Ftotals")) {
            HttpResponse<String> page = get(path, BROWSER, "203.0.113.91");
            assertThat(page.statusCode()).as(path).isEqualTo(400);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).as(path + ": " + page.body()).startsWith("text/html");
            assertThat(page.body()).as(path).contains("data-problem-type=\"urn:kat:problem:bad-request\"").contains("data-status=\"400\"")
                    .contains("This address checks no certificate: <span>Bad request</span>").doesNotContain("\u0000");
            HttpResponse<String> json = get(path, "application/json", "203.0.113.91");
            assertThat(json.statusCode()).as(path).isEqualTo(400);
            assertThat(json.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith("application/problem+json");
        }
        assertThat(get("/verify/KAT%2F0000-0000-0001", BROWSER, "203.0.113.91").body()).contains("<code>KAT/0000-0000-0001</code>");
        assertThat(get("/verify/KAT-%000000-0000-0001", BROWSER, "203.0.113.91").body()).contains("<code>KAT-\uFFFD0000-0000-0001</code>");
        // a broken percent-encoding the web server refuses: the page too, in the path check's words (a fresh reviewer's damaged
        // link was shown JSON)
        for (String path : List.of("/verify/%ZZ", "/verify/AB%FF", "/ver%69fy/AB%ZZ")) {
            try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + BROWSER + "\r\nConnection: close\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(answer).as(path).startsWith("HTTP/1.1 400 ").contains("text/html").contains("urn:kat:problem:invalid-path")
                        .contains("percent-encoded");
            }
        }
        // and one the path check refuses (after a ';', which the web server does not decode): the page too, not JSON (a fresh
        // reviewer's); JSON to a JSON client
        for (String path : List.of("/verify/ABC;x=%ZZ", "/verify;x=%FF/KAT-0000-0000-0001", "/ver%69fy/ABC;x=%ZZ")) {
            for (String accept : List.of(BROWSER, "application/json")) {
                try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                    socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept
                            + "\r\nX-Forwarded-For: 203.0.113.91\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    assertThat(answer).as(path + " " + accept).startsWith("HTTP/1.1 400 ").contains("percent-encoded")
                            .contains(accept.equals(BROWSER) ? "Content-Type: text/html" : "Content-Type: application/problem+json")
                            .contains(accept.equals(BROWSER) ? "data-problem-type=\"urn:kat:problem:invalid-path\"" : "urn:kat:problem:invalid-path");
                }
            }
        }
        // the same refusal of any other path stays the services' problem, whatever the Accept
        HttpResponse<String> api = get("/api/ledger/a%2Fb", BROWSER, "203.0.113.91");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    /**
     * A request line the web server cannot read (a byte no URL holds, in a clinician search naming a person) is 400 without
     * the web server's log of the line (Tomcat logs the first at INFO with the request target, and a stack trace).
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aRequestLineTheWebServerCannotReadLeavesNothingOfItInTheLog(org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        int before = output.getAll().length();
        for (String target : List.of("/api/clinicians?q=zelda.quixotic@example.org&name=Z\u00e9lda", "/verify/KAT-{zelda.quixotic}")) {
            try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                assertThat(new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).as(target)
                        .startsWith("HTTP/1.1 400 ");
            }
        }
        assertThat(output.getAll().substring(before)).doesNotContain("zelda").doesNotContain("Invalid character");
    }

    /** A shared link's parameter the public page does not read is ignored, also when its name or its value cannot be read. */
    @Test
    void aBrokenParameterThePageDoesNotReadIsIgnored() throws Exception {
        for (String query : List.of("utm_source=%ZZ", "%ZZ=1", "%FF", "a=1&%E2%80=x&b=%")) {
            try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                socket.getOutputStream().write(("GET /verify/KAT-0000-0000-0003?" + query + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + BROWSER
                        + "\r\nX-Forwarded-For: 203.0.113.96\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(answer).as(query).startsWith("HTTP/1.1 404 ").contains("No certificate with this code");
            }
        }
    }

    /** Credentials sent to the public page are not read: stale or wrong ones (a browser's, from the API's pages) get the page. */
    @Test
    void staleCredentialsGetThePublicPageNotASignInChallenge() throws Exception {
        for (String authorization : List.of("Basic " + java.util.Base64.getEncoder().encodeToString("wrong:pw".getBytes()), "Bearer not-a-token")) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/verify/KAT-0000-0000-0002"))
                    .header("X-Forwarded-For", "203.0.113.95").header("Accept", BROWSER).header("Authorization", authorization).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(authorization).isEqualTo(404);
            assertThat(r.headers().firstValue("WWW-Authenticate")).as(authorization).isEmpty();
            assertThat(r.body()).as(authorization).contains("No certificate with this code");
        }
    }

    @Test
    void aClientThatAcceptsOnlyProblemJsonIsNeverGivenThePage() throws Exception {
        HttpResponse<String> refusal = get("/verify/a/b", "application/problem+json", "203.0.113.92");
        assertThat(refusal.statusCode()).isEqualTo(404);
        assertThat(refusal.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/problem+json");
        HttpResponse<String> answer = get("/verify/KAT-0000-0000-0009", "application/problem+json", "203.0.113.92");
        assertThat(answer.statusCode()).as("the answer is JSON or a page; problem JSON only is not acceptable").isEqualTo(406);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/problem+json");
        assertThat(VerificationProblemPage.wantsPage(List.of("application/problem+json"))).isFalse();
        assertThat(VerificationProblemPage.wantsPage(List.of())).isTrue();
        assertThat(VerificationProblemPage.wantsPage(List.of("image/png"))).as("a QR scanner").isTrue();
        assertThat(VerificationProblemPage.wantsPage(List.of("text/html, application/problem+json;q=0.5"))).isTrue();
    }

    @Test
    void aRightToLeftOverrideInATypedCodeIsShownAsAReplacementCharacter() throws Exception {
        String typed = "/verify/KAT-%E2%80%AE0000-0000-0001";
        HttpResponse<String> page = get(typed, BROWSER, "203.0.113.93");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("KAT-\uFFFD0000-0000-0001").doesNotContain("\u202E");
        HttpResponse<String> json = get(typed, "application/json", "203.0.113.93");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.body()).contains("\"code\":\"KAT-\uFFFD0000-0000-0001\"").doesNotContain("\u202E");
    }
}
