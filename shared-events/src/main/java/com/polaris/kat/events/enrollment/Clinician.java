package com.polaris.kat.events.enrollment;

/** Who registers: as the clinician gave it. Personal data: never logged. */
public record Clinician(String fullName, String email, String profession, String licenseNumber, String licenseState) {
}
