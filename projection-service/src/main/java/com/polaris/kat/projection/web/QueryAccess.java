package com.polaris.kat.projection.web;

import com.polaris.kat.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.polaris.kat.security.Role.ADMIN;
import static com.polaris.kat.security.Role.ATTENDANCE;
import static com.polaris.kat.security.Role.COMPLIANCE;
import static com.polaris.kat.security.Role.FINANCE;
import static com.polaris.kat.security.Role.FRONT_END;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * Who may read which view. Personal data (names, licenses, e-mails) is only in rosters, transcripts,
 * certificates and audit trails, read by attendance staff and compliance; the front end reads a
 * registration only by the id it was given, and that view holds no personal data. Anyone, without
 * signing in, may check a certificate by its code ({@code /verify/{code}}, rate-limited), which shows
 * the name as printed and nothing else about the person.
 */
@Configuration
public class QueryAccess {

    @Bean
    AccessRules accessRules() {
        return new AccessRules()
                .allowApiDocs()
                .allow(GET, "/api/catalog/modules", FRONT_END, ATTENDANCE, FINANCE, COMPLIANCE, ADMIN)
                .allow(GET, "/api/catalog/series", FRONT_END, ATTENDANCE, FINANCE, COMPLIANCE, ADMIN)
                .allow(GET, "/api/catalog/series/{number}", FRONT_END, ATTENDANCE, FINANCE, COMPLIANCE, ADMIN)
                .allow(GET, "/api/availability/series", FRONT_END, ATTENDANCE, ADMIN)
                .allow(GET, "/api/availability/series/{seriesId}", FRONT_END, ATTENDANCE, ADMIN)
                .allow(GET, "/api/availability/class-days/{classDayId}", FRONT_END, ATTENDANCE, ADMIN)
                .allow(GET, "/api/registrations/{registrationId}", FRONT_END, ADMIN)
                .allow(GET, "/api/class-days/{classDayId}/roster", ATTENDANCE, ADMIN)
                .allow(GET, "/api/ledger/entries", FINANCE)
                .allow(GET, "/api/ledger/entries.csv", FINANCE)
                .allow(GET, "/api/ledger/totals", FINANCE)
                .allow(GET, "/api/credit/{clinicianId}", FINANCE)
                .allow(GET, "/api/transcripts/{clinicianId}", COMPLIANCE)
                .allow(GET, "/api/transcripts/{clinicianId}.csv", COMPLIANCE)
                .allow(GET, "/api/certificates/{registrationId}", COMPLIANCE)
                .allow(GET, "/api/certificates/{registrationId}.pdf", COMPLIANCE)
                .allow(GET, "/api/transcripts/{clinicianId}.pdf", COMPLIANCE)
                .allow(GET, "/api/transcripts/{clinicianId}/certificates.pdf", COMPLIANCE)
                .allow(GET, "/api/ce-roster.csv", COMPLIANCE)
                // the one public path (product rules "Who may do what": anyone checks a certificate by its code)
                .allowAnyone(GET, "/verify/{code}")
                .allow(GET, "/api/audit/registrations/{registrationId}", COMPLIANCE)
                .allow(GET, "/api/audit/clinicians/{clinicianId}", COMPLIANCE)
                .allow(GET, "/api/admin/projections", ADMIN)
                .allow(GET, "/api/admin/projections/{name}", ADMIN)
                .allow(POST, "/api/admin/projections/{name}/rebuild", ADMIN)
                .allow(GET, "/api/admin/projections/{name}/parked", ADMIN)
                .allow(POST, "/api/admin/projections/{name}/parked/retry", ADMIN)
                .allow(GET, "/actuator/prometheus", ADMIN)
                .allow(GET, "/actuator/metrics/**", ADMIN);
    }
}
