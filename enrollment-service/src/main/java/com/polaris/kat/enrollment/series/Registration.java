package com.polaris.kat.enrollment.series;

import com.polaris.kat.enrollment.attendance.CeCreditRule.Attended;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.enrollment.RefundDecision;
import com.polaris.kat.events.money.Money;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** One registration's state inside its series; changed only by the series' event sourcing handlers. */
final class Registration {

    private final String registrationId;
    private final String clinicianId;
    private final boolean ceOption;
    private final Payment payment;
    private final Money creditApplied;
    private final String refundPolicyVersion;
    private final String requestFingerprint;
    private RefundDecision refundDecision;
    private boolean refundSettled;
    private String settledReference;
    private int payoutAttempts;
    private final Map<String, Attended> attendance = new HashMap<>();
    final Set<String> evaluationCompleted = new HashSet<>();
    final Set<String> ceEarned = new HashSet<>();
    private final Map<String, SeriesClassDay> makeUps = new HashMap<>();

    Registration(RegistrationPlaced e) {
        registrationId = e.registrationId();
        clinicianId = e.clinicianId();
        ceOption = e.ceOption();
        payment = e.payment();
        creditApplied = e.creditApplied();
        refundPolicyVersion = e.refundPolicyVersion();
        requestFingerprint = e.requestFingerprint();
    }

    String registrationId() {
        return registrationId;
    }

    String clinicianId() {
        return clinicianId;
    }

    boolean ceOption() {
        return ceOption;
    }

    Payment payment() {
        return payment;
    }

    Money creditApplied() {
        return creditApplied;
    }

    String refundPolicyVersion() {
        return refundPolicyVersion;
    }

    String requestFingerprint() {
        return requestFingerprint;
    }

    boolean cancelled() {
        return refundDecision != null;
    }

    String status() {
        return cancelled() ? "CANCELLED" : "ACTIVE";
    }

    RefundDecision refundDecision() {
        return refundDecision;
    }

    boolean refundSettled() {
        return refundSettled;
    }

    int payoutAttempts() {
        return payoutAttempts;
    }

    Attended attendance(String classDayId) {
        return attendance.get(classDayId);
    }

    boolean evaluationCompleted(String moduleCode) {
        return evaluationCompleted.contains(moduleCode);
    }

    boolean ceEarned(String moduleCode) {
        return ceEarned.contains(moduleCode);
    }

    void cancelled(RefundDecision decision) {
        refundDecision = decision;
    }

    void payoutSettled(String reference) {
        payoutAttempts++;
        refundSettled = true;
        settledReference = reference;
    }

    /** The settled payout came back: the refund is owed again. */
    void payoutReversed() {
        refundSettled = false;
    }

    String settledReference() {
        return settledReference;
    }

    void payoutFailed() {
        payoutAttempts++;
    }

    SeriesClassDay makeUpDay(String moduleCode) {
        return makeUps.get(moduleCode);
    }

    java.util.Collection<SeriesClassDay> makeUpDays() {
        return makeUps.values();
    }

    void makeUpBooked(SeriesClassDay day) {
        makeUps.put(day.moduleCode(), day);
    }

    void attended(String classDayId, Attended a) {
        attendance.put(classDayId, a);
    }

    /** Value equality: Axon's test fixture checks that replaying the events rebuilds the same state. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Registration r && state().equals(r.state());
    }

    @Override
    public int hashCode() {
        return state().hashCode();
    }

    private java.util.List<Object> state() {
        return java.util.Arrays.asList(registrationId, clinicianId, ceOption, payment, creditApplied, refundPolicyVersion,
                requestFingerprint, refundDecision, refundSettled, settledReference, payoutAttempts, attendance, evaluationCompleted, ceEarned, makeUps);
    }
}
