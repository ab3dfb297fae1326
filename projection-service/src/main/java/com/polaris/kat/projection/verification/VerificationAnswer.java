package com.polaris.kat.projection.verification;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What anyone may learn about a certificate from its code (product rules "Who may do what"):
 * whether it is valid or withdrawn, the program, series, dates, total CE hours and the name as
 * printed; nothing else about the person. Every answer has every field: an unknown or malformed
 * code is {@code status UNKNOWN} with the certificate's fields null. A withdrawn certificate does not
 * name a newer one.
 *
 * @param code        the code asked about, as typed (at most 40 characters)
 * @param status      VALID, WITHDRAWN or UNKNOWN
 * @param firstDate   first class date (America/Los_Angeles), lastDate the last
 * @param totalHours  CE hours in total (decimal)
 * @param participant the name as printed on the certificate
 * @param issuedOn    UTC date of issue; withdrawnOn the UTC date it was withdrawn (null unless WITHDRAWN)
 * @param message     one sentence saying what the status means
 */
@io.swagger.v3.oas.annotations.media.Schema(description = "The answer to a certificate check; the same fields for an unknown or malformed code (status UNKNOWN, the rest null).",
        example = "{\"code\":\"KAT-E8B4-17D3-579B\",\"status\":\"VALID\",\"program\":\"Ketamine Assisted Therapy Training for Clinicians\","
                + "\"provider\":\"Polaris Insight Center\",\"series\":\"Series 19\",\"firstDate\":\"2023-07-13\",\"lastDate\":\"2023-12-18\","
                + "\"totalHours\":48,\"participant\":\"Finn Demo\",\"issuedOn\":\"2023-12-19\","
                + "\"message\":\"This certificate is valid.\"}")
public record VerificationAnswer(String code, String status, String program, String provider, String series, LocalDate firstDate,
                                 LocalDate lastDate, BigDecimal totalHours, String participant, LocalDate issuedOn,
                                 LocalDate withdrawnOn, String message) {
}
