package dev.faasguard.agent.rule;

import java.util.Map;

/** {@code uncaught-exception}: a thread died of an exception nobody caught; its work is silently lost. */
public final class UncaughtExceptionRule extends LifecycleRule {

    public static final String ID = "uncaught-exception";

    public UncaughtExceptionRule() {
        super(ID, Severity.ERROR, "A thread died of an uncaught exception: its work is lost and, on a function "
                        + "platform, nobody sees the error.",
                "Catch and report exceptions inside the thread's task, or run it through an ExecutorService and call "
                        + "Future.get(timeout) so the error reaches the handler.");
    }

    /**
     * @param startedBy the invocation that started the thread, or null
     * @param startedAt where it was started, or null when not known
     */
    public Violation evaluate(String thread, Throwable error, String startedBy, String startedAt) {
        Map<String, Object> detail = exceptionDetail(error);
        detail.put("thread", thread);
        detail.put("startedByInvocation", startedBy);
        detail.put("startedAt", startedAt);
        return new Violation(this, "Thread '" + thread + "' died of an uncaught " + describe(error), detail);
    }
}
