package dev.faasguard.agent.instrument.invocation;

import static dev.faasguard.agent.instrument.HookCall.INVOCATIONS;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * {@code java.util.concurrent.ForkJoinPool}: the one method each JDK funnels {@code execute}, {@code submit},
 * {@code invoke} and {@code invokeAll} through once a {@code Runnable} or {@code Callable} is wrapped in its
 * {@code ForkJoinTask}, the task as it is queued: {@code externalSubmit(ForkJoinTask)} on JDK 17 (public since 19,
 * where it queues directly), {@code poolSubmit(boolean, ForkJoinTask)} since 21. The public methods would hand the
 * hook the caller's {@code Runnable}, not the task {@code doExec} runs.
 */
final class ForkJoinPoolInstrumentation implements TypeInstrumentation {

    private static final String TASK = "Ljava/util/concurrent/ForkJoinTask;";

    private static final HookCall EXTERNAL_SUBMIT = HookCall.of(INVOCATIONS, "taskSubmitted", "(Ljava/lang/Object;)V",
            Push.reference(1));
    private static final HookCall POOL_SUBMIT = HookCall.of(INVOCATIONS, "taskSubmitted", "(Ljava/lang/Object;)V",
            Push.reference(2));

    @Override
    public String className() {
        return "java.util.concurrent.ForkJoinPool";
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        if (method.is("externalSubmit", "(" + TASK + ")" + TASK)) {
            return EntryHook.call(visitor, EXTERNAL_SUBMIT);
        }
        return method.is("poolSubmit", "(Z" + TASK + ")" + TASK) ? EntryHook.call(visitor, POOL_SUBMIT) : visitor;
    }
}
