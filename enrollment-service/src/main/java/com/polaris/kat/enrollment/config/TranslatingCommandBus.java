package com.polaris.kat.enrollment.config;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.callbacks.NoOpCallback;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;

import javax.annotation.Nonnull;

/**
 * The command bus as the service's command gateway sees it: the service's bus, with each failed
 * result translated back into the failure the domain and the web layer know
 * ({@link CommandFailures#fromTheWire}) before the gateway's retry decision and its caller see it.
 * A retry's dispatch carries {@link RetriedCommands#AFTER_CONFLICT}. Everything else is the service's bus itself.
 */
final class TranslatingCommandBus implements CommandBus {

    private final CommandBus delegate;
    private final boolean axonServer;
    private final RetriedCommands retried;

    /**
     * @param delegate   the service's command bus
     * @param axonServer whether commands go through Axon Server
     * @param retried    the retries the gateway's scheduler noted: their dispatch is marked {@link RetriedCommands#AFTER_CONFLICT}
     */
    TranslatingCommandBus(CommandBus delegate, boolean axonServer, RetriedCommands retried) {
        this.delegate = delegate;
        this.axonServer = axonServer;
        this.retried = retried;
    }

    @Override
    public <C> void dispatch(@Nonnull CommandMessage<C> command) {
        dispatch(command, NoOpCallback.INSTANCE);
    }

    @Override
    public <C, R> void dispatch(@Nonnull CommandMessage<C> command, @Nonnull CommandCallback<? super C, ? super R> callback) {
        delegate.<C, R>dispatch(retried.asDispatched(command), (message, result) -> callback.onResult(message, translate(result)));
    }

    private <R> CommandResultMessage<R> translate(CommandResultMessage<R> result) {
        if (!result.isExceptional()) {
            return result;
        }
        Throwable failure = result.exceptionResult();
        Throwable translated = CommandFailures.fromTheWire(failure, axonServer);
        return translated == failure ? result : GenericCommandResultMessage.asCommandResultMessage(translated);
    }

    @Override
    public Registration subscribe(@Nonnull String commandName, @Nonnull MessageHandler<? super CommandMessage<?>> handler) {
        return delegate.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(@Nonnull MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return delegate.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(@Nonnull MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return delegate.registerDispatchInterceptor(dispatchInterceptor);
    }
}
