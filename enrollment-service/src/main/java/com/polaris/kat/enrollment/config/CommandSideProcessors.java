package com.polaris.kat.enrollment.config;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The command side's streaming processor ({@code erasure-waitlist}) carries out a step that must happen (an erased
 * clinician leaves the waitlists). A handler that fails
 * (a write conflict, the database gone for a moment) fails its batch: the processor releases its claim and retries
 * from its token with Axon's back-off, instead of Axon's default for handlers, which logs the failure and goes on
 * past the event (the step would then never happen). Handlers catch the refusals that mean "nothing to do" themselves.
 */
@Configuration(proxyBeanMethods = false)
public class CommandSideProcessors {

    /** Every handler failure on the command side propagates to its processor (Axon's {@link PropagatingErrorHandler}). */
    @Autowired
    void failuresAreRetried(EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
