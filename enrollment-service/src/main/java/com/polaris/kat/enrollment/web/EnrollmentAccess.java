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

/** Who may send which command. Anything not listed is denied. */
@Configuration
public class EnrollmentAccess {

    @Bean
    AccessRules accessRules() {
        return new AccessRules()
                .allowApiDocs()
                .allow(POST, "/api/catalog/modules", ADMIN)
                .allow(PUT, "/api/catalog/modules/{code}/ce-hours", ADMIN)
                .allow(POST, "/api/catalog/series", ADMIN)
                .allow(PUT, "/api/catalog/series/{seriesId}/capacity", ADMIN)
                .allow(POST, "/api/catalog/class-days/{classDayId}/move", ADMIN)
                .allow(PUT, "/api/catalog/class-days/{classDayId}/make-up-places", ADMIN)
                .allow(POST, "/api/series/{seriesId}/registrations", FRONT_END)
                .allow(POST, "/api/series/{seriesId}/registrations/{registrationId}/cancel", FRONT_END)
                .allow(POST, "/api/credit/transfers", FRONT_END)
                .allow(POST, "/api/series/{seriesId}/registrations/{registrationId}/refund-payouts", FINANCE)
                .allow(POST, "/api/series/{seriesId}/registrations/{registrationId}/attendance", ATTENDANCE)
                .allow(POST, "/api/series/{seriesId}/registrations/{registrationId}/attendance-corrections", ATTENDANCE)
                .allow(POST, "/api/series/{seriesId}/registrations/{registrationId}/evaluations", ATTENDANCE)
                .allow(POST, "/api/series/{seriesId}/registrations/{registrationId}/make-ups", ATTENDANCE, ADMIN)
                .allow(POST, "/api/class-days/{classDayId}/participant-reports", ATTENDANCE)
                .allow(POST, "/api/class-days/{classDayId}/participant-reports/{sourceFileSha256}/ignored-rows", ATTENDANCE)
                .allow(POST, "/api/clinicians/{clinicianId}/erasure-requests", ADMIN, COMPLIANCE)
                // the benchmark's state-stored peer (profile crud-peer only; peer/CrudRegistrationPeer)
                .allow(PUT, "/api/crud-peer/series/{seriesId}", ADMIN)
                .allow(POST, "/api/crud-peer/series/{seriesId}/registrations", FRONT_END)
                .allow(GET, "/actuator/prometheus", ADMIN)
                .allow(GET, "/actuator/metrics/**", ADMIN);
    }
}
