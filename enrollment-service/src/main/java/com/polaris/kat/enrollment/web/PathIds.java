package com.polaris.kat.enrollment.web;

import com.polaris.kat.security.strict.RequestShape;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * The widest value each path variable of the command side can hold (its column: series and class
 * day ids 40, registration, clinician, waitlist place and offer ids 36 (a UUID; the clinician id as the projection
 * service limits it, a fresh reviewer found 37-40 characters answered 404 here and 400 there), module codes 20, a participant report's SHA-256 64 hex digits); anything longer is 400
 * {@code invalid-path} naming the parameter ({@link RequestShape}). Idempotency-Key is checked here
 * (1–190 printable ASCII characters).
 */
@Configuration
public class PathIds {

    @Bean
    RequestShape.Rules requestShapeRules() {
        return new RequestShape.Rules(Map.of("seriesId", 40, "classDayId", 40, "registrationId", 36, "clinicianId", 36, "placeId", 36,
                "offerId", 36, "code", 20, "sourceFileSha256", 64), 40, true);
    }
}
