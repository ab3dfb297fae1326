package com.polaris.kat.enrollment.config;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.rules.StreamUnreadable;
import com.polaris.kat.eventstore.MessagingAutoConfiguration;
import com.polaris.kat.eventstore.axonserver.AxonServerUnavailable;
import io.axoniq.axonserver.grpc.ErrorMessage;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.ErrorCode;
import org.axonframework.axonserver.connector.command.CommandSerializer;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command's failure crosses the wire as Axon Server carries it between instances (Axon's own
 * {@link CommandSerializer}, with the service's message serializer) and comes back as itself.
 */
class CommandFailuresTest {

    private final Serializer serializer = MessagingAutoConfiguration.eventJsonSerializer();
    private final CommandSerializer wire = new CommandSerializer(serializer, new AxonServerConfiguration());

    /** What the handling instance sends and the sending instance receives, through Axon Server's command response. */
    private Throwable acrossTheWire(Exception thrownByTheHandler) {
        Exception wrapped = CommandFailures.forTheWire(thrownByTheHandler);
        CommandResponse response = wire.serialize(GenericCommandResultMessage.asCommandResultMessage(wrapped), "request-1");
        CommandResultMessage<Object> received = wire.deserialize(response);
        assertThat(received.isExceptional()).isTrue();
        return received.exceptionResult();
    }

    @Test
    void aRefusalOfEachKindComesBackAsTheSameRefusal() {
        for (Refusal sent : new Refusal[]{
                Refusal.conflict("sold-out", "Series series-77 is sold out (10 of 10 seats taken)."),
                Refusal.invalid("late-choice-required", "The cutoff has passed. Choose \"CREDIT\" or \"REFUND\"."),
                Refusal.notFound("series-not-found", "There is no series series-404.")}) {
            Throwable received = acrossTheWire(sent);
            assertThat(received).as("what Axon Server delivers to the sender").isInstanceOf(CommandExecutionException.class);
            Throwable back = CommandFailures.fromTheWire(received, true);
            assertThat(back).isInstanceOf(Refusal.class);
            Refusal r = (Refusal) back;
            assertThat(r.kind()).isEqualTo(sent.kind());
            assertThat(r.type()).isEqualTo(sent.type());
            assertThat(r.getMessage()).isEqualTo(sent.getMessage());
            assertThat(ConflictRetryScheduler.isNotAWriteConflict(received)).as("a refusal is never retried").isTrue();
        }
    }

    @Test
    void aRefusalWrappedByAxonOnTheHandlingSideIsStillFound() {
        Exception wrapped = new org.axonframework.messaging.annotation.MessageHandlerInvocationException("handler failed",
                Refusal.conflict("already-registered", "Already registered."));
        Throwable back = CommandFailures.fromTheWire(acrossTheWire(wrapped), true);
        assertThat(back).isInstanceOf(Refusal.class).hasMessage("Already registered.");
        assertThat(((Refusal) back).type()).isEqualTo("already-registered");
    }

    @Test
    void anUnreadableStreamAndAMissingStreamComeBackAsThemselves() {
        Throwable unreadable = CommandFailures.fromTheWire(acrossTheWire(new StreamUnreadable("series-5", 12, "com.example.NewEvent")), true);
        assertThat(unreadable).isInstanceOf(StreamUnreadable.class);
        assertThat(((StreamUnreadable) unreadable).aggregateId()).isEqualTo("series-5");
        assertThat(((StreamUnreadable) unreadable).sequenceNumber()).isEqualTo(12);
        assertThat(((StreamUnreadable) unreadable).eventType()).isEqualTo("com.example.NewEvent");

        Throwable missing = CommandFailures.fromTheWire(acrossTheWire(new AggregateNotFoundException("reg-1", "The aggregate was not found")), true);
        assertThat(missing).isInstanceOf(AggregateNotFoundException.class);
        assertThat(((AggregateNotFoundException) missing).getAggregateIdentifier()).isEqualTo("reg-1");
    }

    @Test
    void anAxonServerSequenceConflictOnAnotherInstanceComesBackAsAConflictAndIsRetried() {
        // the handling instance's append failed at commit: the connector's ConcurrencyException, no details
        Exception conflict = (Exception) ErrorCode.INVALID_EVENT_SEQUENCE.convert(ErrorMessage.newBuilder()
                .setMessage("[AXONIQ-2000] Invalid sequence number 4 for aggregate series-77, expected 5").build());
        Throwable received = acrossTheWire(conflict);
        assertThat(ConflictRetryScheduler.isNotAWriteConflict(received)).as("retried as it arrives").isFalse();
        Throwable back = CommandFailures.fromTheWire(received, true);
        assertThat(back).isInstanceOf(ConcurrencyException.class);
        assertThat(ConflictRetryScheduler.isNotAWriteConflict(back)).isFalse();
    }

    /** Found by AxonServerScaleOutTest: a class day that moved away while a series joined it answered 500 in Axon Server mode. */
    @Test
    void aConflictARuleFindsOnTheHandlingInstanceComesBackAsAConflictAndIsRetried() {
        Exception thrown = new org.axonframework.messaging.annotation.MessageHandlerInvocationException("handler failed",
                new ConcurrencyException("class day M1-2030-01-07 moved to 2030-01-08 while a series was joining it on 2030-01-07; retried"));
        Throwable received = acrossTheWire(thrown);
        assertThat(ConflictRetryScheduler.isNotAWriteConflict(received)).as("retried as it arrives").isFalse();
        Throwable back = CommandFailures.fromTheWire(received, true);
        assertThat(back).isInstanceOf(ConcurrencyException.class).hasMessageContaining("moved to 2030-01-08");
        assertThat(ConflictRetryScheduler.isNotAWriteConflict(back)).isFalse();
    }

    @Test
    void postgresConflictsStayConflicts() {
        ConcurrencyException pg = new ConcurrencyException("duplicate", new java.sql.SQLException("duplicate key", "23505"));
        assertThat(CommandFailures.fromTheWire(pg, false)).isSameAs(pg);
        assertThat(ConflictRetryScheduler.isNotAWriteConflict(pg)).isFalse();
    }

    @Test
    void axonServerUnreachableBecomesUnavailable() {
        Throwable dispatch = ErrorCode.COMMAND_DISPATCH_ERROR.convert(ErrorMessage.newBuilder().setMessage("[AXONIQ-4003] not connected").build());
        assertThat(CommandFailures.fromTheWire(dispatch, true)).isInstanceOf(AxonServerUnavailable.class).hasCause(dispatch);
        assertThat(ConflictRetryScheduler.isNotAWriteConflict(dispatch)).as("not retried: answered 503 at once").isTrue();
        NoHandlerForCommandException noHandler = new NoHandlerForCommandException("No Handler for command: RegisterForSeries");
        assertThat(CommandFailures.fromTheWire(noHandler, true)).as("no instance subscribed yet, Axon Server mode").isInstanceOf(AxonServerUnavailable.class);
        assertThat(CommandFailures.fromTheWire(noHandler, false)).as("PostgreSQL mode: a wiring error, unchanged").isSameAs(noHandler);
    }

    @Test
    void anyOtherFailureIsUnchanged() {
        IllegalStateException bug = new IllegalStateException("a bug");
        assertThat(CommandFailures.forTheWire(bug)).isSameAs(bug);
        assertThat(CommandFailures.fromTheWire(bug, true)).isSameAs(bug);
    }
}
