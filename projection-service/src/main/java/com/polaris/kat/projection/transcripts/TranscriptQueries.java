package com.polaris.kat.projection.transcripts;

import com.polaris.kat.projection.web.Csv;
import com.polaris.kat.projection.web.NotFound;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CE transcripts and series certificates, for compliance. */
@Repository
public class TranscriptQueries {

    public static final String PROGRAM = "Ketamine Assisted Therapy Training for Clinicians";
    public static final String PROVIDER = "Polaris Insight Center";
    public static final String FORMAT = "live interactive online";

    private final JdbcTemplate jdbc;
    private final com.polaris.kat.projection.certificates.CertificatePdf documents;

    /** Whether a registration is known, for a certificate's 404 (as the PDF's asks it). */
    private final com.polaris.kat.projection.certificates.CertificateQueries certificates;

    /** Reads the projection's tables; the certificate's verification address is the PDF's ({@code CertificatePdf#verificationUrl}). */
    public TranscriptQueries(JdbcTemplate jdbc, com.polaris.kat.projection.certificates.CertificatePdf documents,
                             com.polaris.kat.projection.certificates.CertificateQueries certificates) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.certificates = certificates;
    }

    private List<Map<String, Object>> modules(String clinicianId) {
        return jdbc.queryForList("""
                SELECT t.registration_id, s.series_number, t.series_id, t.module_code, t.module_title, t.class_day_id, t.class_date, t.ce_hours,
                       r.full_name, r.license_number, r.license_state
                FROM projection.transcript_module t JOIN projection.catalog_series s ON s.series_id = t.series_id
                LEFT JOIN projection.registration r ON r.registration_id = t.registration_id
                WHERE t.clinician_id = ? AND t.status = 'EARNED' ORDER BY t.class_date, t.module_code""", clinicianId);
    }

    /**
     * A module a clinician completed (CE hours earned): program, series, module, date, format, hours, and the name and license
     * of the registration its hours were earned under (as that registration's certificate and the CE roster show them; the
     * transcript's {@code participant} is the latest registration's, and a clinician may have changed name or license since).
     */
    @Schema(description = "A completed module: its hours were earned; participant: the name and license of the registration they were"
            + " earned under (\"[erased]\" once that identity was shredded).",
            example = "{\"program\":\"Ketamine Assisted Therapy Training for Clinicians\",\"seriesNumber\":20,"
                    + "\"registrationId\":\"54973073-fb7c-3860-845f-cb065be795af\",\"moduleCode\":\"M1\","
                    + "\"moduleTitle\":\"Introduction to Ketamine Assisted Psychotherapy\",\"date\":\"2023-10-10\","
                    + "\"classDayId\":\"M1-2023-10-10\",\"format\":\"live interactive online\",\"ceHours\":8,"
                    + "\"participant\":{\"fullName\":\"Ada Demo\",\"licenseNumber\":\"PSY-10001\",\"licenseState\":\"CA\"}}")
    public record CompletedModule(String program, int seriesNumber, String registrationId, String moduleCode, String moduleTitle,
                                  LocalDate date, String classDayId, String format, @Schema(description = "CE hours") BigDecimal ceHours,
                                  Participant participant) {
    }

    /** A registration of the clinician, whether its series certificate is due, and each module of its series with its CE state. */
    @Schema(description = "A registration of the clinician; certificateDue when every module of its series is complete with the CE option;"
            + " modules: each module of its series in date order with its attendance and CE state.",
            example = "{\"registrationId\":\"54973073-fb7c-3860-845f-cb065be795af\",\"seriesNumber\":20,\"ceOption\":true,"
                    + "\"status\":\"ACTIVE\",\"certificateDue\":false,\"modules\":[{\"moduleCode\":\"M1\","
                    + "\"moduleTitle\":\"Introduction to Ketamine Assisted Psychotherapy\",\"classDayId\":\"M1-2023-10-10\","
                    + "\"date\":\"2023-10-10\",\"startsAt\":\"2023-10-10T16:00:00Z\",\"makeUp\":false,\"attendance\":\"RECORDED\","
                    + "\"minutesAttended\":476,\"evaluationCompleted\":true,\"ce\":\"EARNED\",\"ceHours\":8,"
                    + "\"ceWhy\":\"CE option taken, attended in full (grace 10 min at each end), evaluation completed\"}]}")
    public record TranscriptRegistration(String registrationId, int seriesNumber, boolean ceOption, String status, boolean certificateDue,
                                         List<ModuleRecord> modules,
                                         @Schema(description = "every certificate issued for the registration, oldest first: the valid one"
                                                 + " and those withdrawn, when and why (a correction, a withdrawal of hours)")
                                         List<CertificateIssued> certificates,
                                         @Schema(description = "the name and license this registration gave (its certificate and CE roster"
                                                 + " show them; the transcript's participant is the latest registration's)")
                                         Participant participant) {
    }

    /** A certificate issued for a registration: its code and version, VALID or WITHDRAWN, when (UTC) and why it was withdrawn. */
    @Schema(description = "A certificate issued for a registration; issuedAt and withdrawnAt UTC.",
            example = "{\"verificationCode\":\"KAT-E8B4-17D3-579B\",\"version\":1,\"status\":\"WITHDRAWN\",\"issuedAt\":\"2023-12-19T01:00:00Z\","
                    + "\"withdrawnAt\":\"2023-12-20T18:00:00Z\",\"withdrawnReason\":\"hours of M3 withdrawn: left at 13:00 per the sign-in sheet\"}")
    public record CertificateIssued(String verificationCode, int version, @Schema(allowableValues = {"VALID", "WITHDRAWN"}) String status,
                                    Instant issuedAt, @Schema(types = {"string", "null"}, format = "date-time") Instant withdrawnAt,
                                    @Schema(types = {"string", "null"}) String withdrawnReason) {
    }

    /**
     * One module of a registration's series as compliance reads it: the day it was (or is to be) attended
     * on (own or make-up; {@code date} its Pacific calendar date, {@code startsAt} UTC), the attendance
     * recorded there ({@code minutesAttended}: the minutes of its joined/left segments within the day's hours, or the minutes
     * present entered; null when not recorded), the evaluation, and the CE state with why: EARNED (the
     * decision's rule), WITHDRAWN (the correction's reason), NOT_EARNED (the attendance there was not in full: the
     * decision's shortfalls, e.g. "attendance not in full: 20 min away between segments (at most 10); no hours", evaluated
     * or not; or, without a recorded decision, attendance recorded and evaluation completed yet no hours), PENDING
     * (attendance or evaluation missing; also hours withdrawn on one day while a make-up booked since is not recorded yet, the
     * withdrawal named), NO_CE_OPTION. {@code ceHours}: the module's approved CE hours.
     */
    @Schema(description = "A module of the registration's series with its attendance and CE state (EARNED, WITHDRAWN, NOT_EARNED, PENDING,"
            + " NO_CE_OPTION) and why; minutesAttended null when not recorded; startsAt UTC.",
            example = "{\"moduleCode\":\"M2\",\"moduleTitle\":\"Intermediate Workshop I\",\"classDayId\":\"M2-2023-11-09\","
                    + "\"date\":\"2023-11-09\",\"startsAt\":\"2023-11-09T17:00:00Z\",\"makeUp\":false,\"attendance\":\"CORRECTED\","
                    + "\"minutesAttended\":390,\"evaluationCompleted\":true,\"ce\":\"WITHDRAWN\",\"ceHours\":8,"
                    + "\"ceWhy\":\"left at 15:30 per the sign-in sheet\"}")
    public record ModuleRecord(String moduleCode, String moduleTitle, String classDayId, LocalDate date, Instant startsAt, boolean makeUp,
                               @Schema(allowableValues = {"NOT_RECORDED", "RECORDED", "CORRECTED"}) String attendance,
                               @Schema(types = {"integer", "null"}, format = "int32") Integer minutesAttended, boolean evaluationCompleted,
                               @Schema(allowableValues = {"EARNED", "WITHDRAWN", "NOT_EARNED", "PENDING", "NO_CE_OPTION"}) String ce,
                               @Schema(description = "the module's approved CE hours") BigDecimal ceHours,
                               @Schema(types = {"string", "null"}) String ceWhy) {
    }

    /**
     * A change of the CE record with its reason and actor: hours earned, upheld after a correction of the times they rest on,
     * not earned on a class day (what fell short there; the module may still hold its hours on its other day), withdrawn, or
     * the attendance corrected. {@code classDayId}: the day the change is about; {@code ceHours}: the hours earned, upheld,
     * withdrawn or not earned (null for a correction).
     */
    @Schema(description = "A change of the CE record, in order; occurredAt UTC. An attendance correction gives the attendance it "
            + "replaced and the attendance it recorded.",
            example = "{\"occurredAt\":\"2023-10-11T01:00:00Z\",\"registrationId\":\"54973073-fb7c-3860-845f-cb065be795af\","
                    + "\"moduleCode\":\"M1\",\"classDayId\":\"M1-2023-10-10\",\"change\":\"ATTENDANCE_CORRECTED\",\"ceHours\":null,"
                    + "\"reason\":\"the platform log lost her rejoin at 13:20\",\"actor\":\"attendance\","
                    + "\"attendanceBefore\":{\"segments\":[{\"joinedAt\":\"2023-10-10T16:04:00Z\",\"leftAt\":\"2023-10-10T20:00:00Z\"}],"
                    + "\"minutesPresent\":null,\"verification\":\"PLATFORM_LOG\"},"
                    + "\"attendanceAfter\":{\"segments\":[{\"joinedAt\":\"2023-10-10T16:04:00Z\",\"leftAt\":\"2023-10-10T20:00:00Z\"},"
                    + "{\"joinedAt\":\"2023-10-10T20:20:00Z\",\"leftAt\":\"2023-10-11T00:00:00Z\"}],\"minutesPresent\":null,\"verification\":\"PLATFORM_LOG\"}}")
    public record TranscriptChange(Instant occurredAt, String registrationId, String moduleCode, String classDayId,
                                   @Schema(allowableValues = {"HOURS_EARNED", "HOURS_UPHELD", "HOURS_NOT_EARNED", "HOURS_WITHDRAWN", "ATTENDANCE_CORRECTED",
                                           "EVALUATION_WITHDRAWN", "EVALUATION_RECORDED_AGAIN"}) String change,
                                   @Schema(types = {"number", "null"}, description = "the hours earned, upheld, withdrawn or not earned; null for "
                                           + "a correction") BigDecimal ceHours,
                                   @Schema(types = {"string", "null"}) String reason, @Schema(types = {"string", "null"}) String actor,
                                   @Schema(nullable = true, description = "ATTENDANCE_CORRECTED: the attendance the correction replaced; null on other changes, "
                                           + "and on a correction whose earlier attendance this view did not see (one projected before "
                                           + "2026-12-07, until the transcripts projection's next rebuild; the audit trail has it)")
                                   AttendanceAsRecorded attendanceBefore,
                                   @Schema(nullable = true, description = "ATTENDANCE_CORRECTED: the attendance it recorded; null on other changes (and on a "
                                           + "correction projected before 2026-12-07, until the next rebuild)")
                                   AttendanceAsRecorded attendanceAfter) {
    }

    /**
     * A day's attendance as a check-in or a correction recorded it: the joined/left segments (UTC instants) or, without
     * times, the minutes present; and how it was verified (product rules, "Attendance and CE").
     */
    @Schema(description = "A day's attendance as recorded: joined/left segments (UTC) or, without times, minutes present; how it was verified.")
    public record AttendanceAsRecorded(List<com.polaris.kat.projection.registrations.SeatQueries.Segment> segments,
                                       @Schema(types = {"integer", "null"}) Integer minutesPresent,
                                       @Schema(allowableValues = {"PLATFORM_LOG", "STAFF_SIGN_IN"}) String verification) {

        /** A correction's two sides in transcript_history (migration V19_28), as {@link #read} reads them with "before_" and "after_". */
        public static final String COLUMNS = "before_segments, before_minutes_present, before_verification, after_segments,"
                + " after_minutes_present, after_verification";

        /** The side stored in columns {@code prefix}segments, minutes_present and verification; null when none was kept. */
        public static AttendanceAsRecorded read(java.sql.ResultSet rs, String prefix) throws java.sql.SQLException {
            String verification = rs.getString(prefix + "verification");
            return verification == null ? null : new AttendanceAsRecorded(
                    com.polaris.kat.projection.registrations.SeatQueries.segments(rs.getString(prefix + "segments"), null, null),
                    (Integer) rs.getObject(prefix + "minutes_present"), verification);
        }

        /**
         * The CSV's cell: "2023-10-10T16:04:00Z/2023-10-10T20:00:00Z; 2023-10-10T20:20:00Z/2023-10-11T00:00:00Z (PLATFORM_LOG)"
         * (ISO 8601 intervals, UTC), or "470 minutes present (STAFF_SIGN_IN)"; null for none.
         */
        public static String text(AttendanceAsRecorded a) {
            if (a == null) {
                return null;
            }
            String what = a.segments().isEmpty() ? (a.minutesPresent() == null ? "no times" : a.minutesPresent() + " minutes present")
                    : a.segments().stream().map(g -> g.joinedAt() + "/" + g.leftAt()).collect(java.util.stream.Collectors.joining("; "));
            return what + " (" + a.verification() + ")";
        }
    }

    /** The name and license of a transcript's clinician as their latest registration gave them ("[erased]" after retention). */
    @Schema(description = "The clinician's name and license as their latest registration gave them; \"[erased]\" once the CE identity was shredded.",
            example = "{\"fullName\":\"Ada Demo\",\"licenseNumber\":\"PSY-10001\",\"licenseState\":\"CA\"}")
    public record Participant(String fullName, String licenseNumber, String licenseState) {
    }

    /** A clinician's CE transcript: modules completed, hours per series and in total, registrations, the history of changes. */
    @Schema(description = "A clinician's CE transcript (hours as numbers).",
            example = "{\"clinicianId\":\"9fea013d-2454-327d-a870-e468fb542361\",\"participant\":{\"fullName\":\"Ada Demo\","
                    + "\"licenseNumber\":\"PSY-10001\",\"licenseState\":\"CA\"},\"program\":\"Ketamine Assisted Therapy Training for Clinicians\","
                    + "\"provider\":\"Polaris Insight Center\",\"modulesCompleted\":[],\"hoursPerSeries\":{\"Series 20\":8},\"totalHours\":8,"
                    + "\"registrations\":[],\"history\":[]}")
    public record Transcript(String clinicianId,
                             @Schema(types = {"object", "null"}, description = "null when no registration of the clinician is known") Participant participant,
                             String program, String provider, List<CompletedModule> modulesCompleted,
                             @Schema(description = "\"Series <number>\" to the hours earned in it") Map<String, BigDecimal> hoursPerSeries,
                             BigDecimal totalHours, List<TranscriptRegistration> registrations, List<TranscriptChange> history) {
    }

    /** A module on a certificate. */
    @Schema(description = "A module on a certificate.",
            example = "{\"moduleCode\":\"M1\",\"moduleTitle\":\"Introduction to Ketamine Assisted Psychotherapy\",\"date\":\"2023-10-10\",\"ceHours\":8}")
    public record CertificateModule(String moduleCode, String moduleTitle, LocalDate date, BigDecimal ceHours) {
    }

    /** A series certificate (shared/product-rules "Attendance and CE"): participant, license, program, provider, format, dates, hours, code. */
    @Schema(description = "A series certificate with its verification code and the public address that checks it.",
            example = "{\"participant\":\"Finn Demo\",\"licenseNumber\":\"LMFT-20002\",\"licenseState\":\"OR\","
                    + "\"program\":\"Ketamine Assisted Therapy Training for Clinicians\",\"provider\":\"Polaris Insight Center\","
                    + "\"series\":\"Series 19\",\"format\":\"live interactive online\",\"modules\":[{\"moduleCode\":\"M1\","
                    + "\"moduleTitle\":\"Introduction to Ketamine Assisted Psychotherapy\",\"date\":\"2023-09-11\",\"ceHours\":8}],"
                    + "\"totalHours\":8,\"verificationCode\":\"KAT-E8B4-17D3-579B\","
                    + "\"verificationUrl\":\"https://verify.example.org/verify/KAT-E8B4-17D3-579B\"}")
    public record Certificate(String participant, String licenseNumber, String licenseState, String program, String provider, String series,
                              String format, List<CertificateModule> modules, BigDecimal totalHours, String verificationCode,
                              @Schema(description = "the public verification address (kat.public-base-url/verify/code), printed on the PDF") String verificationUrl) {
    }

    /** A clinician's transcript. Throws NotFound (404 not-found) when no CE record exists for them. */
    public Transcript transcript(String clinicianId) {
        List<CompletedModule> completed = new ArrayList<>();
        Map<String, BigDecimal> perSeries = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Map<String, Object> m : modules(clinicianId)) {
            BigDecimal h = (BigDecimal) m.get("ce_hours");
            completed.add(new CompletedModule(PROGRAM, ((Number) m.get("series_number")).intValue(), (String) m.get("registration_id"),
                    (String) m.get("module_code"), (String) m.get("module_title"), LocalDate.parse(String.valueOf(m.get("class_date"))),
                    (String) m.get("class_day_id"), FORMAT, h, new Participant((String) m.get("full_name"), (String) m.get("license_number"),
                    (String) m.get("license_state"))));
            perSeries.merge("Series " + m.get("series_number"), h, BigDecimal::add);
            total = total.add(h);
        }
        List<TranscriptChange> history = jdbc.query("""
                SELECT occurred_at, registration_id, module_code, class_day_id, change, ce_hours, reason, actor, %s
                FROM projection.transcript_history WHERE clinician_id = ? ORDER BY position""".formatted(AttendanceAsRecorded.COLUMNS),
                (rs, i) -> new TranscriptChange(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBigDecimal(6), rs.getString(7), rs.getString(8), AttendanceAsRecorded.read(rs, "before_"),
                        AttendanceAsRecorded.read(rs, "after_")), clinicianId);
        List<TranscriptRegistration> registrations = jdbc.query("""
                SELECT r.registration_id, s.series_number, r.ce_option, r.status, r.full_name, r.license_number, r.license_state
                FROM projection.registration r JOIN projection.catalog_series s ON s.series_id = r.series_id
                WHERE r.clinician_id = ? ORDER BY s.series_number""",
                (rs, i) -> new TranscriptRegistration(rs.getString(1), rs.getInt(2), rs.getBoolean(3), rs.getString(4), false, List.of(),
                        List.of(), new Participant(rs.getString(5), rs.getString(6), rs.getString(7))), clinicianId);
        if (completed.isEmpty() && history.isEmpty() && registrations.isEmpty()) {
            throw new NotFound("No CE record exists for clinician " + clinicianId + ".");
        }
        registrations = registrations.stream().map(r -> new TranscriptRegistration(r.registrationId(), r.seriesNumber(), r.ceOption(),
                r.status(), certificateDue(r.registrationId()), moduleRecords(r.registrationId(), r.ceOption(), history),
                certificatesIssued(r.registrationId()), r.participant())).toList();
        return new Transcript(clinicianId, participant(clinicianId), PROGRAM, PROVIDER, completed, perSeries, total, registrations, history);
    }

    /** Each module of the registration's series (date order) with its attendance and CE state; why from the CE history (latest decision). */
    private List<ModuleRecord> moduleRecords(String registrationId, boolean ceOption, List<TranscriptChange> history) {
        return jdbc.query("""
                SELECT d.module_code, d.module_title, x.day, x.day <> d.class_day_id AS make_up,
                       coalesce(cd.class_date, d.class_date) AS class_date, coalesce(cd.starts_at, d.starts_at) AS starts_at,
                       coalesce(cd.ends_at, d.ends_at) AS ends_at,
                       -- the hours granted when earned; else those the day shown earns: the series' own day as the catalog
                       -- gives it, a make-up day by the rule on its own start, with the hours its series was scheduled with
                       -- (two fresh reviewers' make-up rows said the own day's hours, once beside a certificate of 7)
                       CASE WHEN t.status = 'EARNED' THEN t.ce_hours
                            WHEN x.day <> d.class_day_id THEN\s""" + com.polaris.kat.projection.catalog.CatalogProjection.hoursEarned("d.module_code",
                "cd.starts_at", "coalesce(d.scheduled_ce_hours, d.ce_hours)") + """

                            ELSE d.ce_hours END AS ce_hours,
                       a.verification, a.corrected, a.minutes_present, a.segments, a.joined_at, a.left_at,
                       coalesce(mo.evaluation_completed, FALSE) AS evaluation_completed, t.status AS ce_status,
                       coalesce(a.ce_not_earned_because, da.ce_not_earned_because) AS ce_not_earned_because, mo.decided_class_day_id
                FROM projection.registration r
                JOIN projection.catalog_series_class_day d ON d.series_id = r.series_id
                LEFT JOIN projection.registration_make_up m ON m.registration_id = r.registration_id AND m.module_code = d.module_code
                LEFT JOIN projection.registration_module mo ON mo.registration_id = r.registration_id AND mo.module_code = d.module_code
                LEFT JOIN projection.transcript_module t ON t.registration_id = r.registration_id AND t.module_code = d.module_code
                -- the day shown as in the registration's attendance read (a fresh reviewer's row showed a make-up day's short
                -- attendance beside hours earned elsewhere)
                CROSS JOIN LATERAL (SELECT\s""" + com.polaris.kat.projection.registrations.SeatQueries.MODULE_DAY + """
                    AS day) x
                LEFT JOIN projection.catalog_class_day cd ON cd.class_day_id = x.day AND x.day <> d.class_day_id
                LEFT JOIN projection.registration_attendance a ON a.registration_id = r.registration_id AND a.class_day_id = x.day
                LEFT JOIN projection.registration_attendance da ON da.registration_id = r.registration_id
                     AND da.class_day_id = mo.decided_class_day_id
                WHERE r.registration_id = ? ORDER BY d.starts_at""", (rs, i) -> {
            String module = rs.getString("module_code");
            boolean recorded = rs.getString("verification") != null;
            boolean evaluated = rs.getBoolean("evaluation_completed");
            String status = rs.getString("ce_status");
            // a not-earned decision (ModuleCeCreditNotEarned) on the day shown decides the module whether or not it was evaluated,
            // and says what fell short; a day recorded and evaluated without one (history before the decision was recorded)
            // reads as before
            String decided = rs.getString("ce_not_earned_because");
            // a decision made on another day than the one shown (a make-up booked after it) says which day it was about; a
            // not-earned one there leaves the module pending its make-up
            String decisionDay = rs.getString("decided_class_day_id");
            boolean elsewhere = decisionDay != null && !decisionDay.equals(rs.getString("day"));
            String on = elsewhere ? "on " + decisionDay + ": " : "";
            // hours withdrawn on one day with a make-up booked since on another, not recorded yet: the module can still be
            // earned there, so it is pending, naming the withdrawal (a fresh reviewer's transcript read "withdrawn" on a
            // make-up day still ahead)
            boolean withdrawnElsewhere = "REVOKED".equals(status) && elsewhere && !recorded;
            String ce = !ceOption ? "NO_CE_OPTION" : "EARNED".equals(status) ? "EARNED" : "REVOKED".equals(status) && !withdrawnElsewhere ? "WITHDRAWN"
                    : (decided != null && !elsewhere) || (recorded && evaluated) ? "NOT_EARNED" : "PENDING";
            String notInFull = decided == null ? null : "attendance not in full: " + decided.replace("; ", ", ") + "; no hours";
            String why = switch (ce) {
                case "EARNED" -> latestReason(history, registrationId, module, "HOURS_EARNED", "HOURS_UPHELD");
                case "WITHDRAWN" -> on + latestReason(history, registrationId, module, "HOURS_WITHDRAWN") + decidedSince(history, registrationId, module);
                case "NOT_EARNED" -> notInFull != null ? notInFull : "attendance not in full (late, left early or away too long); no hours";
                case "PENDING" -> (!recorded ? "attendance not recorded yet" : "evaluation not completed yet")
                        + (withdrawnElsewhere ? "; " + on + "hours withdrawn: " + latestReason(history, registrationId, module, "HOURS_WITHDRAWN")
                        : elsewhere && notInFull != null ? "; " + on + notInFull : "");
                default -> "registered without the CE option";
            };
            return new ModuleRecord(module, rs.getString("module_title"), rs.getString("day"), rs.getObject("class_date", LocalDate.class),
                    rs.getTimestamp("starts_at").toInstant(), rs.getBoolean("make_up"),
                    !recorded ? "NOT_RECORDED" : rs.getBoolean("corrected") ? "CORRECTED" : "RECORDED",
                    recorded ? minutesAttended(rs.getString("segments"), rs.getTimestamp("joined_at"), rs.getTimestamp("left_at"),
                            (Integer) rs.getObject("minutes_present"), rs.getTimestamp("starts_at").toInstant(),
                            rs.getTimestamp("ends_at").toInstant()) : null,
                    evaluated, ce, rs.getBigDecimal("ce_hours"), why);
        }, registrationId);
    }

    /**
     * A not-earned decision on the day the hours were withdrawn from, made after the withdrawal (the attendance corrected
     * again and still not in full), in words after the withdrawal's reason ("; since corrected: attendance not in full: …"),
     * else "": the module stays withdrawn, and its why names what falls short now as the roster does (a fresh reviewer's
     * transcript kept the withdrawal's shortfall after a later correction).
     */
    private static String decidedSince(List<TranscriptChange> history, String registrationId, String module) {
        TranscriptChange withdrawal = null, since = null;
        for (TranscriptChange c : history) {
            if (c.registrationId().equals(registrationId) && c.moduleCode().equals(module)) {
                if ("HOURS_WITHDRAWN".equals(c.change())) {
                    withdrawal = c;
                    since = null;
                } else if ("HOURS_NOT_EARNED".equals(c.change()) && withdrawal != null && withdrawal.classDayId().equals(c.classDayId())) {
                    since = c;
                }
            }
        }
        return since == null ? "" : "; since corrected: " + since.reason();
    }

    /** The reason of the latest change of these kinds for the module (history is in event order), or null. */
    private static String latestReason(List<TranscriptChange> history, String registrationId, String module, String... changes) {
        String reason = null;
        for (TranscriptChange c : history) {
            if (c.registrationId().equals(registrationId) && c.moduleCode().equals(module) && List.of(changes).contains(c.change())) {
                reason = c.reason();
            }
        }
        return reason;
    }

    /**
     * Minutes attended of the class day (whole, rounded down): the joined/left segments (else the one joined/left pair) within
     * the day's hours, {@code startsAt} to {@code endsAt} (UTC), else the minutes present entered. Time online before the
     * start or after the end is not class time: a fresh reviewer's report row of 08:00 to 18:00 read 600 minutes of a
     * 480-minute day.
     */
    static Integer minutesAttended(String segments, java.sql.Timestamp joinedAt, java.sql.Timestamp leftAt, Integer minutesPresent,
                                   Instant startsAt, Instant endsAt) {
        List<com.polaris.kat.projection.registrations.SeatQueries.Segment> all = com.polaris.kat.projection.registrations.SeatQueries.segments(
                segments, joinedAt == null ? null : joinedAt.toInstant(), leftAt == null ? null : leftAt.toInstant());
        if (all.isEmpty()) {
            return minutesPresent;
        }
        // the segments' seconds summed, then whole minutes: the same time online reads the same however it is split (a fresh
        // reviewer's 473 min 6 s read 472 from per-segment minutes)
        return (int) (all.stream().mapToLong(g -> {
            Instant from = g.joinedAt().isBefore(startsAt) ? startsAt : g.joinedAt();
            Instant to = g.leftAt().isAfter(endsAt) ? endsAt : g.leftAt();
            return to.isAfter(from) ? java.time.Duration.between(from, to).toSeconds() : 0;
        }).sum() / 60);
    }

    /**
     * The name and license as the clinician's latest registration gave them; "[erased]" once the CE
     * identity was shredded at the end of its retention (issue 13). Null when no registration is known.
     */
    private Participant participant(String clinicianId) {
        return jdbc.query("""
                SELECT full_name, license_number, license_state
                FROM projection.registration WHERE clinician_id = ? ORDER BY registered_at DESC LIMIT 1""",
                (rs, i) -> new Participant(rs.getString(1), rs.getString(2), rs.getString(3)), clinicianId).stream().findFirst().orElse(null);
    }

    /**
     * A clinician's completed modules as CSV (RFC 4180, formula-safe cells), one header row first.
     * Throws NotFound (404 not-found) when no CE record exists for them, as {@link #transcript} does:
     * a header-only file had read as "this clinician earned nothing" for an id that was never one.
     */
    public String transcriptCsv(String clinicianId) {
        requireCeRecord(clinicianId);
        // each row names whose hours they are, as the registration they were earned under gave name and license (a fresh
        // reviewer: the exported file alone did not say whose transcript it was)
        Csv csv = new Csv().row(List.of("program", "series", "module_code", "module_title", "date", "format", "ce_hours", "registration_id",
                "clinician_id", "full_name", "license_number", "license_state"));
        for (Map<String, Object> m : modules(clinicianId)) {
            csv.row(java.util.Arrays.asList(PROGRAM, "Series " + m.get("series_number"), m.get("module_code"), m.get("module_title"),
                    String.valueOf(m.get("class_date")), FORMAT, (BigDecimal) m.get("ce_hours"), m.get("registration_id"), clinicianId,
                    m.get("full_name"), m.get("license_number"), m.get("license_state")));
        }
        return csv.toString();
    }

    /**
     * A clinician's CE history as CSV (RFC 4180, formula-safe cells), one header row first, then one row per change in event
     * order: each CE decision (hours earned, upheld, not earned, withdrawn) and each attendance correction, with when it was
     * recorded (UTC instant, ISO 8601), the series, registration, module and class day it is about, the CE hours it
     * concerns (null for a correction), the reason given and who recorded it. This is the same history the JSON transcript
     * and the PDF give; the completed-modules CSV ({@link #transcriptCsv}) says only where the hours stand now, which an
     * auditor cannot trace a withdrawal or a correction from. Each series certificate issued or withdrawn is a row too
     * ({@code CERTIFICATE_ISSUED}, {@code CERTIFICATE_WITHDRAWN}: in {@code ce_hours} the certificate's total CE hours, its
     * code and version or why it was withdrawn, and who recorded the event it followed from), placed at that event: right
     * after the CE decision's row, or alone for a cancellation (which is no CE decision, so has no row of its own here; its
     * actor is read from the audit trail); a reissue's withdrawal comes before its new version. The certificate follows from
     * the events by the certificate rule and is no event of its own (a fresh reviewer's compliance auditor found the issue
     * and withdrawal in the transcript but not in its export). Throws NotFound (404 not-found) when no CE record exists.
     */
    public String historyCsv(String clinicianId) {
        requireCeRecord(clinicianId);
        Csv csv = new Csv().row(List.of("occurred_at_utc", "series", "registration_id", "module_code", "class_day_id", "change",
                "ce_hours", "reason", "recorded_by", "clinician_id", "attendance_before", "attendance_after"));
        // [position, order within the position: 0 the decision or correction, 1 a certificate withdrawn, 2 one issued (a reissue
        // withdraws the old version and issues the new one at the same event), the cells]
        List<Object[]> rows = new ArrayList<>();
        jdbc.query("""
                SELECT h.occurred_at, s.series_number, h.registration_id, h.module_code, h.class_day_id, h.change, h.ce_hours, h.reason, h.actor,
                       %s, h.position
                FROM projection.transcript_history h
                LEFT JOIN projection.registration r ON r.registration_id = h.registration_id
                LEFT JOIN projection.catalog_series s ON s.series_id = r.series_id
                WHERE h.clinician_id = ? ORDER BY h.position""".formatted(AttendanceAsRecorded.COLUMNS), rs -> {
            Object series = rs.getObject(2);
            rows.add(new Object[]{rs.getLong("position"), 0, java.util.Arrays.asList(rs.getTimestamp(1).toInstant().toString(),
                    series == null ? null : "Series " + series, rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                    rs.getBigDecimal(7), rs.getString(8), rs.getString(9), clinicianId, AttendanceAsRecorded.text(AttendanceAsRecorded.read(rs, "before_")),
                    AttendanceAsRecorded.text(AttendanceAsRecorded.read(rs, "after_")))});
        }, clinicianId);
        // who recorded the event a certificate followed from: a CE decision's history row, else (a cancellation, which makes no
        // history row) the audit trail's record of that event
        String recordedBy = "coalesce((SELECT max(h.actor) FROM projection.transcript_history h WHERE h.registration_id = c.registration_id"
                + " AND h.position = %1$s), (SELECT a.actor FROM projection.audit_event a WHERE a.position = %1$s))";
        jdbc.query("""
                SELECT c.code, c.version, c.series_number, c.registration_id, c.total_hours, c.issued_at, c.issued_position, c.withdrawn_at,
                       c.withdrawn_position, c.withdrawn_reason, %s AS issued_by, %s AS withdrawn_by
                FROM projection.certificate c WHERE c.clinician_id = ? ORDER BY c.issued_position""".formatted(
                recordedBy.formatted("c.issued_position"), recordedBy.formatted("c.withdrawn_position")), rs -> {
            String series = "Series " + rs.getInt("series_number");
            rows.add(new Object[]{rs.getLong("issued_position"), 2, java.util.Arrays.asList(rs.getTimestamp("issued_at").toInstant().toString(),
                    series, rs.getString("registration_id"), null, null, "CERTIFICATE_ISSUED", rs.getBigDecimal("total_hours"),
                    "certificate " + rs.getString("code") + " (version " + rs.getInt("version") + "): every module of the series complete with the CE option",
                    rs.getString("issued_by"), clinicianId, null, null)});
            if (rs.getTimestamp("withdrawn_at") != null) {
                rows.add(new Object[]{rs.getLong("withdrawn_position"), 1, java.util.Arrays.asList(rs.getTimestamp("withdrawn_at").toInstant().toString(),
                        series, rs.getString("registration_id"), null, null, "CERTIFICATE_WITHDRAWN", rs.getBigDecimal("total_hours"),
                        "certificate " + rs.getString("code") + " (version " + rs.getInt("version") + "): " + rs.getString("withdrawn_reason"),
                        rs.getString("withdrawn_by"), clinicianId, null, null)});
            }
        }, clinicianId);
        rows.sort(java.util.Comparator.<Object[]>comparingLong(r -> (Long) r[0]).thenComparingInt(r -> (Integer) r[1]));
        for (Object[] r : rows) {
            @SuppressWarnings("unchecked")
            List<Object> cells = (List<Object>) r[2];
            csv.row(cells);
        }
        return csv.toString();
    }

    /** Throws NotFound (404 not-found) unless a registration or a CE history of the clinician is known. */
    private void requireCeRecord(String clinicianId) {
        Boolean known = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM projection.registration WHERE clinician_id = ?)"
                + " OR EXISTS (SELECT 1 FROM projection.transcript_history WHERE clinician_id = ?)", Boolean.class, clinicianId, clinicianId);
        if (!Boolean.TRUE.equals(known)) {
            throw new NotFound("No CE record exists for clinician " + clinicianId + ".");
        }
    }

    /**
     * Due when every module of the series is complete (CE hours earned) on an active registration
     * with the CE option: the rule is certificates/CertificateRule, and a due certificate is the
     * registration's valid issued one.
     */
    /** Every certificate issued for the registration, oldest first (a compliance auditor traces each issue and withdrawal). */
    private List<CertificateIssued> certificatesIssued(String registrationId) {
        return jdbc.query("""
                SELECT code, version, status, issued_at, withdrawn_at, withdrawn_reason FROM projection.certificate
                WHERE registration_id = ? ORDER BY version""", (rs, i) -> new CertificateIssued(rs.getString(1), rs.getInt(2), rs.getString(3),
                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(), rs.getString(6)), registrationId);
    }

    /**
     * Whether the registration holds a VALID certificate: every module of its series complete with the CE option
     * (product rules, "Attendance and CE"), and not withdrawn since.
     */
    public boolean certificateDue(String registrationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM projection.certificate WHERE registration_id = ? AND status = 'VALID')", Boolean.class, registrationId));
    }

    /** The certificate of a registration whose series is complete with the CE option. Throws NotFound (404 not-found) otherwise. */
    public Certificate certificate(String registrationId) {
        List<Map<String, Object>> reg = jdbc.queryForList("""
                SELECT r.full_name, r.license_number, r.license_state, s.series_number FROM projection.registration r
                JOIN projection.catalog_series s ON s.series_id = r.series_id WHERE r.registration_id = ?""", registrationId);
        if (reg.isEmpty()) { // not "no certificate", which says the registration exists (a fresh reviewer's finding)
            throw com.polaris.kat.projection.certificates.CertificateQueries.noValidCertificate(registrationId,
                    certificates.registrationKnown(registrationId));
        }
        if (!certificateDue(registrationId)) {
            throw com.polaris.kat.projection.certificates.CertificateQueries.noValidCertificate(registrationId, true);
        }
        List<CertificateModule> modules = jdbc.query("""
                SELECT module_code, module_title, class_date, ce_hours
                FROM projection.transcript_module WHERE registration_id = ? AND status = 'EARNED' ORDER BY class_date""",
                (rs, i) -> new CertificateModule(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getBigDecimal(4)),
                registrationId);
        BigDecimal total = modules.stream().map(CertificateModule::ceHours).reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, Object> r = reg.get(0);
        String code = jdbc.queryForObject("SELECT code FROM projection.certificate WHERE registration_id = ? AND status = 'VALID'", String.class, registrationId);
        return new Certificate((String) r.get("full_name"), (String) r.get("license_number"), (String) r.get("license_state"), PROGRAM, PROVIDER,
                "Series " + r.get("series_number"), FORMAT, modules, total, code, documents.verificationUrl(code));
    }
}
