package com.polaris.kat.events.enrollment;

/**
 * What registering returned: the same for the first request and for any repeat of it.
 *
 * @param replayed true when this answers a repeat of a request already carried out
 */
public record RegistrationResult(String seriesId, String registrationId, String clinicianId, String status,
                                 boolean replayed) {
}
