package com.polaris.kat.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.SocketException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A database failure that reaches the web layer is a problem, never a 200: Spring MVC on its own takes a failure whose
 * message mentions a broken pipe (the database's socket, here) for the HTTP client gone away and completes the request
 * with 200 and no body; registrations during a database crash were answered so and not recorded (a fresh reviewer).
 */
class DatabaseProblemsTest {

    @org.springframework.web.bind.annotation.RestControllerAdvice
    static final class Handler extends ProblemHandler {
    }

    @RestController
    static final class Failing {
        @PostMapping("/register")
        String register() {
            throw new DataAccessResourceFailureException("PreparedStatementCallback; SQL [INSERT …]; An I/O error occurred while sending to "
                    + "the backend.", new SQLException("An I/O error occurred while sending to the backend.", "08006",
                    new SocketException("Broken pipe")));
        }

        @GetMapping("/read")
        String read() {
            throw new org.springframework.transaction.CannotCreateTransactionException("Could not open JDBC Connection for transaction");
        }

        @GetMapping("/bug")
        String bug() {
            throw new InvalidDataAccessResourceUsageException("bad SQL grammar", new SQLException("column does not exist", "42703"));
        }
    }

    @Test
    void withoutTheHandlerSpringAnswersADatabaseSocketsBrokenPipeWith200AndNoBody() throws Exception {
        MockMvc plain = MockMvcBuilders.standaloneSetup(new Failing()).build();
        MvcResult r = plain.perform(post("/register")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getContentAsString()).isEmpty();
    }

    @Test
    void theDatabaseAwayIs503DatabaseUnavailableWithRetryAfterAndAFaultIs500() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ProblemHandler.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        try {
            MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing()).setControllerAdvice(new Handler()).build();

            MvcResult command = mvc.perform(post("/register")).andReturn();
            assertThat(command.getResponse().getStatus()).isEqualTo(503);
            assertThat(command.getResponse().getHeader("Retry-After")).isEqualTo("2");
            assertThat(command.getResponse().getContentType()).isEqualTo("application/problem+json");
            assertThat(command.getResponse().getContentAsString()).contains("urn:kat:problem:database-unavailable")
                    .contains("same Idempotency-Key");

            MvcResult read = mvc.perform(get("/read")).andReturn();
            assertThat(read.getResponse().getStatus()).isEqualTo(503);
            assertThat(read.getResponse().getContentAsString()).contains("urn:kat:problem:database-unavailable").contains("nothing was read");

            MvcResult bug = mvc.perform(get("/bug")).andReturn();
            assertThat(bug.getResponse().getStatus()).isEqualTo(500);
            assertThat(bug.getResponse().getContentAsString()).contains("urn:kat:problem:internal-error");

            assertThat(seen.list).extracting(e -> e.getLevel().toString()).containsExactly("WARN", "WARN", "ERROR");
            assertThat(seen.list.get(2).getThrowableProxy()).as("a fault is logged with its exception").isNotNull();
        } finally {
            logger.detachAppender(seen);
        }
    }

    /**
     * The services' resolver answers the database away whatever wraps it (Axon's JdbcException "Failed to create a SQL statement"
     * had been a 500), before Spring MVC's resolvers; anything else it leaves to them.
     */
    @Test
    void theResolverAnswersTheDatabaseAwayUnderAnyWrapperAndLeavesTheRest() throws Exception {
        DatabaseUnavailableResolver resolver = new DatabaseUnavailableResolver();
        org.springframework.mock.web.MockHttpServletRequest request =
                new org.springframework.mock.web.MockHttpServletRequest("POST", "/api/series/series-1/registrations/r1/cancel");
        org.springframework.mock.web.MockHttpServletResponse response = new org.springframework.mock.web.MockHttpServletResponse();
        RuntimeException wrapped = new RuntimeException("Failed to create a SQL statement",
                new SQLException("This connection has been closed.", "08003"));
        assertThat(resolver.resolveException(request, response, null, wrapped)).isNotNull();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("2");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("urn:kat:problem:database-unavailable").contains("same Idempotency-Key")
                .contains("/api/series/series-1/registrations/r1/cancel");

        org.springframework.mock.web.MockHttpServletResponse untouched = new org.springframework.mock.web.MockHttpServletResponse();
        assertThat(resolver.resolveException(request, untouched, null, new IllegalStateException("a bug"))).isNull();
        assertThat(resolver.resolveException(request, untouched, null, new RuntimeException("no state", new SQLException("x")))).isNull();
        assertThat(untouched.getStatus()).isEqualTo(200);
        assertThat(untouched.getContentAsString()).isEmpty();
    }

    /** An administrator's request takes no Idempotency-Key: it is told to read the state it changes before asking again. */
    @Test
    void anAdministratorsRequestIsToldToLookBeforeAskingAgainNotToResendWithAKey() throws Exception {
        org.springframework.mock.web.MockHttpServletResponse response = new org.springframework.mock.web.MockHttpServletResponse();
        new DatabaseUnavailableResolver().resolveException(new org.springframework.mock.web.MockHttpServletRequest("POST",
                "/api/admin/projections/ledger/rebuild"), response, null, new SQLException("This connection has been closed.", "08003"));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).contains("read the state it changes (e.g. GET /api/admin/projections/{name}")
                .contains("ask again only if it was not done").doesNotContain("Idempotency-Key");
    }
}
