package com.polaris.kat.enrollment.rules;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event store refuses, when it is written, a row whose envelope no processor could read (migration
 * {@code V9__every_row_reads_as_an_event.sql}, V10 to V13): no metadata or metadata that is not a JSON object, a time stamp that
 * is not an ISO-8601 instant in UTC as Java reads it, or a payload that is empty, the JSON value null, not JSON or not UTF-8.
 * Found by a fresh reviewer: one row written by hand with NULL metadata stopped every processor of both services while
 * health stayed UP; a time stamp 'yesterday' held four projections in a retry loop. Nothing of such a row is stored.
 */
class EventRowEnvelopeTest extends EnrollmentServiceTestBase {

    private void insert(String timeStamp, String metaData) {
        insert(timeStamp, "{}", metaData);
    }

    private void insert(String timeStamp, String payload, String metaData) {
        jdbc.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
                        + " payload_revision, payload, meta_data) VALUES (?, ?, 0, 'Series', ?, 'com.polaris.kat.events.FromElsewhere', NULL,"
                        + " convert_to(?, 'UTF8'), convert_to(?, 'UTF8'))",
                UUID.randomUUID().toString(), "envelope-" + UUID.randomUUID(), timeStamp, payload, metaData);
    }

    private long rowsFromElsewhere() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = 'com.polaris.kat.events.FromElsewhere'", Long.class);
    }

    @Test
    void aRowWithoutMetadataOrWithATimeStampThatIsNoInstantIsRefused() {
        long before = rowsFromElsewhere();
        assertThatThrownBy(() -> insert("2026-12-05T22:04:00.123Z", null)).isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("domain_event_entry_has_metadata");
        // also what PostgreSQL reads as an instant but Java's ISO-8601 reader does not: hour 24, a 60th second (a fresh
        // reviewer's 24:00:00Z held the audit projection in a retry loop)
        for (String notAnInstant : new String[]{"yesterday", "2026-12-05 22:04:00", "2026-12-05T22:04:00+01:00", "2026-12-05T22:04:00.123",
                "2026-12-05T24:00:00Z", "2026-12-05T12:30:60Z", "2026-00-05T12:30:00Z", "2026-12-32T12:30:00Z"}) {
            assertThatThrownBy(() -> insert(notAnInstant, "{}")).as(notAnInstant).isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("domain_event_entry_time_stamp_is_an_instant");
        }
        // the right form, but no such day in that month: the cast refuses it
        assertThatThrownBy(() -> insert("2026-02-30T00:00:00Z", "{}")).isInstanceOf(org.springframework.dao.DataAccessException.class);
        // a payload that is JSON null or empty (a fresh reviewer's payload 'null' was passed over by every projection), and
        // metadata that is no JSON object
        for (String nothing : new String[]{"null", " null\n"}) {
            assertThatThrownBy(() -> insert("2026-12-05T22:04:00Z", nothing, "{}")).as(nothing)
                    .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("domain_event_entry_payload_is_not_null_json");
        }
        for (String notAnObject : new String[]{"null", "[]", "\"x\"", "1", " {}", ""}) {
            assertThatThrownBy(() -> insert("2026-12-05T22:04:00Z", "{}", notAnObject)).as(notAnObject)
                    .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("domain_event_entry_metadata_is_a_json_object");
        }
        // a payload that is not JSON, or not UTF-8 (V13: a fresh reviewer's cut-off JSON of an older revision could not be
        // parked, and its projection retried it for ever)
        for (String notJson : new String[]{"", "{\"seriesId\": \"series-x\", \"registrationId\":", "{bad}", "not json", "{\"a\":1}}"}) {
            assertThatThrownBy(() -> insert("2026-12-05T22:04:00Z", notJson, "{}")).as(notJson)
                    .isInstanceOf(org.springframework.dao.DataAccessException.class).hasMessageContaining("json");
        }
        assertThatThrownBy(() -> jdbc.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                + " time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, ?, 0, 'Series', '2026-12-05T22:04:00Z',"
                + " 'com.polaris.kat.events.FromElsewhere', NULL, decode('7b2261223a2280227d', 'hex'), convert_to('{}', 'UTF8'))",
                UUID.randomUUID().toString(), "envelope-" + UUID.randomUUID())).as("not UTF-8")
                .isInstanceOf(org.springframework.dao.DataAccessException.class).hasMessageContaining("UTF8");
        assertThat(rowsFromElsewhere()).as("nothing stored").isEqualTo(before);
        // JSON that jsonb could not hold is still JSON: the escape of NUL (V14; V13 had refused it)
        insert("2026-12-05T22:04:00Z", "{\"reason\":\"left\\u0000early\"}", "{}");
        assertThat(rowsFromElsewhere()).isEqualTo(before + 1);
        // another producer's payload may be any other JSON value (the store is Axon's: a String payload is a JSON string)
        insert("2026-12-05T22:04:00Z", "\"a text\"", "{}");
        assertThat(rowsFromElsewhere()).isEqualTo(before + 2);
    }
}
