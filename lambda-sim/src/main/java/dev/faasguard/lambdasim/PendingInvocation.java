package dev.faasguard.lambdasim;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/** One event on its way through the Runtime API: queued, delivered to the runtime, then answered. */
final class PendingInvocation {
    /** What the runtime answered. */
    record Answer(Outcome outcome, byte[] body, String errorType, long atNanos) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String requestId;
    private final String traceHeader = xrayTraceHeader();
    private final byte[] event;
    private final long timeoutMillis;
    private final long queuedNanos = System.nanoTime();
    private final CompletableFuture<Long> delivered = new CompletableFuture<>();
    private final CompletableFuture<Answer> answered = new CompletableFuture<>();
    private volatile long deadlineEpochMillis;
    private volatile int connection;

    PendingInvocation(String requestId, byte[] event, long timeoutMillis) {
        this.requestId = requestId;
        this.event = event;
        this.timeoutMillis = timeoutMillis;
    }

    String requestId() {
        return requestId;
    }

    byte[] event() {
        return event;
    }

    /** The X-Ray trace header of the invocation (passive tracing: not sampled), as {@code Lambda-Runtime-Trace-Id}. */
    String traceHeader() {
        return traceHeader;
    }

    private static String xrayTraceHeader() {
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        RANDOM.nextBytes(root);
        RANDOM.nextBytes(parent);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(root)
                + ";Parent=" + HexFormat.of().formatHex(parent) + ";Sampled=0";
    }

    long queuedNanos() {
        return queuedNanos;
    }

    /** Called when the runtime's {@code /next} on {@code connection} receives it; fixes the deadline. */
    void markDelivered(int connection) {
        this.connection = connection;
        deadlineEpochMillis = System.currentTimeMillis() + timeoutMillis;
        delivered.complete(System.nanoTime());
    }

    /** The number of the Runtime API connection that took it; 0 before delivery. */
    int connection() {
        return connection;
    }

    long deadlineEpochMillis() {
        return deadlineEpochMillis;
    }

    boolean isDelivered() {
        return delivered.isDone();
    }

    /** Runs {@code action} as the runtime takes the event (in the server's thread, before the event is sent). */
    void whenDelivered(Runnable action) {
        delivered.thenRun(action);
    }

    /** {@link System#nanoTime()} at delivery; only once {@link #isDelivered()}. */
    long deliveredNanos() {
        return delivered.join();
    }

    /** Records the runtime's answer; false when it had already answered. */
    boolean answer(Outcome outcome, byte[] body, String errorType) {
        return answered.complete(new Answer(outcome, body, errorType, System.nanoTime()));
    }

    CompletableFuture<Answer> answered() {
        return answered;
    }

    /** Delivered and not answered (yet): a runtime thread is still on it. */
    boolean running() {
        return isDelivered() && !answered.isDone();
    }
}
