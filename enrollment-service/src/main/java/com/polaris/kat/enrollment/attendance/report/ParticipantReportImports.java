package com.polaris.kat.enrollment.attendance.report;

import com.polaris.kat.security.strict.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code kat.participant-reports.concurrent-imports} (default 2) participant-report uploads are read and
 * imported at once; the others wait, before their body is read, up to {@code kat.participant-reports.wait-seconds}
 * (default 30) for their turn, and are then answered {@code 503 participant-report-busy} with {@code Retry-After: 5},
 * nothing imported. Reason: an import holds its file (up to 4 MiB) and its rows in memory; a reviewer's 48 simultaneous
 * 3.9 MB uploads had exhausted the service's 160 MiB heap (docs/decisions.md). A permit is a JDK {@link Semaphore}
 * (fair: first come, first served), a bound on concurrency, not a rate limit.
 */
@Configuration
public class ParticipantReportImports {

    /** The filter, right after the body size check (which reads no body that declares its length). */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> participantReportImportsFilter(
            @Value("${kat.participant-reports.concurrent-imports:2}") int concurrent,
            @Value("${kat.participant-reports.wait-seconds:30}") long waitSeconds) {
        Semaphore permits = new Semaphore(concurrent, true);
        FilterRegistrationBean<OncePerRequestFilter> r = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (!"POST".equals(request.getMethod()) || !request.getRequestURI().endsWith("/participant-reports")) {
                    chain.doFilter(request, response);
                    return;
                }
                boolean turn;
                try {
                    turn = permits.tryAcquire(waitSeconds, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    turn = false;
                }
                if (!turn) {
                    response.setHeader("Retry-After", "5");
                    Problems.write(response, 503, "participant-report-busy", "Other reports are being imported",
                            "Other participant reports are being imported; nothing was imported. Send the file again in a few seconds.",
                            request.getRequestURI(), Map.of());
                    return;
                }
                try {
                    chain.doFilter(request, response);
                } finally {
                    permits.release();
                }
            }
        });
        r.addUrlPatterns("/api/class-days/*");
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return r;
    }
}
