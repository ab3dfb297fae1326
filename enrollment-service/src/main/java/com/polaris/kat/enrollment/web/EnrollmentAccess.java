package com.polaris.kat.enrollment.web;

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
import static org.springframework.http.HttpMethod.PUT;

/**
 * Who may send which command (shared/product-rules "Who may do what", least privilege). Anything not
 * listed is denied. The one source of the enrollment service's rules: the security filter chain
 * enforces them, {@code AuthorizationMatrixTest} sends every endpoint x every role from them, and
 * the README's role table ("commands" column) is checked against their words.
 */
@Configuration
public class EnrollmentAccess {

    /** The rules, in the order the README's role table lists their words. */
    @Bean
    public AccessRules accessRules() {
        return new AccessRules()
                .allowApiDocs()
                .allow(POST, "/api/series/{seriesId}/registrations", "register", FRONT_END)
                .allow(POST, "/api/series/{seriesId}/registrations/{registrationId}/cancel", "cancel", FRONT_END)
                .allow(POST, "/api/credit/transfers", "transfer credit", FRONT_END)
                .allow(POST, "/api/series/{seriesId}/waitlist", "join or leave waitlists", FRONT_END)
                .allow(POST, "/api/series/{seriesId}/waitlist/{placeId}/leave", "join or leave waitlists", FRONT_END)
                .allow(POST, "/api/series/{seriesId}/waitlist-offers/{offerId}/accept", "accept or decline waitlist offers", FRONT_END)
                .allow(POST, "/api/series/{seriesId}/waitlist-offers/{offerId}/decline", "accept or decline waitlist offers", FRONT_END)
                .allow(POST, "/api/series/{seriesId}/registrations/{registrationId}/attendance", "record attendance", ATTENDANCE)
                .allow(POST, "/api/class-days/{classDayId}/participant-reports", "import participant reports", ATTENDANCE)
                .allow(POST, "/api/class-days/{classDayId}/participant-reports/{sourceFileSha256}/ignored-rows", "import participant reports", ATTENDANCE)
                .allow(POST, "/api/series/{seriesId}/registrations/{registrationId}/attendance-corrections", "correct attendance", ATTENDANCE)
                .allow(POST, "/api/series/{seriesId}/registrations/{registrationId}/evaluations", "record evaluations", ATTENDANCE)
                .allow(POST, "/api/series/{seriesId}/registrations/{registrationId}/evaluation-withdrawals", "withdraw evaluations", ATTENDANCE)
                .allow(POST, "/api/series/{seriesId}/registrations/{registrationId}/report-reviews", "review participant reports set aside", ATTENDANCE)
                .allow(POST, "/api/series/{seriesId}/registrations/{registrationId}/make-ups", "book or cancel make-ups", ATTENDANCE)
                .allow(POST, "/api/series/{seriesId}/registrations/{registrationId}/make-ups/{moduleCode}/cancellation", "book or cancel make-ups",
                        ATTENDANCE)
                .allow(POST, "/api/series/{seriesId}/registrations/{registrationId}/refund-payouts", "record payout outcomes", FINANCE)
                .allow(POST, "/api/catalog/modules", "manage the catalog", ADMIN)
                .allow(PUT, "/api/catalog/modules/{code}/ce-hours", "manage the catalog", ADMIN)
                .allow(POST, "/api/catalog/series", "manage the catalog", ADMIN)
                .allow(PUT, "/api/catalog/series/{seriesId}/capacity", "manage the catalog", ADMIN)
                .allow(PUT, "/api/catalog/series/{seriesId}/offer-window", "manage the catalog", ADMIN)
                .allow(POST, "/api/catalog/class-days/{classDayId}/move", "manage the catalog", ADMIN)
                .allow(PUT, "/api/catalog/class-days/{classDayId}/make-up-places", "manage the catalog", ADMIN)
                .allow(POST, "/api/clinicians/{clinicianId}/erasure-requests", "record erasure requests", ADMIN, COMPLIANCE)
                // the benchmark's state-stored peer (profile crud-peer only; peer/CrudRegistrationPeer)
                .allow(PUT, "/api/crud-peer/series/{seriesId}", "the benchmark's peer (profile crud-peer)", ADMIN)
                .allow(POST, "/api/crud-peer/series/{seriesId}/registrations", "the benchmark's peer (profile crud-peer)", FRONT_END)
                .allow(GET, "/actuator/prometheus", "metrics", ADMIN)
                .allow(GET, "/actuator/metrics/**", "metrics", ADMIN);
    }
}
