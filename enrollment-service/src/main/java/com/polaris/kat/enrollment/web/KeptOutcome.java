package com.polaris.kat.enrollment.web;

/**
 * A command result that a repeat of its request under the same {@code Idempotency-Key} is answered with: kept as JSON
 * with the key's claim, in the command's transaction ({@link IdempotencyKeys#recordOutcome}), and read back as the
 * result's type ({@link CommandSender#sendOnce(Object, String, Object, Class)}). A JSON scalar result is kept without it.
 * It must hold no personal data (names, e-mail addresses, license numbers): the idempotency table is not erased
 * (product rules, "Personal data").
 */
public interface KeptOutcome {
}
