package dev.faasguard.agent.invocation;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** The wall clock in nanoseconds since the epoch, as span timestamps take it. */
public final class EpochNanos {

    private EpochNanos() {}

    public static long now() {
        Instant now = Instant.now();
        return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }
}
