package dev.faasguard.agent.instrument;

import dev.faasguard.agent.instrument.HookCall.Push;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * The untimed waits of java.util.concurrent and Process: for each type, the methods that have a timed
 * twin the application should have called instead.
 */
final class ConcurrencyInstrumentations {

    private static final String GET = "get()Ljava/lang/Object;";

    private ConcurrencyInstrumentations() {}

    /**
     * @param deadlines whether invocations with a deadline can run in this JVM: only then are the timed
     *     twins hooked too (to judge their timeout against the time left). Elsewhere they stay untouched,
     *     so a timed wait, often a nanosecond's work on a completed future, pays nothing at all.
     */
    static List<TypeInstrumentation> all(boolean deadlines) {
        return List.of(
                new Untimed("java.util.concurrent.FutureTask", Map.of(GET, futureGet("FutureTask.get")),
                        timed(deadlines, TIMED_GET, "FutureTask.get")),
                new Untimed("java.util.concurrent.CompletableFuture", Map.of(
                        GET, futureGet("CompletableFuture.get"),
                        "join()Ljava/lang/Object;", futureGet("CompletableFuture.join")),
                        timed(deadlines, TIMED_GET, "CompletableFuture.get")),
                new Untimed("java.util.concurrent.CountDownLatch", Map.of("await()V",
                        HookCall.of("latchAwaitEnter", "(Ljava/util/concurrent/CountDownLatch;)I", Push.reference(0))),
                        timed(deadlines, "await(JLjava/util/concurrent/TimeUnit;)Z", "CountDownLatch.await")),
                new Untimed("java.util.concurrent.CyclicBarrier", Map.of("await()I",
                        HookCall.of("barrierAwaitEnter", "(Ljava/util/concurrent/CyclicBarrier;)I", Push.reference(0))),
                        timed(deadlines, "await(JLjava/util/concurrent/TimeUnit;)I", "CyclicBarrier.await")),
                new Untimed("java.lang.ProcessImpl", Map.of("waitFor()I",
                        HookCall.of("processWaitForEnter", "(Ljava/lang/Process;)I", Push.reference(0))),
                        timed(deadlines, "waitFor(JLjava/util/concurrent/TimeUnit;)Z", "Process.waitFor")));
    }

    private static Map<String, HookCall> timed(boolean deadlines, String method, String operation) {
        return deadlines ? Map.of(method, timedWait(operation)) : Map.of();
    }

    private static final String TIMED_GET = "get(JLjava/util/concurrent/TimeUnit;)Ljava/lang/Object;";

    /** The timed twin: only its timeout against the invocation's deadline is judged. */
    private static HookCall timedWait(String operation) {
        return HookCall.of("timedWaitEnter", "(Ljava/lang/String;JLjava/util/concurrent/TimeUnit;)V",
                Push.constant(operation), Push.longValue(1), Push.reference(3));
    }

    private static HookCall futureGet(String operation) {
        return HookCall.of("futureGetEnter", "(Ljava/util/concurrent/Future;Ljava/lang/String;)I",
                Push.reference(0), Push.constant(operation));
    }

    /** The untimed wait methods of one type, and their timed twins, by name and descriptor. */
    private record Untimed(String className, Map<String, HookCall> hooks, Map<String, HookCall> timed)
            implements TypeInstrumentation {

        @Override
        public boolean addsLocals() {
            return true;
        }

        @Override
        public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
            HookCall enter = hooks.get(method.name() + method.descriptor());
            if (enter != null) {
                return TimedHook.around(method, visitor, enter);
            }
            HookCall check = timed.get(method.name() + method.descriptor());
            return check == null ? visitor : EntryHook.call(visitor, check);
        }
    }
}
