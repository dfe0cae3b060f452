package dev.faasguard.agent.invocation;

import dev.faasguard.agent.finding.FindingStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The invocations running now (one at a time on on-demand Lambda, several under Managed Instances) and the ones
 * before them: cold or warm, and what the report lists.
 */
public final class InvocationHistory {

    /** Kept in the report; older invocations are dropped first (a warm environment may live for hours). */
    private static final int KEPT = 1000;

    private final List<Invocation> invocations = new ArrayList<>();
    /** The invocations started and not ended, oldest first. */
    private final List<Invocation> running = new ArrayList<>();
    /** The only invocation running, or null when none or several are. */
    private volatile Invocation soleRunning;
    private volatile long tmpCapacityBytes = -1;
    private volatile long tmpWalks;
    private volatile int started;

    /** A new invocation on {@code thread}; the first in this JVM is the cold start. */
    synchronized Invocation start(String requestId, long deadlineEpochMillis, Thread thread, long tmpBytes) {
        String id = requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId;
        Invocation invocation = new Invocation(id, started++ == 0, deadlineEpochMillis, thread, tmpBytes);
        invocations.add(invocation);
        if (invocations.size() > KEPT) {
            invocations.remove(0);
        }
        running.add(invocation);
        soleRunning = running.size() == 1 ? invocation : null;
        return invocation;
    }

    /** Whether any invocation has started in this JVM: init is over. */
    boolean anyStarted() {
        return started > 0;
    }

    /** The invocation running now when it is the only one, else null. */
    Invocation soleRunning() {
        return soleRunning;
    }

    /** The invocations running now, oldest first. */
    synchronized List<Invocation> running() {
        return List.copyOf(running);
    }

    synchronized void end(Invocation invocation, Invocation.Outcome outcome, long tmpBytes) {
        invocation.end(outcome, tmpBytes);
        running.remove(invocation);
        soleRunning = running.size() == 1 ? running.get(0) : null;
    }

    /** The earliest deadline (epoch ms) among the running invocations, 0 when none has one. */
    synchronized long earliestDeadline() {
        long earliest = 0;
        for (Invocation invocation : running) {
            long deadline = invocation.deadlineEpochMillis();
            if (deadline > 0 && (earliest == 0 || deadline < earliest)) {
                earliest = deadline;
            }
        }
        return earliest;
    }

    /** The capacity of /tmp as measured at the end of the last invocation. */
    void tmpCapacity(long bytes) {
        tmpCapacityBytes = bytes;
    }

    void tmpWalks(long walks) {
        tmpWalks = walks;
    }

    /** How many times /tmp was walked: once for a baseline, then only when its figures and the hooks disagree. */
    public long tmpWalks() {
        return tmpWalks;
    }

    /** The capacity of /tmp, or -1 before the first invocation ended. */
    public long tmpCapacityBytes() {
        return tmpCapacityBytes;
    }

    /** The report's {@code invocations}: each with the ids of the findings that first fired in it. */
    public synchronized List<Map<String, Object>> toJson(FindingStore findings) {
        Map<String, List<String>> fired = new HashMap<>();
        for (FindingStore.Counted counted : findings.snapshot()) {
            String invocation = counted.first().invocation();
            if (invocation != null) {
                fired.computeIfAbsent(invocation, id -> new ArrayList<>())
                        .add(counted.first().rule().id() + "@" + counted.first().callSite().frame());
            }
        }
        List<Map<String, Object>> json = new ArrayList<>(invocations.size());
        for (Invocation invocation : invocations) {
            json.add(invocation.toJson(fired.getOrDefault(invocation.id(), List.of())));
        }
        return json;
    }
}
