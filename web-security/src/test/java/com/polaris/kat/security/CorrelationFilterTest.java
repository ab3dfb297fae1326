package com.polaris.kat.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A failure no handler answered is logged with the request's correlation id, and answered from the error path. */
class CorrelationFilterTest {

    @Test
    void aFailureThatEscapesTheChainIsLoggedWithTheCorrelationIdAndBecomesA500() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(CorrelationFilter.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/catalog/series");
            request.addHeader(CorrelationFilter.HEADER, "report-me-1");
            MockHttpServletResponse response = new MockHttpServletResponse();
            new CorrelationFilter().doFilter(request, response, (req, res) -> {
                throw new IllegalStateException("a fault of the service");
            });
            assertThat(response.getStatus()).isEqualTo(500);
            assertThat(response.isCommitted()).isTrue();
            assertThat(response.getHeader(CorrelationFilter.HEADER)).isEqualTo("report-me-1");
            assertThat(lines.list).hasSize(1);
            ILoggingEvent line = lines.list.get(0);
            assertThat(line.getLevel().toString()).isEqualTo("ERROR");
            assertThat(line.getMDCPropertyMap()).containsEntry(CorrelationFilter.MDC_KEY, "report-me-1");
            assertThat(line.getThrowableProxy().getMessage()).isEqualTo("a fault of the service");
        } finally {
            logger.detachAppender(lines);
        }
    }
}
