package com.polaris.kat.projection.verification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.polaris.kat.security.strict.Problems;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verification's refusals as a page: what a browser scanning a certificate's QR code gets when the database is away
 * (the 503 {@code DatabaseUnavailableResolver} writes), a fault's 500 from the error dispatch, and what a JSON client keeps.
 */
class VerificationProblemPageTest {

    private final VerificationProblemPage filter = new VerificationProblemPage(engine(), new ObjectMapper());

    private static SpringTemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    private static MockHttpServletRequest get(String path, String accept) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        if (accept != null) {
            request.addHeader("Accept", accept);
        }
        return request;
    }

    /** The chain answers as the database resolver does while PostgreSQL is down. */
    private MockHttpServletResponse outage(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (q, r) -> {
            ((jakarta.servlet.http.HttpServletResponse) r).setHeader("Retry-After", "2");
            Problems.write((jakarta.servlet.http.HttpServletResponse) r, 503, "database-unavailable", "Database unavailable",
                    "The database could not be reached (it may be restarting); nothing was read. Send the same request again in a few seconds.",
                    "/verify/KAT-0000-0000-0001", Map.of());
        });
        return response;
    }

    @Test
    void aBrowserDuringAnOutageGetsAPageWithTheStatusAndRetryAfter() throws Exception {
        MockHttpServletResponse response = outage(get("/verify/KAT-0000-0000-0001", "text/html,application/xhtml+xml,*/*;q=0.8"));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getHeader("Retry-After")).isEqualTo("2");
        assertThat(response.getContentAsString()).contains("data-problem-type=\"urn:kat:problem:database-unavailable\"")
                .contains("<span>Database unavailable</span>").contains("nothing was read. Send the same request again in a few seconds.")
                .contains("Try again in <span>2</span> <span>seconds</span>").contains("<code>KAT-0000-0000-0001</code>")
                .doesNotContain("\"status\":");
    }

    @Test
    void noAcceptHeaderGetsThePageAsTheControllerDoes() throws Exception {
        assertThat(outage(get("/verify/KAT-0000-0000-0001", null)).getContentType()).startsWith("text/html");
        assertThat(VerificationProblemPage.wantsPage(List.of())).isTrue();
        assertThat(VerificationProblemPage.wantsPage(List.of("image/png"))).isTrue();
        assertThat(VerificationProblemPage.wantsPage(List.of("text/html;q=0, */*"))).isFalse();
        assertThat(VerificationProblemPage.wantsPage(List.of("*/*;q=0"))).isFalse();
    }

    @Test
    void aJsonClientKeepsTheProblem() throws Exception {
        for (String accept : new String[]{"application/json", "text/html;q=0.5, application/json", "application/problem+json, text/html;q=0"}) {
            MockHttpServletResponse response = outage(get("/verify/KAT-0000-0000-0001", accept));
            assertThat(response.getStatus()).as(accept).isEqualTo(503);
            assertThat(response.getContentType()).as(accept).startsWith("application/problem+json");
            assertThat(new ObjectMapper().readTree(response.getContentAsByteArray()).path("type").asText()).as(accept)
                    .isEqualTo("urn:kat:problem:database-unavailable");
        }
    }

    @Test
    void whatTheCodeSaysIsEscapedAndCut() throws Exception {
        String body = outage(get("/verify/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "text/html")).getContentAsString();
        assertThat(body).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        String longCode = "K".repeat(100);
        assertThat(outage(get("/verify/" + longCode, "text/html")).getContentAsString()).contains("<code>" + "K".repeat(40) + "</code>");
    }

    @Test
    void aFaultAnsweredOnTheErrorDispatchIsAPageToo() throws Exception {
        MockHttpServletRequest request = get("/error", "text/html");
        request.setDispatcherType(DispatcherType.ERROR);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/verify/KAT-0000-0000-0001");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (q, r) -> Problems.write((jakarta.servlet.http.HttpServletResponse) r, 500, "internal-error",
                "Internal error", "The service failed; report the correlation id.", "/verify/KAT-0000-0000-0001", Map.of()));
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getContentAsString()).contains("<span>Internal error</span>").doesNotContain("id=\"retry-after\"");
    }

    @Test
    void otherPathsAndSuccessfulAnswersAreLeftAlone() throws Exception {
        MockHttpServletResponse other = new MockHttpServletResponse();
        filter.doFilter(get("/api/registrations/x", "text/html"), other, (q, r) -> Problems.write((jakarta.servlet.http.HttpServletResponse) r,
                503, "database-unavailable", "Database unavailable", "down", "/api/registrations/x", Map.of()));
        assertThat(other.getContentType()).startsWith("application/problem+json");
        MockHttpServletResponse ok = new MockHttpServletResponse();
        filter.doFilter(get("/verify/KAT-0000-0000-0001", "text/html"), ok, (q, r) -> {
            r.setContentType("text/html");
            r.getWriter().write("<p>valid</p>");
        });
        assertThat(ok.getContentAsString()).isEqualTo("<p>valid</p>");
    }
}
