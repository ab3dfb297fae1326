package com.polaris.kat.projection.streaming;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Queries that wait for a projection to reach a position ({@code minPosition}, read-your-writes) wait here: one thread
 * of its own checks every waiting condition once per {@code interval} and wakes each waiting request once, when its
 * condition holds or its time is up.
 * <p>
 * Why not each request polling on its own: every waiting request thread then woke every 2 ms, so the wake-ups grew with
 * the number of waiting requests, which grows with the lag itself; at 100 registrations/s on the benchmark's 2-core
 * machine (lag p99 hundreds of milliseconds) that was tens of thousands of thread wake-ups a second, CPU taken from the
 * projections that were behind (issue 12; the 2026-12-01 profile of the projection service had the polling at 14 % of
 * its CPU). Here the wake-ups are at most one per interval plus one per request, however many wait.
 */
public final class PositionWaits implements AutoCloseable {

    private record Waiter(BooleanSupplier done, long deadlineNanos, CompletableFuture<Boolean> result) {
    }

    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final long intervalNanos;
    private final Thread checker;
    private volatile boolean running = true;

    /** @param interval how often waiting conditions are checked (the projection service uses 1 ms) */
    public PositionWaits(Duration interval) {
        this.intervalNanos = interval.toNanos();
        this.checker = new Thread(this::run, "projection-position-waits");
        checker.setDaemon(true);
        checker.start();
    }

    /**
     * Blocks the calling thread until {@code done} holds, at most {@code maxWait}. {@code done} is asked first on the
     * calling thread (no wait when it already holds), then by the checking thread only.
     *
     * @return whether {@code done} held within {@code maxWait}
     */
    public boolean await(BooleanSupplier done, Duration maxWait) {
        if (done.getAsBoolean()) {
            return true;
        }
        Waiter w = new Waiter(done, System.nanoTime() + maxWait.toNanos(), new CompletableFuture<>());
        waiters.add(w);
        LockSupport.unpark(checker);
        try {
            // the checker completes it by the deadline; the extra second is for a checker that died (it never should)
            return w.result().get(maxWait.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            waiters.remove(w);
            return done.getAsBoolean();
        } catch (ExecutionException e) { // the condition itself failed (say, an unknown projection): as if asked here
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            waiters.remove(w);
            return done.getAsBoolean();
        }
    }

    /** Requests waiting now. */
    public int waiting() {
        return waiters.size();
    }

    private void run() {
        while (running) {
            if (waiters.isEmpty()) {
                LockSupport.park(this); // woken by the next await
                continue;
            }
            long now = System.nanoTime();
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                boolean done;
                try {
                    done = w.done().getAsBoolean();
                } catch (RuntimeException e) {
                    it.remove();
                    w.result().completeExceptionally(e);
                    continue;
                }
                if (done || now - w.deadlineNanos() > 0) {
                    it.remove();
                    w.result().complete(done);
                }
            }
            LockSupport.parkNanos(this, intervalNanos);
        }
        waiters.forEach(w -> w.result().complete(w.done().getAsBoolean()));
        waiters.clear();
    }

    /** Stops the checking thread; requests still waiting are answered with their condition as it is now. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(checker);
    }
}
