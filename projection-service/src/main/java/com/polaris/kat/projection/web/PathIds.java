package com.polaris.kat.projection.web;

import com.polaris.kat.security.strict.RequestShape;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * The widest value each path variable of the read side can hold (its column: series and class day
 * ids 40, registration and clinician ids 36, a series number 10 digits, a projection name 100);
 * anything longer is 400 {@code invalid-path} naming the parameter ({@link RequestShape}). A certificate's
 * {@code verificationCode} is not checked here: {@code /verify/{code}} answers unknown and malformed codes alike (issue 17).
 */
@Configuration
public class PathIds {

    @Bean
    RequestShape.Rules requestShapeRules() {
        return new RequestShape.Rules(Map.of("seriesId", 40, "classDayId", 40, "registrationId", 36, "clinicianId", 36,
                "placeId", 36, "offerId", 36,
                "number", 10, "name", 100,
                "code", 20, "verificationCode", 0), 40, false);
    }
}
