package com.polaris.kat.console;

import org.springframework.stereotype.Component;

import java.math.BigDecimal;

/**
 * CE hours as the accreditor's documents print them, in templates as {@code ${@hours.of(x)}}: the services' decimal hours
 * (JSON numbers such as {@code 48.00}, {@code 8.0} or {@code 7.5}) shown without trailing zeros ("48", "8", "7.5"), the
 * same as the certificate PDF and the public verification page; never rounded.
 */
@Component("hours")
public class Hours {

    /**
     * @param hours decimal CE hours as the services answer them (number or text); null or blank shows as empty
     * @return the hours without trailing zeros ("48", "7.5")
     */
    public String of(Object hours) {
        if (hours == null || hours.toString().isBlank()) {
            return "";
        }
        return new BigDecimal(hours.toString().strip()).stripTrailingZeros().toPlainString();
    }
}
