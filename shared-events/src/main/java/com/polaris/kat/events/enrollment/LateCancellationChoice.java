package com.polaris.kat.events.enrollment;

/** After the cutoff the participant chooses: credit of the full amount paid, or half of it refunded. */
public enum LateCancellationChoice {
    CREDIT,
    REFUND
}
