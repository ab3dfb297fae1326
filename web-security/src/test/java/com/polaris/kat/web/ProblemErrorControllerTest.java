package com.polaris.kat.web;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** What no handler answered becomes a typed RFC 9457 problem, never Spring Boot's default error body. */
class ProblemErrorControllerTest {

    @Test
    void anUnexpectedFailureIsAnInternalErrorProblemNamingThePath() throws Exception {
        MockHttpServletRequest forwarded = forwarded("POST", 500, "/api/series/series-1/registrations/r1/cancel");
        ResponseEntity<ProblemDetail> r = new ProblemErrorController().error(forwarded, new org.springframework.mock.web.MockHttpServletResponse());
        assertThat(r.getStatusCode().value()).isEqualTo(500);
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(r.getBody().getType()).isEqualTo(URI.create("urn:kat:problem:internal-error"));
        assertThat(r.getBody().getTitle()).isNotBlank();
        assertThat(r.getBody().getDetail()).contains("Idempotency-Key").contains("X-Correlation-Id");
        assertThat(r.getBody().getInstance()).isEqualTo(URI.create("/api/series/series-1/registrations/r1/cancel"));
    }

    @Test
    void aClientErrorForwardedByTheContainerIsTypedByItsStatus() throws Exception {
        MockHttpServletRequest forwarded = forwarded("GET", 400, "not a uri {}");
        ResponseEntity<ProblemDetail> r = new ProblemErrorController().error(forwarded, new org.springframework.mock.web.MockHttpServletResponse());
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody().getType()).isEqualTo(URI.create("urn:kat:problem:invalid-request"));
        assertThat(r.getBody().getInstance()).isNull();
    }

    /** A body that stalls short of its Content-Length (Tomcat's read timeout) is 408 request-timeout saying what to do (was invalid-request). */
    @Test
    void aStalledBodyIsARequestTimeoutProblemSayingToSendItWhole() throws Exception {
        MockHttpServletRequest forwarded = forwarded("POST", 408, "/api/catalog/series");
        org.springframework.mock.web.MockHttpServletResponse response = new org.springframework.mock.web.MockHttpServletResponse();
        ResponseEntity<ProblemDetail> r = new ProblemErrorController().error(forwarded, response);
        assertThat(r.getStatusCode().value()).isEqualTo(408);
        // the headers every other answer carries (a fresh reviewer's 408 had none: the error dispatch passes the header writer by)
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-cache, no-store, max-age=0, must-revalidate");
        assertThat(r.getBody().getType()).isEqualTo(URI.create("urn:kat:problem:request-timeout"));
        assertThat(r.getBody().getDetail()).contains("Content-Length").contains("send the whole request again");
    }

    /** The error path asked for as an address, not forwarded: no endpoint, as any other (it had been a 500 "the service failed"). */
    @Test
    void theErrorPathAskedForAsAnAddressIsNotFound() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ProblemErrorController().error(new MockHttpServletRequest("GET", "/error"),
                new org.springframework.mock.web.MockHttpServletResponse())).isInstanceOf(org.springframework.web.servlet.resource.NoResourceFoundException.class);
    }

    /** The request the container forwards to /error after a refusal: its method, status and the URI first asked for. */
    private static MockHttpServletRequest forwarded(String method, int status, String uri) {
        MockHttpServletRequest forwarded = new MockHttpServletRequest(method, "/error");
        forwarded.setDispatcherType(jakarta.servlet.DispatcherType.ERROR);
        forwarded.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        forwarded.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
        return forwarded;
    }
}
