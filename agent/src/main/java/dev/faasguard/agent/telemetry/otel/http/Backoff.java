package dev.faasguard.agent.telemetry.otel.http;

import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The waits between attempts of one export under a {@link RetryPolicy}: exponential, capped, with 20%
 * jitter either way, or what the collector's {@code Retry-After} asked for; never past the export's deadline.
 */
final class Backoff {

    private final RetryPolicy policy;
    private long nextNanos;

    Backoff(RetryPolicy policy) {
        this.policy = policy;
        this.nextNanos = policy.getInitialBackoff().toNanos();
    }

    /**
     * Sleeps before the given attempt.
     *
     * @param retryAfterNanos the collector's {@code Retry-After}, or -1
     * @return false, without sleeping, when the policy allows no such attempt or it could not start before
     *     the deadline; also false when the thread is interrupted
     */
    boolean waitBeforeAttempt(int attempt, long retryAfterNanos, long deadlineNanos) {
        if (attempt > policy.getMaxAttempts()) {
            return false;
        }
        long capped = Math.min(nextNanos, policy.getMaxBackoff().toNanos());
        long wait = retryAfterNanos >= 0 ? retryAfterNanos : (long) (capped * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
        nextNanos = (long) (nextNanos * policy.getBackoffMultiplier());
        if (System.nanoTime() + wait >= deadlineNanos) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
