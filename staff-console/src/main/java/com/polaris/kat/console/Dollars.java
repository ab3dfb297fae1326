package com.polaris.kat.console;

import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Amounts as finance reads them, in templates as {@code ${@dollars.usd(x)}}: the services' decimal
 * dollar strings ("6525.00", "-25.00") shown as "$6,525.00" and "−$25.00", to the cent, never rounded
 * (the services' amounts are exact cents).
 */
@Component("dollars")
public class Dollars {

    /**
     * @param amount a decimal dollar amount as the services answer it (text or number); null or blank shows as empty
     * @return "$1,234.56" (U.S. grouping, two decimals), with a minus sign before the dollar sign when negative
     */
    public String usd(Object amount) {
        if (amount == null || amount.toString().isBlank()) {
            return "";
        }
        BigDecimal value = new BigDecimal(amount.toString().strip());
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        format.setParseBigDecimal(true);
        return (value.signum() < 0 ? "−$" : "$") + format.format(value.abs());
    }
}
