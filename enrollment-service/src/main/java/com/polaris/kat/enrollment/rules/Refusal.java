package com.polaris.kat.enrollment.rules;

import org.axonframework.common.AxonNonTransientException;

/**
 * A rule said no. Carries a stable problem type (documented in docs/problems.md), the kind of
 * refusal (which the web layer turns into a status), and a message that says what to do.
 * Non-transient: Axon never retries it.
 */
public class Refusal extends AxonNonTransientException {

    /**
     * The members with every whole number as a long whatever it was made with, so a refusal that crossed the wire (JSON reads
     * small numbers back as int) equals the one sent; unmodifiable, in order.
     */
    private static java.util.Map<String, Object> wholeNumbersAsLongs(java.util.Map<String, Object> members) {
        java.util.Map<String, Object> kept = new java.util.LinkedHashMap<>();
        members.forEach((name, value) -> kept.put(name, value instanceof Integer || value instanceof Short || value instanceof Byte
                ? Long.valueOf(((Number) value).longValue()) : value));
        return java.util.Collections.unmodifiableMap(kept);
    }

    /** The kind of refusal, and the one place its HTTP status is decided. */
    public enum Kind {
        /** The request is well-formed but asks for something the rules do not allow as stated (422). */
        INVALID(422),
        /** The request conflicts with the current state (409): sold out, already cancelled, exists. */
        CONFLICT(409),
        /** What the request names does not exist (404). */
        NOT_FOUND(404);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        /** The HTTP status of a refusal of this kind: 422, 409 or 404. */
        public int status() {
            return status;
        }

        /**
         * The kind whose status this is (a refusal that crossed the wire carries its status).
         *
         * @throws IllegalArgumentException for any status other than 422, 409, 404
         */
        public static Kind ofStatus(int status) {
            for (Kind k : values()) {
                if (k.status == status) {
                    return k;
                }
            }
            throw new IllegalArgumentException("no refusal kind has the status " + status);
        }
    }

    private final Kind kind;
    private final String type;
    private final String field;
    /** RFC 9457 extension members beyond {@code field} (name to a JSON number or string), in the order added; empty for most. */
    private final java.util.Map<String, Object> members;

    public Refusal(Kind kind, String type, String message) {
        this(kind, type, message, null);
    }

    /**
     * @param field the request field the refusal is about, as the client sent it (e.g. {@code capacity},
     *              {@code clinician.licenseState}), or null when it is about no one field
     */
    public Refusal(Kind kind, String type, String message, String field) {
        this(kind, type, message, field, java.util.Map.of());
    }

    /**
     * @param members RFC 9457 extension members the problem carries besides {@code field}, for a client to read what the
     *                message says in words (e.g. payment-mismatch's {@code paymentDueCents}); names are camelCase, values a
     *                number or a string
     */
    public Refusal(Kind kind, String type, String message, String field, java.util.Map<String, Object> members) {
        super(message);
        // most refusals have none (a sold-out race refuses hundreds): no map of their own
        this.members = members.isEmpty() ? java.util.Map.of() : wholeNumbersAsLongs(members);
        this.kind = kind;
        this.type = type;
        this.field = field;
    }

    /**
     * No stack trace: a refusal is the answer a rule gives, named by its type, and is never logged as a fault; filling
     * in the trace through the web, Axon and aggregate frames was 5 % of the service's CPU in the sell-out race, where
     * most requests are refused ({@code infra/bench/run.sh profile race}, 2026-12-01).
     */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** A 422 about the request as a whole; {@code type} is the problem type's slug (docs/problems.md). */
    public static Refusal invalid(String type, String message) {
        return new Refusal(Kind.INVALID, type, message);
    }

    /**
     * A 422 about one field of the request: the problem names it ({@code field}), so a client can show
     * the refusal at that field.
     */
    public static Refusal invalidField(String type, String field, String message) {
        return new Refusal(Kind.INVALID, type, message, field);
    }

    /** A 409: the request is well formed but the state it meets refuses it (sold out, already cancelled, ...). */
    public static Refusal conflict(String type, String message) {
        return new Refusal(Kind.CONFLICT, type, message);
    }

    /** A 404: what the request names does not exist (or is not part of what it names it with). */
    public static Refusal notFound(String type, String message) {
        return new Refusal(Kind.NOT_FOUND, type, message);
    }

    /** Which HTTP status the refusal answers with: INVALID 422, CONFLICT 409, NOT_FOUND 404. */
    public Kind kind() {
        return kind;
    }

    /** The problem type's slug, e.g. "sold-out" (the problem's {@code type} is its URI). */
    public String type() {
        return type;
    }

    /** The request field the refusal is about, or null. */
    public String field() {
        return field;
    }

    /** The problem's extension members besides {@code field} (unmodifiable, in order; empty for most refusals). */
    public java.util.Map<String, Object> members() {
        return members;
    }

    /** This refusal with one more extension member (RFC 9457, section 3.2): {@code name} camelCase, {@code value} a number or string. */
    public Refusal with(String name, Object value) {
        java.util.Map<String, Object> more = new java.util.LinkedHashMap<>(members);
        more.put(name, value);
        return new Refusal(kind, type, getMessage(), field, more);
    }
}
