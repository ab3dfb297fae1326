package com.polaris.kat.enrollment.config;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * Events applied while a deadline is handled carry the deadline message's metadata (actor, correlation
 * id) like events applied by a command: Axon's db-scheduler deadline manager runs the handler in a unit
 * of work of its own, without the correlation data providers the command bus has, so its events had
 * empty metadata (found by WaitlistHttpTest). Registers the same providers as a handler interceptor.
 */
@Configuration
public class DeadlineCorrelation {

    /**
     * @param deadlines Axon's deadline manager (the db-scheduler one, from Axon's auto-configuration)
     * @param providers the correlation data providers of the application (actor, correlation id, idempotency key, reason)
     */
    public DeadlineCorrelation(DeadlineManager deadlines, List<CorrelationDataProvider> providers) {
        deadlines.registerHandlerInterceptor(new CorrelationDataInterceptor<>(providers));
    }
}
