package dev.faasguard.agent.instrument.invocation;

import static dev.faasguard.agent.instrument.HookCall.INVOCATIONS;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * {@code java.util.concurrent.ThreadPoolExecutor} (behind {@code Executors}' fixed and cached pools, and what
 * frameworks build on): {@code execute(Runnable)}, which every {@code submit} comes down to, tells who hands a task
 * to the pool; {@code beforeExecute} and {@code afterExecute}, which the pool thread calls around each task, tell
 * when it runs it. So a task works for the invocation that handed it, whichever pool thread runs it (subclasses
 * that override the two call {@code super}, as their contract asks).
 */
final class ThreadPoolInstrumentation implements TypeInstrumentation {

    private static final HookCall SUBMITTED = HookCall.of(INVOCATIONS, "taskSubmitted", "(Ljava/lang/Object;)V",
            Push.reference(1));
    private static final HookCall STARTING = HookCall.of(INVOCATIONS, "taskStarting", "(Ljava/lang/Runnable;)V",
            Push.reference(2));
    private static final HookCall FINISHED = HookCall.of(INVOCATIONS, "taskFinished", "()V");

    @Override
    public String className() {
        return "java.util.concurrent.ThreadPoolExecutor";
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        if (method.is("execute", "(Ljava/lang/Runnable;)V")) {
            return EntryHook.call(visitor, SUBMITTED);
        }
        if (method.is("beforeExecute", "(Ljava/lang/Thread;Ljava/lang/Runnable;)V")) {
            return EntryHook.call(visitor, STARTING);
        }
        return method.is("afterExecute", "(Ljava/lang/Runnable;Ljava/lang/Throwable;)V")
                ? EntryHook.call(visitor, FINISHED)
                : visitor;
    }
}
