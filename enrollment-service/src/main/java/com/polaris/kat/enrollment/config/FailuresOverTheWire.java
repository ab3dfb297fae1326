package com.polaris.kat.enrollment.config;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import javax.annotation.Nonnull;

/**
 * Handler interceptor on the command bus (in Axon Server mode: the local segment that runs the commands
 * routed to this instance): a domain failure leaves the handler as a {@code CommandExecutionException}
 * with serializable details ({@link CommandFailures#forTheWire}), so it reaches the sender as itself.
 * The unit of work still rolls back: nothing the command did is kept.
 */
@Component
public class FailuresOverTheWire {

    /**
     * Registers itself on the service's command bus, once: it is no {@code MessageHandlerInterceptor} bean,
     * which Axon's Spring Boot auto-configuration would register a second time.
     */
    public FailuresOverTheWire(CommandBus commandBus) {
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = this::handle;
        commandBus.registerHandlerInterceptor(interceptor);
    }

    /** Runs the command; a failure leaves as {@link CommandFailures#forTheWire}. */
    public Object handle(@Nonnull UnitOfWork<? extends CommandMessage<?>> unitOfWork, @Nonnull InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (Exception e) {
            throw CommandFailures.forTheWire(e);
        }
    }
}
