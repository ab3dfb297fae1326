package com.polaris.kat.projection.certificates;

import com.polaris.kat.projection.certificates.CertificateRule.Decision;
import com.polaris.kat.projection.certificates.CertificateRule.Line;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateRuleTest {

    static final Set<String> SERIES = Set.of("M1", "M2");
    static final Line M1 = new Line("M1", "Intro", LocalDate.parse("2024-01-08"), new BigDecimal("8"));
    static final Line M2 = new Line("M2", "Workshop I", LocalDate.parse("2024-01-15"), new BigDecimal("8"));

    /** The reasons the projection records read back as the kind of withdrawal the public verification page names. */
    @Test
    void aWithdrawalsKindIsReadFromTheReasonItsProjectionRecorded() {
        assertThat(CertificateRule.withdrawnBy(CertificateRule.REGISTRATION_CANCELLED)).isEqualTo(CertificateRule.Withdrawal.REGISTRATION_CANCELLED);
        assertThat(CertificateRule.withdrawnBy(CertificateRule.hoursWithdrawn("M2", "left at 13:00"))).isEqualTo(CertificateRule.Withdrawal.HOURS_WITHDRAWN);
        assertThat(CertificateRule.withdrawnBy("hours of M3 upheld on corrected attendance: sign-in sheet")).isEqualTo(CertificateRule.Withdrawal.REPLACED);
        assertThat(CertificateRule.withdrawnBy(null)).isEqualTo(CertificateRule.Withdrawal.REPLACED);
    }

    @Test
    void aCertificateIsDueOnlyWithTheCeOptionOnAnActiveRegistrationThatEarnedEveryModuleOfTheSeries() {
        assertThat(CertificateRule.complete(true, false, SERIES, List.of("M1", "M2"))).isTrue();
        assertThat(CertificateRule.complete(true, false, SERIES, List.of("M2", "M1", "M3"))).isTrue();
        assertThat(CertificateRule.complete(true, false, SERIES, List.of("M1"))).isFalse();
        assertThat(CertificateRule.complete(false, false, SERIES, List.of("M1", "M2"))).isFalse();
        assertThat(CertificateRule.complete(true, true, SERIES, List.of("M1", "M2"))).isFalse();
        assertThat(CertificateRule.complete(true, false, Set.of(), List.of("M1"))).isFalse();
    }

    @Test
    void completingTheSeriesIssuesAWithdrawalOfHoursWithdrawsAndAChangedCompleteSeriesIsReissued() {
        assertThat(CertificateRule.decide(Optional.empty(), false, List.of(M1))).isEqualTo(Decision.KEEP);
        assertThat(CertificateRule.decide(Optional.empty(), true, List.of(M1, M2))).isEqualTo(Decision.ISSUE);
        assertThat(CertificateRule.decide(Optional.of(List.of(M1, M2)), false, List.of(M1))).isEqualTo(Decision.WITHDRAW);
        assertThat(CertificateRule.decide(Optional.of(List.of(M1, M2)), true, List.of(M2, M1))).isEqualTo(Decision.KEEP);
        Line m2MadeUp = new Line("M2", "Workshop I", LocalDate.parse("2024-01-22"), new BigDecimal("8"));
        assertThat(CertificateRule.decide(Optional.of(List.of(M1, M2)), true, List.of(M1, m2MadeUp))).isEqualTo(Decision.REISSUE);
        Line m2Fewer = new Line("M2", "Workshop I", LocalDate.parse("2024-01-15"), new BigDecimal("7.5"));
        assertThat(CertificateRule.decide(Optional.of(List.of(M1, M2)), true, List.of(M1, m2Fewer))).isEqualTo(Decision.REISSUE);
        Line m2SameHours = new Line("M2", "Workshop I", LocalDate.parse("2024-01-15"), new BigDecimal("8.00"));
        assertThat(CertificateRule.decide(Optional.of(List.of(M1, M2)), true, List.of(M1, m2SameHours))).isEqualTo(Decision.KEEP);
    }

    @Test
    void aCodeIsFixedByTheIssuingEventAndTheRegistrationAndDiffersBetweenVersions() {
        String v1 = CertificateRule.code("0b6f2a4e-6f4c-4a31-9a57-2c3d1e0f9a11", "r1");
        assertThat(v1).matches("KAT-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}");
        assertThat(CertificateRule.code("0b6f2a4e-6f4c-4a31-9a57-2c3d1e0f9a11", "r1")).isEqualTo(v1);
        assertThat(CertificateRule.code("5d0c8c77-1b0e-4f0e-8d54-9e2a7b3c4d55", "r1")).isNotEqualTo(v1);
        assertThat(CertificateRule.code("0b6f2a4e-6f4c-4a31-9a57-2c3d1e0f9a11", "r2")).isNotEqualTo(v1);
    }

    @Test
    void aTypedCodeIsReadCaseInsensitivelyAndAnythingElseIsNoCode() {
        assertThat(CertificateRule.canonical(" kat-3f9a-c21b-77d0 ")).contains("KAT-3F9A-C21B-77D0");
        assertThat(CertificateRule.canonical("KAT3F9AC21B77D0")).as("typed without dashes").contains("KAT-3F9A-C21B-77D0");
        assertThat(CertificateRule.canonical("kat 3f9a c21b 77d0")).contains("KAT-3F9A-C21B-77D0");
        assertThat(CertificateRule.canonical("KAT\u20133F9A\u2010C21B\u221277D0")).as("a word processor's dashes").contains("KAT-3F9A-C21B-77D0");
        assertThat(CertificateRule.canonical("KAT-3F9A-C21B-77D0-0")).isEmpty();
        assertThat(CertificateRule.canonical("KAT-3F9A-C21B-77D")).isEmpty();
        assertThat(CertificateRule.canonical("KAT-3F9A-C21B-77DZ")).isEmpty();
        assertThat(CertificateRule.canonical("' OR 1=1 --")).isEmpty();
        assertThat(CertificateRule.canonical("K".repeat(41))).isEmpty();
        assertThat(CertificateRule.canonical(null)).isEmpty();
    }
}
