package com.polaris.kat.projection.transcripts;

import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.enrollment.LateCancellationChoice;
import com.polaris.kat.events.enrollment.RefundDecision;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.projection.certificates.CeHistory;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static com.polaris.kat.projection.certificates.CeHistory.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A certificate withdrawn by a cancellation is a row of the CE history CSV at the cancellation, with who cancelled (from the
 * audit trail: a cancellation is no CE decision and makes no history row of its own), after its issue at the decision that
 * made it due (a fresh reviewer's reading: the row's recorded_by was empty).
 */
class CertificateHistoryCsvTest extends ProjectionServiceTestBase {

    @Test
    void aCertificateWithdrawnByACancellationNamesWhoCancelled() throws Exception {
        SeriesClassDay m1 = day("M1", "2037-06-01");
        append("series-746", CeHistory.series(746, List.of(m1)), "registrar");
        append("r746a", CeHistory.placed("series-746", "r746a", "wen746", new Clinician("Wen Cancelled", "wen@example.org", "Psychologist",
                "PSY-7460", "OR"), true), "front-end");
        append("r746a", CeHistory.earned("series-746", "r746a", "wen746", m1), "attendance-staff");
        String code = CeHistory.certificateCode(port, "r746a", head());
        Money paid = Money.ofCents(217_500);
        append("r746a", new RegistrationCancelled("series-746", "r746a", "wen746", new RefundDecision("v1", "LATE_CREDIT",
                Instant.parse("2037-06-02T18:00:00Z"), m1.startsAt(), m1.startsAt().minusSeconds(14 * 86_400), false, LateCancellationChoice.CREDIT,
                paid, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, paid), null, 0), "registrar");

        String csv = CeHistory.client(port, "compliance").get().uri("/api/transcripts/wen746/history.csv?minPosition=" + head())
                .retrieve().body(String.class);
        List<CSVRecord> rows;
        try (CSVParser parser = CSVParser.parse(csv, CSVFormat.RFC4180)) {
            rows = parser.getRecords();
        }
        // series, registration, module, class day, change, ce_hours, recorded_by
        assertThat(rows.subList(1, rows.size())).extracting(r -> String.join("|", r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(8)))
                .containsExactly("Series 746|r746a|M1|" + m1.classDayId() + "|HOURS_EARNED|8.00|attendance-staff",
                        "Series 746|r746a|||CERTIFICATE_ISSUED|8.00|attendance-staff",
                        "Series 746|r746a|||CERTIFICATE_WITHDRAWN|8.00|registrar");
        assertThat(rows.get(2).get(7)).isEqualTo("certificate " + code + " (version 1): every module of the series complete with the CE option");
        assertThat(rows.get(3).get(7)).isEqualTo("certificate " + code + " (version 1): registration cancelled");
    }
}
