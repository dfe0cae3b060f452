package dev.faasguard.agent.invocation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One invocation of the function: what the report says about it. Changed only by {@link InvocationMonitor} and {@link InvocationHistory}. */
public final class Invocation {

    public enum Outcome {
        RUNNING, SUCCESS, ERROR, TIMEOUT, CRASH;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String id;
    private final boolean coldStart;
    private final long startEpochMillis;
    private final long startNanos;
    private final long deadlineEpochMillis;
    private final Thread thread;
    private final long tmpBytesBefore;
    private volatile Outcome outcome = Outcome.RUNNING;
    private volatile long durationMillis = -1;
    private volatile long tmpBytesAfter = -1;
    private volatile boolean ended;
    private volatile List<Map<String, Object>> tmpFilesLeaked = List.of();
    private volatile Throwable failure;
    /** How long the SnapStart restore before it took (restore hooks included), or -1: it followed no restore. */
    private volatile long restoreMillis = -1;
    /** Set once nothing more can be found about it (its work after the response is done). */
    private volatile boolean settled;
    /** Its report entry once settled: the same unmodifiable map every time, which the report's writer reuses. */
    private volatile Map<String, Object> finalEntry;

    Invocation(String id, boolean coldStart, long deadlineEpochMillis, Thread thread, long tmpBytesBefore) {
        this.id = id;
        this.coldStart = coldStart;
        this.startEpochMillis = System.currentTimeMillis();
        this.startNanos = System.nanoTime();
        this.deadlineEpochMillis = deadlineEpochMillis;
        this.thread = thread;
        this.tmpBytesBefore = tmpBytesBefore;
    }

    public String id() {
        return id;
    }

    public boolean coldStart() {
        return coldStart;
    }

    public Thread thread() {
        return thread;
    }

    long startEpochMillis() {
        return startEpochMillis;
    }

    public long deadlineEpochMillis() {
        return deadlineEpochMillis;
    }

    public boolean ended() {
        return ended;
    }

    public long elapsedMillis() {
        return elapsedNanos() / 1_000_000;
    }

    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    String outcome() {
        return outcome.id();
    }

    long tmpBytesBefore() {
        return tmpBytesBefore;
    }

    long tmpBytesAfter() {
        return tmpBytesAfter;
    }

    /** What the handler threw, as the runtime client reported it. */
    void failed(Throwable error) {
        failure = error;
    }

    Throwable failure() {
        return failure;
    }

    /** The watchdog's verdict before the platform kills the process; a later end still records what happened. */
    void timedOut() {
        outcome = Outcome.TIMEOUT;
        durationMillis = elapsedMillis();
    }

    void leaked(List<Map<String, Object>> files) {
        tmpFilesLeaked = List.copyOf(files);
    }

    void end(Outcome result, long tmpBytes) {
        outcome = result;
        durationMillis = elapsedMillis();
        tmpBytesAfter = tmpBytes;
        ended = true;
    }

    /** It is the first invocation of a copy restored from a SnapStart snapshot, {@code millis} after the restore. */
    void restored(long millis) {
        restoreMillis = millis;
    }

    boolean restored() {
        return restoreMillis >= 0;
    }

    /** Nothing more will be found about it: its report entry is final. */
    void settled() {
        settled = true;
    }

    /** The report's entry, with the findings that first fired in this invocation. */
    Map<String, Object> toJson(List<String> findings) {
        Map<String, Object> kept = finalEntry;
        if (kept != null) {
            return kept;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("coldStart", coldStart);
        if (restoreMillis >= 0) {
            json.put("restored", true);
            json.put("restoreDurationMs", restoreMillis);
        }
        json.put("startEpochMs", startEpochMillis);
        json.put("deadlineEpochMs", deadlineEpochMillis > 0 ? deadlineEpochMillis : null);
        json.put("durationMs", durationMillis >= 0 ? durationMillis : elapsedMillis());
        json.put("outcome", outcome.id());
        json.put("tmpBytesBefore", tmpBytesBefore >= 0 ? tmpBytesBefore : null);
        json.put("tmpBytesAfter", tmpBytesAfter >= 0 ? tmpBytesAfter : null);
        json.put("tmpFilesLeaked", tmpFilesLeaked);
        json.put("findings", List.copyOf(findings));
        if (ended && settled) {
            finalEntry = Collections.unmodifiableMap(json);
            return finalEntry;
        }
        return json;
    }
}
