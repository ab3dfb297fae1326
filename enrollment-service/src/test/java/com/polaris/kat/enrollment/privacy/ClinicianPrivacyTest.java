package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.events.privacy.PrivacyCommands.RequestErasure;
import com.polaris.kat.events.privacy.PrivacyCommands.ShredCeIdentity;
import com.polaris.kat.events.privacy.PrivacyEvents.ClinicianCeIdentityShredded;
import com.polaris.kat.events.privacy.PrivacyEvents.ClinicianContactDetailsShredded;
import com.polaris.kat.events.privacy.PrivacyEvents.ClinicianErasureRequested;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static com.polaris.kat.enrollment.support.RefusalMatchers.refusal;
import static org.assertj.core.api.Assertions.assertThat;

/** An erasure request shreds the contact details at once and the CE identity when its retention ends (issue 13). */
class ClinicianPrivacyTest {

    static final Instant LAST_CE = Instant.parse("2023-12-18T23:00:00Z");
    static final Instant ASKED = Instant.parse("2024-03-01T10:00:00Z");
    static final Instant RETAINED_UNTIL = Instant.parse("2029-12-18T23:00:00Z");

    /** Records what the aggregate shreds (production: VaultShredding, tested against PostgreSQL in ErasureHttpTest). */
    static final class RecordedShredding implements Shredding {
        final List<String> shredded = new ArrayList<>();
        int liveContactKeys = 1;
        /** The last CE event the request finds (production: CeRecords, read after the contact shredding). */
        Instant lastCe = LAST_CE;

        /** The order of the calls that matter for a registration racing the request. */
        final List<String> calls = new ArrayList<>();

        @Override
        public java.util.Optional<Instant> lastCeEventAt(String clinicianId) {
            calls.add("read last CE event");
            return java.util.Optional.ofNullable(lastCe);
        }

        @Override
        public int contactDetails(String clinicianId, Instant now) {
            calls.add("shred contact keys");
            if (liveContactKeys == 0) {
                return 0;
            }
            shredded.add("contact " + clinicianId + " " + now);
            int n = liveContactKeys;
            liveContactKeys = 0;
            return n;
        }

        @Override
        public int ceIdentity(String clinicianId, Instant requestedAt, Instant now) {
            shredded.add("identity " + clinicianId + " up to " + requestedAt + " at " + now);
            return 1;
        }
    }

    private final RecordedShredding shredding = new RecordedShredding();

    private AggregateTestFixture<ClinicianPrivacy> at(Instant now) {
        AggregateTestFixture<ClinicianPrivacy> f = new AggregateTestFixture<>(ClinicianPrivacy.class);
        f.registerInjectableResource(Clock.fixed(now, ZoneOffset.UTC));
        f.registerInjectableResource(shredding);
        return f;
    }

    @BeforeEach
    void clear() {
        shredding.shredded.clear();
        shredding.calls.clear();
        shredding.liveContactKeys = 1;
        shredding.lastCe = LAST_CE;
    }

    @Test
    void aRequestIsRecordedWithItsReasonAndTheContactDetailsAreShreddedAtOnce() {
        at(ASKED).givenNoPriorActivity()
                .when(new RequestErasure("clin-1", "GDPR art. 17, ticket PRIV-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ClinicianErasureRequested("clin-1", "GDPR art. 17, ticket PRIV-1", ASKED, LAST_CE, RETAINED_UNTIL),
                        new ClinicianContactDetailsShredded("clin-1", 1, ASKED))
                .expectResultMessagePayload(new ClinicianPrivacy.Erasure(LAST_CE, RETAINED_UNTIL, false));
        assertThat(shredding.shredded).containsExactly("contact clin-1 " + ASKED);
    }

    /**
     * The last CE event is read after the contact keys' shredding, whose statement waits for a registration sealing with
     * them: a registration committed just before the request counts. A fresh reviewer's erasure 15 ms after a registration
     * (its last CE event read before, by the endpoint) found no CE record and erased the new registrant's name and license.
     */
    @Test
    void theLastCeEventIsReadAfterTheContactKeysAreShredded() {
        at(ASKED).givenNoPriorActivity().when(new RequestErasure("clin-1", "GDPR art. 17, ticket PRIV-3")).expectSuccessfulHandlerExecution();
        assertThat(shredding.calls).containsExactly("shred contact keys", "read last CE event");
    }

    @Test
    void aSecondRequestIsRefusedAndShredsNothing() {
        shredding.liveContactKeys = 0;
        at(ASKED).given(new ClinicianErasureRequested("clin-1", "first", ASKED, LAST_CE, RETAINED_UNTIL),
                        new ClinicianContactDetailsShredded("clin-1", 1, ASKED))
                .when(new RequestErasure("clin-1", "again"))
                .expectNoEvents()
                .expectException(refusal("erasure-already-requested"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("their CE identity (name and license) is erased when its retention ends, " + RETAINED_UNTIL + "."));
        assertThat(shredding.shredded).isEmpty();
    }

    /** Review finding: a second request for a clinician only ever on a waitlist said the identity "follows"; it was gone. */
    @Test
    void aSecondRequestAfterTheIdentityWasErasedSaysSo() {
        shredding.liveContactKeys = 0;
        shredding.lastCe = null;
        at(ASKED.plusSeconds(60)).given(new ClinicianErasureRequested("clin-1", "first", ASKED, null, null),
                        new ClinicianContactDetailsShredded("clin-1", 1, ASKED),
                        new ClinicianCeIdentityShredded("clin-1", null, null, 1, ASKED))
                .when(new RequestErasure("clin-1", "again"))
                .expectNoEvents()
                .expectException(refusal("erasure-already-requested"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("their CE identity (name and license) is already erased too."));
        assertThat(shredding.shredded).isEmpty();
    }

    /** Review finding: a clinician who registered again after an erasure had new contact details nobody could erase. */
    @Test
    void aRequestAfterTheClinicianRegisteredAgainErasesTheNewContactDetails() {
        Instant later = ASKED.plusSeconds(86_400);
        at(later).given(new ClinicianErasureRequested("clin-1", "first", ASKED, LAST_CE, RETAINED_UNTIL),
                        new ClinicianContactDetailsShredded("clin-1", 1, ASKED))
                .when(new RequestErasure("clin-1", "registered again, erase again"))
                .expectEvents(new ClinicianErasureRequested("clin-1", "registered again, erase again", later, LAST_CE, RETAINED_UNTIL),
                        new ClinicianContactDetailsShredded("clin-1", 1, later));
        assertThat(shredding.shredded).containsExactly("contact clin-1 " + later);
    }

    @Test
    void aRequestWithoutAReasonIsRefused() {
        at(ASKED).givenNoPriorActivity()
                .when(new RequestErasure("clin-1", " "))
                .expectNoEvents()
                .expectException(refusal("invalid-erasure-request"));
        assertThat(shredding.shredded).isEmpty();
    }

    @Test
    void theCeIdentityIsKeptUntilSixYearsAfterTheLastCeEvent() {
        at(RETAINED_UNTIL.minusSeconds(1)).given(new ClinicianErasureRequested("clin-1", "r", ASKED, LAST_CE, RETAINED_UNTIL))
                .when(new ShredCeIdentity("clin-1", LAST_CE))
                .expectNoEvents()
                .expectException(refusal("retention-not-over"));
        assertThat(shredding.shredded).isEmpty();
    }

    @Test
    void whenRetentionEndsTheCeIdentityKeysMadeUpToTheRequestAreShreddedOnce() {
        at(RETAINED_UNTIL).given(new ClinicianErasureRequested("clin-1", "r", ASKED, LAST_CE, RETAINED_UNTIL),
                        new ClinicianContactDetailsShredded("clin-1", 1, ASKED))
                .when(new ShredCeIdentity("clin-1", LAST_CE))
                .expectEvents(new ClinicianCeIdentityShredded("clin-1", LAST_CE, RETAINED_UNTIL, 1, RETAINED_UNTIL))
                .expectResultMessagePayload(true);
        assertThat(shredding.shredded).containsExactly("identity clin-1 up to " + ASKED + " at " + RETAINED_UNTIL);

        shredding.shredded.clear();
        at(RETAINED_UNTIL.plusSeconds(60)).given(new ClinicianErasureRequested("clin-1", "r", ASKED, LAST_CE, RETAINED_UNTIL),
                        new ClinicianCeIdentityShredded("clin-1", LAST_CE, RETAINED_UNTIL, 1, RETAINED_UNTIL))
                .when(new ShredCeIdentity("clin-1", LAST_CE))
                .expectNoEvents()
                .expectResultMessagePayload(false);
        assertThat(shredding.shredded).isEmpty();
    }

    @Test
    void aCeEventAfterTheRequestMovesTheEndOfRetention() {
        Instant later = Instant.parse("2024-06-01T00:00:00Z"); // e.g. a make-up attended after the request
        at(RETAINED_UNTIL.plusSeconds(1)).given(new ClinicianErasureRequested("clin-1", "r", ASKED, LAST_CE, RETAINED_UNTIL))
                .when(new ShredCeIdentity("clin-1", later))
                .expectNoEvents()
                .expectException(refusal("retention-not-over"));
    }

    /**
     * The job found the last CE event six years old, but one was recorded before its command ran (an attendance correction
     * on an old registration): the command reads the record again in its own transaction and keeps the identity.
     */
    @Test
    void aCeEventRecordedAfterTheJobReadTheRecordMovesTheEndOfRetention() {
        Instant corrected = RETAINED_UNTIL.minusSeconds(30); // recorded after the job's read, before its command
        shredding.lastCe = corrected;
        at(RETAINED_UNTIL.plusSeconds(1)).given(new ClinicianErasureRequested("clin-1", "r", ASKED, LAST_CE, RETAINED_UNTIL))
                .when(new ShredCeIdentity("clin-1", LAST_CE))
                .expectNoEvents()
                .expectException(refusal("retention-not-over"));
        assertThat(shredding.shredded).isEmpty();
        assertThat(shredding.calls).containsExactly("read last CE event");
    }

    /**
     * A clinician only ever on a waitlist has no CE record, so nothing their name and license serve (product rules,
     * "Personal data"): both parts are shredded with the request (a fresh reviewer saw them kept six years from the
     * request's own time).
     */
    @Test
    void withoutACeRecordTheCeIdentityIsShreddedWithTheRequest() {
        shredding.lastCe = null;
        at(ASKED).givenNoPriorActivity()
                .when(new RequestErasure("clin-1", "GDPR art. 17, ticket PRIV-2"))
                .expectEvents(new ClinicianErasureRequested("clin-1", "GDPR art. 17, ticket PRIV-2", ASKED, null, null),
                        new ClinicianContactDetailsShredded("clin-1", 1, ASKED),
                        new ClinicianCeIdentityShredded("clin-1", null, null, 1, ASKED))
                .expectResultMessagePayload(new ClinicianPrivacy.Erasure(null, null, true));
        assertThat(shredding.shredded).containsExactly("contact clin-1 " + ASKED, "identity clin-1 up to " + ASKED + " at " + ASKED);
    }

    /** A request made after the retention of the last CE event ended does not wait for the job. */
    @Test
    void aRequestAfterTheRetentionEndedShredsTheCeIdentityAtOnce() {
        at(RETAINED_UNTIL).givenNoPriorActivity()
                .when(new RequestErasure("clin-1", "r"))
                .expectEvents(new ClinicianErasureRequested("clin-1", "r", RETAINED_UNTIL, LAST_CE, RETAINED_UNTIL),
                        new ClinicianContactDetailsShredded("clin-1", 1, RETAINED_UNTIL),
                        new ClinicianCeIdentityShredded("clin-1", LAST_CE, RETAINED_UNTIL, 1, RETAINED_UNTIL))
                .expectResultMessagePayload(new ClinicianPrivacy.Erasure(LAST_CE, RETAINED_UNTIL, true));
    }

    /**
     * After the identity was shredded the clinician registered again (new keys): a new request erases the new contact
     * details, and the new identity keys are shredded when the new record's retention ends, not kept for ever.
     */
    @Test
    void aRequestAfterTheIdentityWasShreddedCoversTheIdentityKeysMadeSince() {
        Instant again = RETAINED_UNTIL.plusSeconds(86_400);
        Instant newLastCe = again.minusSeconds(3_600);
        Instant newUntil = CeRetention.retainedUntil(newLastCe);
        at(newUntil).given(new ClinicianErasureRequested("clin-1", "r", ASKED, LAST_CE, RETAINED_UNTIL),
                        new ClinicianContactDetailsShredded("clin-1", 1, ASKED),
                        new ClinicianCeIdentityShredded("clin-1", LAST_CE, RETAINED_UNTIL, 1, RETAINED_UNTIL),
                        new ClinicianErasureRequested("clin-1", "registered again", again, newLastCe, newUntil),
                        new ClinicianContactDetailsShredded("clin-1", 1, again))
                .when(new ShredCeIdentity("clin-1", newLastCe))
                .expectEvents(new ClinicianCeIdentityShredded("clin-1", newLastCe, newUntil, 1, newUntil))
                .expectResultMessagePayload(true);
        assertThat(shredding.shredded).containsExactly("identity clin-1 up to " + again + " at " + newUntil);
    }
}
