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
 * Who may read which view (shared/product-rules "Who may do what", least privilege; anything not
 * listed is denied). Personal data (names, licenses) is only in rosters (attendance staff),
 * transcripts, certificates and audit trails (compliance); the front end reads a registration only
 * by the id it was given, and that view holds no personal data. Administrators manage the catalog
 * and the projections: they read seat counts (to set capacity and make-up places) but no roster and
 * no registration. The catalog is what the training page publishes, so every role reads it.
 * Anyone, without signing in, may check a certificate by its code ({@code /verify/{code}},
 * rate-limited), which shows the name as printed and nothing else about the person.
 * The one source of the projection service's rules: the security filter chain enforces them,
 * {@code AuthorizationMatrixTest} sends every endpoint x every role from them, and the README's role
 * table ("reads" column) is checked against their words.
 */
@Configuration
public class QueryAccess {

    /** The rules, in the order the README's role table lists their words. */
    @Bean
    public AccessRules accessRules() {
        return new AccessRules()
                .allowApiDocs()
                .allow(GET, "/api/catalog/modules", "the catalog", FRONT_END, ATTENDANCE, FINANCE, COMPLIANCE, ADMIN)
                .allow(GET, "/api/catalog/modules/{code}", "the catalog", FRONT_END, ATTENDANCE, FINANCE, COMPLIANCE, ADMIN)
                .allow(GET, "/api/catalog/series", "the catalog", FRONT_END, ATTENDANCE, FINANCE, COMPLIANCE, ADMIN)
                .allow(GET, "/api/catalog/series/{number}", "the catalog", FRONT_END, ATTENDANCE, FINANCE, COMPLIANCE, ADMIN)
                .allow(GET, "/api/catalog/modules/{code}/ce-hours-changes", "the history of a module's CE hours (who, why, from when)", COMPLIANCE, ADMIN)
                .allow(GET, "/api/availability/series", "seat availability", FRONT_END, ATTENDANCE, ADMIN)
                .allow(GET, "/api/availability/series/{seriesId}", "seat availability", FRONT_END, ATTENDANCE, ADMIN)
                .allow(GET, "/api/availability/class-days/{classDayId}", "seat availability", FRONT_END, ATTENDANCE, ADMIN)
                .allow(GET, "/api/registrations/{registrationId}", "a registration by its id", FRONT_END)
                .allow(GET, "/api/waitlist/places/{placeId}", "a waitlist place or offer by its id", FRONT_END)
                .allow(GET, "/api/waitlist/offers/{offerId}", "a waitlist place or offer by its id", FRONT_END)
                .allow(GET, "/api/waitlist/series/{seriesId}", "each series' waitlist with offers and outcomes", ADMIN)
                .allow(GET, "/api/registrations/{registrationId}/attendance", "a registration's attendance", ATTENDANCE)
                .allow(GET, "/api/class-days/{classDayId}/roster", "class-day rosters", ATTENDANCE)
                .allow(GET, "/api/class-days/{classDayId}/participant-reports", "a class day's imported participant reports", ATTENDANCE)
                .allow(GET, "/api/ledger/entries", "the refund ledger", FINANCE)
                .allow(GET, "/api/ledger/totals", "the refund ledger", FINANCE)
                .allow(GET, "/api/ledger/entries.csv", "its CSV", FINANCE)
                .allow(GET, "/api/credit", "who holds credit and the total outstanding", FINANCE)
                .allow(GET, "/api/credit/{clinicianId}", "credit balances", FINANCE)
                .allow(GET, "/api/clinicians", "clinicians found by name, e-mail or license", COMPLIANCE)
                .allow(GET, "/api/transcripts/{clinicianId}", "CE transcripts", COMPLIANCE)
                .allow(GET, "/api/transcripts/{clinicianId}.csv", "their CSV", COMPLIANCE)
                .allow(GET, "/api/transcripts/{clinicianId}/history.csv", "their history as CSV", COMPLIANCE)
                .allow(GET, "/api/certificates/{registrationId}", "certificates", COMPLIANCE)
                .allow(GET, "/api/certificates/{registrationId}.pdf", "certificates", COMPLIANCE)
                .allow(GET, "/api/transcripts/{clinicianId}.pdf", "CE transcripts", COMPLIANCE)
                .allow(GET, "/api/transcripts/{clinicianId}/certificates.pdf", "certificates", COMPLIANCE)
                .allow(GET, "/api/ce-roster.csv", "the CE roster CSV for boards", COMPLIANCE)
                // the one public path (product rules "Who may do what": anyone checks a certificate by its code)
                .allowAnyone(GET, "/verify/{code}", null)
                // anything else under /verify is 404 to anyone (a page to a browser), not a sign-in challenge
                .publicArea("/verify")
                .allow(GET, "/api/audit/registrations/{registrationId}", "audit trails", COMPLIANCE)
                .allow(GET, "/api/audit/clinicians/{clinicianId}", "audit trails", COMPLIANCE)
                .allow(GET, "/api/admin/projections", "see and rebuild projections", ADMIN)
                .allow(GET, "/api/admin/projections/{name}", "see and rebuild projections", ADMIN)
                .allow(POST, "/api/admin/projections/{name}/rebuild", "see and rebuild projections", ADMIN)
                .allow(GET, "/api/admin/projections/{name}/parked", "see and rebuild projections", ADMIN)
                .allow(POST, "/api/admin/projections/{name}/parked/retry", "see and rebuild projections", ADMIN)
                .allow(GET, "/actuator/prometheus", "metrics", ADMIN)
                .allow(GET, "/actuator/metrics/**", "metrics", ADMIN);
    }
}
