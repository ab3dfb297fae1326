package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.eventstore.RequestMetadata;
import com.polaris.kat.events.privacy.PrivacyCommands.ShredCeIdentity;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * One pass of the retention job: every erasure request whose CE identity is still kept is checked
 * against its clinician's last CE event now (a CE event after the request moves the end); where the
 * six years have passed ({@link CeRetention}) the identity is shredded ({@code ShredCeIdentity}, actor
 * {@value #ACTOR}). Run by the scheduled task of {@link RetentionSchedule}; logs pseudonymous ids only.
 */
@Component
public class RetentionSweep {

    /** The actor of the commands the job sends. */
    public static final String ACTOR = "system:retention-job";
    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);

    private final ErasureRegister register;
    private final CeRecords records;
    private final CommandGateway commands;
    private final Clock clock;

    public RetentionSweep(ErasureRegister register, CeRecords records, CommandGateway commands, Clock clock) {
        this.register = register;
        this.records = records;
        this.commands = commands;
        this.clock = clock;
    }

    /** @return how many CE identities were shredded in this pass */
    public int run() {
        int shredded = 0;
        Instant now = clock.instant();
        for (String clinicianId : register.identitiesKept()) {
            Optional<Instant> last = records.lastCeEventAt(clinicianId);
            if (!CeRetention.isOver(last.orElse(null), now)) {
                continue;
            }
            Boolean done = commands.sendAndWait(new ShredCeIdentity(clinicianId, last.orElse(null)), MetaData.with(RequestMetadata.ACTOR, ACTOR));
            if (Boolean.TRUE.equals(done)) {
                shredded++;
                log.info("retention ended: CE identity of clinician {} shredded", clinicianId);
            }
        }
        return shredded;
    }
}
