package com.polaris.kat.eventstore.axonserver;

/**
 * Axon Server cannot be reached or cannot take the request now ({@link AxonServerFailures#isOutage}).
 * Both services answer {@code 503 urn:kat:problem:axon-server-unavailable} with {@code Retry-After}
 * (docs/problems.md); nothing was changed. The cause is the connector's failure as reported.
 */
public class AxonServerUnavailable extends RuntimeException {

    /** Seconds a client should wait before sending the same request again. */
    public static final String RETRY_AFTER_SECONDS = "5";

    /** @param cause the connector's failure (an {@code AXONIQ-3001}, {@code -4003}, {@code -5002} or {@code -2100}, or gRPC UNAVAILABLE) */
    public AxonServerUnavailable(Throwable cause) {
        super("Axon Server is not reachable at the moment: " + cause.getMessage(), cause);
    }

    /** The problem detail both services give: what happened and what to do. */
    public static String detail() {
        return "The event store (Axon Server) cannot be reached at the moment; nothing was changed. "
                + "Send the same request again in a few seconds.";
    }
}
