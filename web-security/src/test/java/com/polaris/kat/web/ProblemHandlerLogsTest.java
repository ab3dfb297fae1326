package com.polaris.kat.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.context.request.ServletWebRequest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A 5xx that Spring MVC's own handling answers is logged as an ERROR with its exception; a 4xx is not. */
class ProblemHandlerLogsTest {

    static final class Handler extends ProblemHandler {
    }

    @Test
    void aFiveHundredIsLoggedWithItsExceptionAFourHundredIsNot() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ProblemHandler.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        try {
            ServletWebRequest request = new ServletWebRequest(new MockHttpServletRequest("GET", "/api/certificates/r1"));
            ResponseEntity<Object> notWritten = new Handler().handleException(new HttpMessageNotWritableException("Failed to write request"), request);
            assertThat(notWritten.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
            ResponseEntity<Object> notAcceptable = new Handler().handleException(new HttpMediaTypeNotAcceptableException(List.of()), request);
            assertThat(notAcceptable.getStatusCode()).isEqualTo(HttpStatus.NOT_ACCEPTABLE);
            assertThat(seen.list).hasSize(1);
            assertThat(seen.list.get(0).getLevel().toString()).isEqualTo("ERROR");
            assertThat(seen.list.get(0).getFormattedMessage()).contains("/api/certificates/r1").contains("500").contains("HttpMessageNotWritableException");
            assertThat(seen.list.get(0).getThrowableProxy()).isNotNull();
        } finally {
            logger.detachAppender(seen);
        }
    }

    /** A 503's log line names its cause's type also when the cause has no message (it had ended in "null" or nothing). */
    @Test
    void aDatabaseUnavailableLineNamesItsCauseEvenWithoutAMessage() {
        Logger logger = (Logger) LoggerFactory.getLogger(DatabaseUnavailableResolver.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        try {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/series/series-1/registrations");
            var failure = new org.springframework.dao.DataAccessResourceFailureException("could not commit",
                    new java.sql.SQLTransientConnectionException());
            assertThat(new DatabaseUnavailableResolver().resolveException(request, new org.springframework.mock.web.MockHttpServletResponse(),
                    null, failure)).isNotNull();
            assertThat(seen.list).hasSize(1);
            assertThat(seen.list.get(0).getFormattedMessage()).endsWith("answered 503 database-unavailable: SQLTransientConnectionException");
            assertThat(ProblemHandler.rootDescription(new IllegalStateException("outer", new java.io.IOException("Broken pipe"))))
                    .isEqualTo("IOException: Broken pipe");
        } finally {
            logger.detachAppender(seen);
        }
    }
}
