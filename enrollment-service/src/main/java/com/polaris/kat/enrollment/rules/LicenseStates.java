package com.polaris.kat.enrollment.rules;

import java.util.Set;

/**
 * Where a clinician's license may be issued: a US state or territory, by its USPS two-letter code (the 50
 * states, DC, and the territories PR, GU, VI, AS, MP). Product rules: a registration names the license
 * number and its issuing state, and the certificate shows them for US boards; the program is sold in USD,
 * taught on Pacific time and its CE hours are approved by US accreditors. The training page does not speak
 * of licenses from outside the US, and the record has no country, so a non-US license cannot be recorded
 * faithfully (decision in docs/decisions.md). Military mail codes (AA, AE, AP) and the freely associated
 * states (FM, MH, PW) issue no US clinical licenses and are refused too.
 */
public final class LicenseStates {

    /** The USPS codes of the 50 states, the District of Columbia and the five inhabited territories. */
    public static final Set<String> CODES = Set.of(
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
            "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
            "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
            "DC",
            "PR", "GU", "VI", "AS", "MP");

    private LicenseStates() {
    }

    /**
     * @param state the issuing state as sent (two capital letters; its form is checked by the request's validation)
     * @param field the request field that holds it, e.g. {@code clinician.licenseState}
     * @throws Refusal invalid-license-state (422, naming the field) when it is no US state or territory
     */
    public static void check(String state, String field) {
        if (!CODES.contains(state)) {
            throw Refusal.invalidField("invalid-license-state", field, "The license's issuing state '" + state
                    + "' is not a US state or territory; use its USPS code (e.g. CA, NY, DC, PR). Licenses issued outside the US cannot be registered.");
        }
    }
}
