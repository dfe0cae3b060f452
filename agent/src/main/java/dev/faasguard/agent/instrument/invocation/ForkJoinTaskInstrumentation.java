package dev.faasguard.agent.instrument.invocation;

import static dev.faasguard.agent.instrument.HookCall.INVOCATIONS;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TimedHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * {@code java.util.concurrent.ForkJoinTask} (behind {@code CompletableFuture}'s async stages, parallel streams and
 * every {@code ForkJoinPool}): {@code fork()} pushes a task to a pool's queue, and {@code doExec()} is where every
 * task runs, on a pool thread or on a thread that joins or invokes it, possibly inside another task. Both exist on
 * JDK 17 and 25 ({@code doExec} returns {@code int} on 17, nothing since 21); a task that reaches a pool another
 * way is told by {@link ForkJoinPoolInstrumentation}.
 */
final class ForkJoinTaskInstrumentation implements TypeInstrumentation {

    private static final HookCall PUSHED = HookCall.of(INVOCATIONS, "taskSubmitted", "(Ljava/lang/Object;)V",
            Push.reference(0));
    private static final HookCall RUNNING = HookCall.of(INVOCATIONS, "forkJoinTaskRunning", "(Ljava/lang/Object;)I",
            Push.reference(0));
    private static final HookCall DONE = HookCall.of(INVOCATIONS, "forkJoinTaskDone", "(I)V");

    @Override
    public String className() {
        return "java.util.concurrent.ForkJoinTask";
    }

    @Override
    public boolean addsLocals() {
        return true;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        if (method.is("fork", "()Ljava/util/concurrent/ForkJoinTask;")) {
            return EntryHook.call(visitor, PUSHED);
        }
        return method.is("doExec", "()I") || method.is("doExec", "()V")
                ? TimedHook.around(method, visitor, RUNNING, DONE)
                : visitor;
    }
}
