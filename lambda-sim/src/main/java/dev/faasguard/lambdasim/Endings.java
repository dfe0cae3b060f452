package dev.faasguard.lambdasim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Lambda's rules for when an invocation is over: answered, failed to initialize or restore, the runtime exited, or a
 * limit passed. Under {@code maxConcurrency} (Lambda Managed Instances) the deadline ends the invocation for its
 * caller but the environment goes on: nothing is killed, the runtime thread stays on it.
 */
final class Endings {
    /** How an invocation ended; {@code fatal}: its environment cannot go on (the JVM is killed if still alive). */
    record Ending(Outcome outcome, byte[] body, String errorType, long atNanos, boolean fatal) {
    }

    private static final String TIMED_OUT = "Sandbox.Timedout";

    private final SimConfig config;
    private final RuntimeApiServer api;
    private final Process process;

    Endings(SimConfig config, RuntimeApiServer api, Process process) {
        this.config = config;
        this.api = api;
        this.process = process;
    }

    /**
     * How {@code inv} has ended at {@code now}, or null while it goes on. {@code initSinceNanos} is when the
     * environment's first event was queued: the initialization counts from there.
     */
    Ending of(PendingInvocation inv, long now, long initSinceNanos) {
        // Read before the answers: an answer or error posted just before the exit is then seen, not taken for a crash.
        boolean dead = !process.isAlive();
        PendingInvocation.Answer answer = inv.answered().getNow(null);
        if (answer != null) {
            return new Ending(answer.outcome(), answer.body(), answer.errorType(), answer.atNanos(), false);
        }
        RuntimeApiServer.RuntimeError error = api.initError().getNow(null);
        if (error != null) {
            return new Ending(Outcome.INIT_ERROR, error.body(), error.errorType(), now, true);
        }
        error = api.restoreError().getNow(null);
        if (error != null) {
            return new Ending(Outcome.RESTORE_ERROR, error.body(), error.errorType(), now, true);
        }
        if (dead) {
            return failed(Outcome.CRASH, "Runtime.ExitError", inv, "Runtime exited with error: "
                    + exitDescription(process.exitValue()), now, true);
        }
        if (inv.isDelivered()) {
            return now - inv.deliveredNanos() < config.timeout().toNanos() ? null
                    : timedOut(inv, config.timeout(), "", now, !config.concurrent());
        }
        if (!api.firstNext().isDone()) {
            return initOver(inv, now, initSinceNanos);
        }
        // Ready, yet no runtime thread has come back for an event since this one was queued.
        long waitingSince = Math.max(inv.queuedNanos(), api.lastNextNanos());
        if (now - waitingSince < config.timeout().toNanos()) {
            return null;
        }
        return config.concurrent()
                ? failed(Outcome.THROTTLED, "TooManyRequestsException", inv, "Rate Exceeded: no runtime thread was"
                        + " free for " + Units.seconds(config.timeout()) + " seconds (all " + config.maxConcurrency()
                        + " busy)", now, false)
                : timedOut(inv, config.timeout(), "", now, true);
    }

    /** The initialization (and under SnapStart the restore) has passed the init timeout; null while it may go on. */
    private Ending initOver(PendingInvocation inv, long now, long initSinceNanos) {
        Long restoredAt = api.restored().getNow(null);
        long limit = config.initTimeout().toNanos();
        if (restoredAt != null) {
            return now - restoredAt < limit ? null : failed(Outcome.TIMEOUT, "SnapStartTimeoutException", inv,
                    "Lambda couldn't restore the snapshot within the timeout limit ("
                            + Units.seconds(config.initTimeout()) + " seconds)", now, true);
        }
        if (api.checkpoint().isDone()) {
            return null; // lambda-sim holds the snapshot: its own wait, no limit of the function's
        }
        return now - initSinceNanos < limit ? null : timedOut(inv, config.initTimeout(), " (initialization)", now, true);
    }

    private static Ending timedOut(PendingInvocation inv, Duration limit, String phase, long now, boolean fatal) {
        return failed(Outcome.TIMEOUT, TIMED_OUT, inv, "Task timed out after " + Units.seconds(limit) + " seconds"
                + phase, now, fatal);
    }

    private static Ending failed(Outcome outcome, String errorType, PendingInvocation inv, String message, long now,
                                 boolean fatal) {
        byte[] body = Json.error(errorType, "RequestId: " + inv.requestId() + " Error: " + message)
                .getBytes(StandardCharsets.UTF_8);
        return new Ending(outcome, body, errorType, now, fatal);
    }

    /** Lambda's wording (Go's os/exec): {@code exit status 1}, {@code signal: killed}. */
    static String exitDescription(int exitValue) {
        if (exitValue > 128 && exitValue < 160) {
            return switch (exitValue - 128) {
                case 9 -> "signal: killed";
                case 6 -> "signal: aborted";
                case 11 -> "signal: segmentation fault";
                case 15 -> "signal: terminated";
                case 7 -> "signal: bus error";
                default -> "signal: " + (exitValue - 128);
            };
        }
        return "exit status " + exitValue;
    }
}
