package dev.faasguard.agent.finding;

import dev.faasguard.agent.rule.RuleDescription;
import dev.faasguard.agent.rule.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Calls that may wait forever and are waiting now. A call becomes a finding when it returns or throws,
 * with how long it blocked; one still waiting when the JVM exits becomes one then, marked so. A call that is
 * a finding only if it blocks long enough (a library's wait on its own work) is dropped when it returns sooner.
 * What the finding says is built only when it is read ({@link FindingRecorder#record(RuleDescription, Supplier,
 * StackCapture.Capture, Map)}): a call repeated at a known call site is only counted.
 */
public final class InFlightCalls {

    /** Ids fit the hooks' token, which keeps one bit for itself. */
    private static final int ID_MASK = 0x3fff_ffff;

    private final ConcurrentHashMap<Integer, Call> calls = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final FindingRecorder recorder;

    public InFlightCalls(FindingRecorder recorder) {
        this.recorder = recorder;
    }

    /**
     * @param operation what was called, e.g. {@code Future.get}
     * @param violation what the finding says, asked for only when it is read
     * @param minimumBlockedMillis how long the call must block to be a finding; 0 for every call
     * @return the id the hook hands back when the call ends (never 0)
     */
    public int start(RuleDescription rule, String operation, Supplier<Violation> violation,
            StackCapture.Capture capture, long minimumBlockedMillis) {
        int id;
        do {
            id = ids.incrementAndGet() & ID_MASK;
        } while (id == 0);
        calls.put(id, new Call(rule, operation, violation, capture, Thread.currentThread(),
                recorder.currentInvocationId(), System.nanoTime(), minimumBlockedMillis));
        return id;
    }

    public void end(int id) {
        Call call = calls.remove(id);
        if (call != null) {
            long blocked = call.blockedMillis();
            if (blocked >= call.minimumBlockedMillis) {
                recorder.record(call.rule, call.violation, call.capture, Map.of("blockedMs", blocked), call.invocation);
            }
        }
    }

    /** Records every call still waiting (long enough), as it stands: the JVM is going away. */
    public void recordStillBlocked() {
        recordStillBlocked(null);
    }

    /**
     * Records every call of one invocation still waiting (long enough), as it stands: its deadline is here.
     *
     * @param invocationId the invocation, or null for every call
     */
    public void recordStillBlocked(String invocationId) {
        for (Map.Entry<Integer, Call> entry : List.copyOf(calls.entrySet())) {
            if (!entry.getValue().of(invocationId)) {
                continue;
            }
            Call call = calls.remove(entry.getKey());
            long blocked = call == null ? 0 : call.blockedMillis();
            if (call != null && blocked >= call.minimumBlockedMillis) {
                recorder.record(call.rule, call.violation, call.capture, Map.of("blockedMs", blocked,
                        "stillBlocked", true, "waitingThread", call.thread.getName()), call.invocation);
            }
        }
    }

    /** Every call of one invocation waiting now: the thread, the rule, the operation, the line and how long so far. */
    public List<Map<String, Object>> blockedNow(String invocationId) {
        List<Map<String, Object>> blocked = new ArrayList<>();
        for (Call call : calls.values()) {
            if (!call.of(invocationId)) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("thread", call.thread.getName());
            entry.put("rule", call.rule.id());
            entry.put("operation", call.operation);
            entry.put("callSite", call.capture.callSite().frame());
            entry.put("blockedMs", call.blockedMillis());
            blocked.add(entry);
        }
        return blocked;
    }

    /** @param invocation the invocation its thread worked for when it started, or null */
    private record Call(RuleDescription rule, String operation, Supplier<Violation> violation,
            StackCapture.Capture capture, Thread thread, String invocation, long startNanos,
            long minimumBlockedMillis) {

        /** Whether it belongs to that invocation; every call does to null. */
        boolean of(String invocationId) {
            return invocationId == null || invocationId.equals(invocation);
        }

        long blockedMillis() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }
    }
}
