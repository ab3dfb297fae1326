package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.eventstore.personal.PersonalDataVault;
import com.polaris.kat.events.attendance.AttendanceEvents;
import com.polaris.kat.events.enrollment.EnrollmentEvents;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a clinician's CE record last changed: the newest CE event (registration, attendance and its
 * corrections, evaluations, CE decisions, make-ups) on the streams of their registrations, read from
 * the PostgreSQL event store (refund payouts are money, not CE). Its time is the event's timestamp (UTC).
 */
@Component
public class CeRecords {

    static final List<String> CE_EVENT_TYPES = List.of(EnrollmentEvents.RegistrationPlaced.class.getName(),
            AttendanceEvents.AttendanceRecorded.class.getName(), AttendanceEvents.AttendanceCorrected.class.getName(),
            AttendanceEvents.ModuleEvaluationCompleted.class.getName(), AttendanceEvents.ModuleCeCreditEarned.class.getName(),
            AttendanceEvents.ModuleCeCreditRevoked.class.getName(), AttendanceEvents.MakeUpBooked.class.getName());

    private final NamedParameterJdbcTemplate jdbc;
    private final PersonalDataVault vault;

    public CeRecords(NamedParameterJdbcTemplate jdbc, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /** @return the newest CE event's time, empty when the clinician has none */
    public Optional<Instant> lastCeEventAt(String clinicianId) {
        List<String> registrations = vault.registrationsOf(clinicianId);
        if (registrations.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT time_stamp FROM domain_event_entry WHERE aggregate_identifier IN (:ids) AND payload_type IN (:types)",
                        Map.of("ids", registrations, "types", CE_EVENT_TYPES), String.class)
                .stream().map(Instant::parse).max(Instant::compareTo);
    }
}
