package com.polaris.kat.enrollment.credit;

import com.polaris.kat.eventstore.RequestMetadata;
import com.polaris.kat.events.credit.CreditCommands.IssueCredit;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * Turns a cancellation's credit into the clinician's balance. A streaming processor with its token
 * in the database: it keeps trying until the credit is issued, and the credit id (the cancelled
 * registration) makes a second delivery a no-op.
 */
@Component
@ProcessingGroup("credit-issuer")
public class CreditIssuer {

    private final CommandGateway commands;

    public CreditIssuer(CommandGateway commands) {
        this.commands = commands;
    }

    public static String creditIdFor(String registrationId) {
        return "cancellation:" + registrationId;
    }

    @EventHandler
    void on(RegistrationCancelled e, MetaData cause) {
        if (!e.decision().creditIssued().isPositive()) {
            return;
        }
        MetaData m = MetaData.with(RequestMetadata.ACTOR, "system:credit-issuer");
        Object correlation = cause.get(RequestMetadata.CORRELATION_ID);
        commands.sendAndWait(new IssueCredit(e.clinicianId(), creditIdFor(e.registrationId()), e.decision().creditIssued(),
                e.seriesId(), e.registrationId(), e.decision().requestedAt()), correlation == null ? m : m.and(RequestMetadata.CORRELATION_ID, correlation));
    }
}
