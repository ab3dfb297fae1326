package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.config.CommandFailures;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.rules.StreamUnreadable;
import com.polaris.kat.eventstore.MessagingAutoConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.command.CommandSerializer;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal is the same problem response in both modes: the response to a refusal thrown in this
 * JVM (PostgreSQL mode's old path) equals the response to the same refusal after it crossed the wire
 * as Axon Server carries it between instances (Axon's command serializer, the service's serializer).
 */
class ProblemsAcrossTheWireTest {

    private final ProblemResponses problems = new ProblemResponses(new SimpleMeterRegistry());
    private final CommandSerializer wire = new CommandSerializer(MessagingAutoConfiguration.eventJsonSerializer(), new AxonServerConfiguration());

    private Throwable acrossTheWire(Exception thrownByTheHandler) {
        CommandResultMessage<Object> received = wire.deserialize(wire.serialize(
                GenericCommandResultMessage.asCommandResultMessage(CommandFailures.forTheWire(thrownByTheHandler)), "request-1"));
        return CommandFailures.fromTheWire(received.exceptionResult(), true);
    }

    @Test
    void aRefusalGivesTheSameProblemResponseAfterCrossingTheWire() {
        for (Refusal refusal : List.of(
                Refusal.conflict("sold-out", "Series series-77 is sold out: all 10 seats are taken."),
                Refusal.conflict("already-registered", "This clinician already holds an active registration in series-77."),
                Refusal.invalid("invalid-capacity", "The seat capacity must be at least 1."),
                Refusal.invalid("late-choice-required", "The cutoff has passed. Choose \"CREDIT\" or \"REFUND\"."),
                Refusal.notFound("series-not-found", "There is no series series-404."),
                Refusal.invalidField("payment-mismatch", "payment.amountPaidCents", "The price due is 2175.00 (series 2100.00 + CE option "
                        + "75.00); with credit 1000.00 applied, the payment must be 1175.00, not 500.00.")
                        .with("priceDueCents", 217_500L).with("creditAppliedCents", 100_000L).with("paymentDueCents", 117_500L))) {
            ResponseEntity<ProblemDetail> here = problems.refused(refusal);
            ResponseEntity<ProblemDetail> there = problems.refused((Refusal) acrossTheWire(refusal));
            assertThat(there.getStatusCode()).isEqualTo(here.getStatusCode());
            assertThat(there.getBody()).isEqualTo(here.getBody());
            assertThat(there.getHeaders()).isEqualTo(here.getHeaders());
        }
        ProblemDetail mismatch = problems.refused((Refusal) acrossTheWire(Refusal.invalidField("payment-mismatch", "payment.amountPaidCents", "x")
                .with("paymentDueCents", 117_500L))).getBody();
        assertThat(mismatch.getProperties()).containsEntry("field", "payment.amountPaidCents").containsEntry("paymentDueCents", 117_500L);
    }

    @Test
    void anUnreadableStreamGivesTheSameProblemResponseAfterCrossingTheWire() {
        StreamUnreadable unreadable = new StreamUnreadable("series-5", 12, "com.example.NewEvent");
        ResponseEntity<ProblemDetail> here = problems.unreadable(unreadable);
        ResponseEntity<ProblemDetail> there = problems.unreadable((StreamUnreadable) acrossTheWire(unreadable));
        assertThat(there.getStatusCode().value()).isEqualTo(503);
        assertThat(there.getBody()).isEqualTo(here.getBody());
        assertThat(there.getHeaders()).isEqualTo(here.getHeaders());
    }
}
