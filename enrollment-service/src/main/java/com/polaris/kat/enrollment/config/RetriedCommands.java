package com.polaris.kat.enrollment.config;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which dispatches are retries after a write conflict, told to the handler in the command's metadata
 * ({@value #AFTER_CONFLICT} = true), so it crosses Axon Server to whichever instance handles the retry.
 * <p>
 * Lets a handler leave a check that only a conflict can make necessary to the retry: a new registration's
 * stream is started without first asking the store whether its (client-chosen) id already names one; when
 * it does, the append collides on the stream's first sequence number, the command is retried as a write
 * conflict, and the retry asks the store and refuses (issue 12's profile: one of a registration's five
 * database round trips).
 * <p>
 * {@link ConflictRetryScheduler} notes a command message's id when it schedules its retry;
 * {@link TranslatingCommandBus} takes the note off when the retry is dispatched and adds the metadata. A
 * note lives from the scheduling of a retry to its dispatch (milliseconds); none is kept otherwise.
 */
public final class RetriedCommands {

    /** Metadata key (Boolean): this dispatch of the command is a retry after a write conflict. */
    public static final String AFTER_CONFLICT = "kat.afterConflict";

    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

    /** Notes that the command with this message id is about to be retried. */
    void retryScheduled(String commandMessageId) {
        scheduled.add(commandMessageId);
    }

    /** Takes the note back when the retry was not scheduled after all. */
    void retryNotScheduled(String commandMessageId) {
        scheduled.remove(commandMessageId);
    }

    /** The command as it is to be dispatched now: with {@value #AFTER_CONFLICT} when this dispatch is a noted retry. */
    <C> CommandMessage<C> asDispatched(CommandMessage<C> command) {
        return scheduled.remove(command.getIdentifier()) ? command.andMetaData(Map.of(AFTER_CONFLICT, Boolean.TRUE)) : command;
    }

    /** True when the command being handled in the current unit of work is a retry after a write conflict. */
    public static boolean handlingARetry() {
        return CurrentUnitOfWork.isStarted()
                && Boolean.TRUE.equals(CurrentUnitOfWork.get().root().getMessage().getMetaData().get(AFTER_CONFLICT));
    }
}
