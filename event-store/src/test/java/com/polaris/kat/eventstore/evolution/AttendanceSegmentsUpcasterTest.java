package com.polaris.kat.eventstore.evolution;

import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceCorrected;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceRecorded;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditEarned;
import com.polaris.kat.events.attendance.AttendanceSegment;
import com.polaris.kat.eventstore.MessagingAutoConfiguration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pinned revision-1 samples of the attendance events (one joined/left pair) read as revision 2
 * with that pair as their one segment; a revision-1 record of minutes only has no segment.
 */
class AttendanceSegmentsUpcasterTest {

    private static final Path SAMPLES = Path.of("src/test/resources/event-samples");
    private static final Instant T = Instant.parse("2023-10-10T16:04:00Z");

    private static Object read(String type, String revision, byte[] json) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Registration", "r-1", 0, "e-1", "2023-10-10T16:04:00Z",
                type, revision, json, "{}".getBytes(StandardCharsets.UTF_8));
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry), MessagingAutoConfiguration.eventJsonSerializer(),
                EventUpcasters.chain()).next().getPayload();
    }

    private static Object readSample(Class<?> type) throws Exception {
        return read(type.getName(), "1", Files.readAllBytes(SAMPLES.resolve(type.getName() + "@1.json")));
    }

    @Test
    void aRevisionOneCheckInBecomesItsOneSegment() throws Exception {
        AttendanceRecorded recorded = (AttendanceRecorded) readSample(AttendanceRecorded.class);
        assertThat(recorded.segments()).containsExactly(new AttendanceSegment(recorded.joinedAt(), recorded.leftAt()));
        assertThat(recorded.joinedAt()).isEqualTo(T);
        assertThat(recorded.sourceFileSha256()).isNull();
        AttendanceCorrected corrected = (AttendanceCorrected) readSample(AttendanceCorrected.class);
        assertThat(corrected.segments()).containsExactly(new AttendanceSegment(T, T));
        assertThat(corrected.reason()).isEqualTo("reason-1");
    }

    /** Revision 3 keeps the segments as given when overlapping ones were merged; revisions 1 and 2 read it as not recorded. */
    @Test
    void revisionsOneAndTwoReadTheSegmentsAsGivenAsNotRecorded() throws Exception {
        for (Class<?> type : List.of(AttendanceRecorded.class, AttendanceCorrected.class)) {
            for (String revision : List.of("1", "2")) {
                Object event = read(type.getName(), revision, Files.readAllBytes(SAMPLES.resolve(type.getName() + "@" + revision + ".json")));
                Object asGiven = type == AttendanceRecorded.class ? ((AttendanceRecorded) event).segmentsAsGiven()
                        : ((AttendanceCorrected) event).segmentsAsGiven();
                assertThat(asGiven).as(type.getSimpleName() + "@" + revision).isNull();
            }
        }
        AttendanceRecorded current = (AttendanceRecorded) read(AttendanceRecorded.class.getName(), "3",
                Files.readAllBytes(SAMPLES.resolve(AttendanceRecorded.class.getName() + "@3.json")));
        assertThat(current.segmentsAsGiven()).containsExactly(new AttendanceSegment(T, T));
    }

    /**
     * Revision 4 records whether the day was attended in full by the rule in force ({@code inFull}); revisions 1 to 3 read
     * it as not recorded, and keep what they held (the segments, the segments as given).
     */
    @Test
    void revisionsOneToThreeReadTheInFullJudgementAsNotRecorded() throws Exception {
        for (Class<?> type : List.of(AttendanceRecorded.class, AttendanceCorrected.class)) {
            for (String revision : List.of("1", "2", "3")) {
                Object event = read(type.getName(), revision, Files.readAllBytes(SAMPLES.resolve(type.getName() + "@" + revision + ".json")));
                Object inFull = type == AttendanceRecorded.class ? ((AttendanceRecorded) event).inFull() : ((AttendanceCorrected) event).inFull();
                assertThat(inFull).as(type.getSimpleName() + "@" + revision).isNull();
            }
        }
        AttendanceRecorded three = (AttendanceRecorded) read(AttendanceRecorded.class.getName(), "3",
                Files.readAllBytes(SAMPLES.resolve(AttendanceRecorded.class.getName() + "@3.json")));
        assertThat(three.segments()).containsExactly(new AttendanceSegment(T, T));
        AttendanceCorrected current = (AttendanceCorrected) read(AttendanceCorrected.class.getName(), "4",
                Files.readAllBytes(SAMPLES.resolve(AttendanceCorrected.class.getName() + "@4.json")));
        assertThat(current.inFull()).isNotNull();
        assertThat(current.inFull().graceMinutes()).isEqualTo(3);
        assertThat(current.inFull().shortfalls()).containsExactly("shortfalls-1");
        assertThat(current.inFull().attendedInFull()).isFalse();
    }

    /**
     * Revision 5 records the participant report readings the segments came from ({@code reportReadings}); revisions 1 to 4
     * read them as not recorded and keep what they held (the source file, the in-full judgement).
     */
    @Test
    void revisionsOneToFourReadTheReportReadingsAsNotRecorded() throws Exception {
        for (Class<?> type : List.of(AttendanceRecorded.class, AttendanceCorrected.class)) {
            for (String revision : List.of("1", "2", "3", "4")) {
                Object event = read(type.getName(), revision, Files.readAllBytes(SAMPLES.resolve(type.getName() + "@" + revision + ".json")));
                Object readings = type == AttendanceRecorded.class ? ((AttendanceRecorded) event).reportReadings()
                        : ((AttendanceCorrected) event).reportReadings();
                assertThat(readings).as(type.getSimpleName() + "@" + revision).isNull();
            }
        }
        AttendanceCorrected four = (AttendanceCorrected) read(AttendanceCorrected.class.getName(), "4",
                Files.readAllBytes(SAMPLES.resolve(AttendanceCorrected.class.getName() + "@4.json")));
        assertThat(four.inFull().graceMinutes()).isEqualTo(3);
        for (Class<?> type : List.of(AttendanceRecorded.class, AttendanceCorrected.class)) {
            Object current = read(type.getName(), "5", Files.readAllBytes(SAMPLES.resolve(type.getName() + "@5.json")));
            Object readings = type == AttendanceRecorded.class ? ((AttendanceRecorded) current).reportReadings()
                    : ((AttendanceCorrected) current).reportReadings();
            assertThat(readings).as(type.getSimpleName() + "@5")
                    .isEqualTo(List.of(new com.polaris.kat.events.attendance.ReportReading("sourceFileSha256-1", "timeZone-1")));
        }
    }

    /** Revision 3 of an earning names the correction's reason; revisions 1 and 2 read it as not recorded. */
    @Test
    void earningsOfRevisionsOneAndTwoReadTheirReasonAsNotRecorded() throws Exception {
        for (String revision : List.of("1", "2")) {
            ModuleCeCreditEarned earned = (ModuleCeCreditEarned) read(ModuleCeCreditEarned.class.getName(), revision,
                    Files.readAllBytes(SAMPLES.resolve(ModuleCeCreditEarned.class.getName() + "@" + revision + ".json")));
            assertThat(earned.reason()).as("revision " + revision).isNull();
        }
        ModuleCeCreditEarned current = (ModuleCeCreditEarned) read(ModuleCeCreditEarned.class.getName(), "3",
                Files.readAllBytes(SAMPLES.resolve(ModuleCeCreditEarned.class.getName() + "@3.json")));
        assertThat(current.reason()).isEqualTo("reason-1");
    }

    @Test
    void aRevisionOneDecisionHadOneSegmentNothingAwayAndNoAbsenceAllowed() throws Exception {
        ModuleCeCreditEarned earned = (ModuleCeCreditEarned) readSample(ModuleCeCreditEarned.class);
        assertThat(earned.segments()).containsExactly(new AttendanceSegment(T, T));
        assertThat(earned.minutesAway()).isZero();
        assertThat(earned.allowedAbsenceMinutes()).isNull();
        assertThat(earned.graceMinutes()).isEqualTo(3);
    }

    @Test
    void aRevisionOneRecordOfMinutesOnlyHasNoSegment() {
        byte[] stored = ("{\"seriesId\":\"series-20\",\"registrationId\":\"r1\",\"clinicianId\":\"c1\",\"classDayId\":\"M1-2023-10-10\","
                + "\"moduleCode\":\"M1\",\"joinedAt\":null,\"leftAt\":null,\"minutesPresent\":470,\"verification\":\"STAFF_SIGN_IN\"}")
                .getBytes(StandardCharsets.UTF_8);
        AttendanceRecorded r = (AttendanceRecorded) read(AttendanceRecorded.class.getName(), "1", stored);
        assertThat(r.segments()).isEmpty();
        assertThat(r.minutesPresent()).isEqualTo(470);
        assertThat(r).isEqualTo(new AttendanceRecorded("series-20", "r1", "c1", "M1-2023-10-10", "M1", null, null, List.of(), 470,
                com.polaris.kat.events.attendance.AttendanceCommands.Verification.STAFF_SIGN_IN, null));
    }
}
