package dev.faasguard.agent.instrument.blocking;

import static dev.faasguard.agent.instrument.HookCall.BLOCKING;

import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import java.util.List;
import java.util.Map;

/**
 * The instrumentations behind the {@code *-without-timeout} rules and {@code timeout-exceeds-deadline}: their
 * hooks are {@code BlockingHooks}. {@code Thread.join} is hooked with the rest of {@code java.lang.Thread}, in
 * {@code invocation/}: one instrumentation per type.
 */
public final class BlockingInstrumentations {

    private static final String GET = "get()Ljava/lang/Object;";
    private static final String TIMED_GET = "get(JLjava/util/concurrent/TimeUnit;)Ljava/lang/Object;";

    private BlockingInstrumentations() {}

    /**
     * @param deadlines whether invocations with a deadline can run in this JVM: only then are the timed twins of
     *     the untimed waits hooked too (to judge their timeout against the time left). Elsewhere they stay
     *     untouched, so a timed wait, often a nanosecond's work on a completed future, pays nothing at all.
     */
    public static List<TypeInstrumentation> all(boolean deadlines) {
        return List.of(
                new SocketInstrumentation(),
                new SocketChannelInstrumentation(),
                new SocketReadInstrumentation(),
                new HttpUrlConnectionInstrumentation(),
                new HttpBodyInstrumentation(),
                new HttpClientInstrumentation(),
                new AwsSdkTimerInstrumentation(),
                // The untimed waits of java.util.concurrent and Process: for each type, the methods that have a
                // timed twin the application should have called instead.
                new UntimedWaitInstrumentation("java.util.concurrent.FutureTask",
                        Map.of(GET, futureGet("FutureTask.get")),
                        timed(deadlines, TIMED_GET, "FutureTask.get")),
                new UntimedWaitInstrumentation("java.util.concurrent.CompletableFuture", Map.of(
                        GET, futureGet("CompletableFuture.get"),
                        "join()Ljava/lang/Object;", futureGet("CompletableFuture.join")),
                        timed(deadlines, TIMED_GET, "CompletableFuture.get")),
                new UntimedWaitInstrumentation("java.util.concurrent.CountDownLatch", Map.of("await()V",
                        HookCall.of(BLOCKING, "latchAwaitEnter", "(Ljava/util/concurrent/CountDownLatch;)I",
                                Push.reference(0))),
                        timed(deadlines, "await(JLjava/util/concurrent/TimeUnit;)Z", "CountDownLatch.await")),
                new UntimedWaitInstrumentation("java.util.concurrent.CyclicBarrier", Map.of("await()I",
                        HookCall.of(BLOCKING, "barrierAwaitEnter", "(Ljava/util/concurrent/CyclicBarrier;)I",
                                Push.reference(0))),
                        timed(deadlines, "await(JLjava/util/concurrent/TimeUnit;)I", "CyclicBarrier.await")),
                new UntimedWaitInstrumentation("java.lang.ProcessImpl", Map.of("waitFor()I",
                        HookCall.of(BLOCKING, "processWaitForEnter", "(Ljava/lang/Process;)I", Push.reference(0))),
                        timed(deadlines, "waitFor(JLjava/util/concurrent/TimeUnit;)Z", "Process.waitFor")));
    }

    private static Map<String, HookCall> timed(boolean deadlines, String method, String operation) {
        return deadlines ? Map.of(method, timedWait(operation)) : Map.of();
    }

    /** The timed twin: only its timeout against the invocation's deadline is judged. */
    private static HookCall timedWait(String operation) {
        return HookCall.of(BLOCKING, "timedWaitEnter", "(Ljava/lang/String;JLjava/util/concurrent/TimeUnit;)V",
                Push.constant(operation), Push.longValue(1), Push.reference(3));
    }

    private static HookCall futureGet(String operation) {
        return HookCall.of(BLOCKING, "futureGetEnter", "(Ljava/util/concurrent/Future;Ljava/lang/String;)I",
                Push.reference(0), Push.constant(operation));
    }
}
