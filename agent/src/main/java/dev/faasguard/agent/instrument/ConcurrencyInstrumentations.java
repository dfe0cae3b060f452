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

    static List<TypeInstrumentation> all() {
        return List.of(
                new Untimed("java.util.concurrent.FutureTask", Map.of(GET, futureGet("FutureTask.get")),
                        Map.of(TIMED_GET, timedWait("FutureTask.get"))),
                new Untimed("java.util.concurrent.CompletableFuture", Map.of(
                        GET, futureGet("CompletableFuture.get"),
                        "join()Ljava/lang/Object;", futureGet("CompletableFuture.join")),
                        Map.of(TIMED_GET, timedWait("CompletableFuture.get"))),
                new Untimed("java.util.concurrent.CountDownLatch", Map.of("await()V",
                        HookCall.of("latchAwaitEnter", "(Ljava/util/concurrent/CountDownLatch;)I", Push.reference(0))),
                        Map.of("await(JLjava/util/concurrent/TimeUnit;)Z", timedWait("CountDownLatch.await"))),
                new Untimed("java.util.concurrent.CyclicBarrier", Map.of("await()I",
                        HookCall.of("barrierAwaitEnter", "(Ljava/util/concurrent/CyclicBarrier;)I", Push.reference(0))),
                        Map.of("await(JLjava/util/concurrent/TimeUnit;)I", timedWait("CyclicBarrier.await"))),
                new Untimed("java.lang.ProcessImpl", Map.of("waitFor()I",
                        HookCall.of("processWaitForEnter", "(Ljava/lang/Process;)I", Push.reference(0))),
                        Map.of("waitFor(JLjava/util/concurrent/TimeUnit;)Z", timedWait("Process.waitFor"))));
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
