package com.polaris.kat.eventstore.evolution;

import com.polaris.kat.events.livesession.LiveSessionEvents.LiveSessionsHeld;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Places held before their dates were recorded (revision 1's pinned sample) read with no dates; the current revision's with them. */
class LiveSessionsHeldDatesTest {

    @Test
    void placesHeldBeforeDatesWereRecordedReadWithoutDatesAndTheCurrentOnesWithThem() throws Exception {
        LiveSessionsHeld old = PinnedSamples.read(LiveSessionsHeld.class, "1");
        assertThat(old.classDayIds()).containsExactly("classDayIds-1");
        assertThat(old.seriesNumber()).isEqualTo(3);
        assertThat(old.classDates()).isNull();
        LiveSessionsHeld current = PinnedSamples.read(LiveSessionsHeld.class, "2");
        assertThat(current.classDates()).containsExactly(LocalDate.parse("2023-10-10"));
        assertThat(current.classDayIds()).isEqualTo(List.of("classDayIds-1"));
    }

    /** A move recorded before its reason was (revision 1) reads with no reason; the current revision with it. */
    @Test
    void aMoveRecordedBeforeItsReasonReadsWithoutOne() throws Exception {
        var old = PinnedSamples.read(com.polaris.kat.events.livesession.LiveSessionEvents.LiveSessionMoved.class, "1");
        assertThat(old.reason()).isNull();
        assertThat(old.toDate()).isEqualTo(LocalDate.parse("2023-10-10"));
        assertThat(PinnedSamples.read(com.polaris.kat.events.livesession.LiveSessionEvents.LiveSessionMoved.class, "2").reason()).isEqualTo("reason-1");
    }
}
