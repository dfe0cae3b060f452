package dev.faasguard.agent.instrument.invocation;

import static dev.faasguard.agent.instrument.HookCall.BLOCKING;
import static dev.faasguard.agent.instrument.HookCall.INVOCATIONS;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TimedHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * {@code java.lang.Thread}: {@code start()} and, on JDK 21+, {@code start(ThreadContainer)}, to follow the
 * threads an invocation starts; {@code dispatchUncaughtException}, where the JVM hands a dying thread's exception
 * to its handler (which still runs as before); {@code exit()}, the VM's last call on a platform thread, after that
 * handler, where the thread stops being followed; and {@code join(long)}, where join() and join(0) end up on JDK 17
 * and 25 alike, a blocking call (its hook is in {@code BlockingHooks}: one instrumentation per type).
 */
final class ThreadInstrumentation implements TypeInstrumentation {

    private static final HookCall JOIN = HookCall.of(BLOCKING, "threadJoinEnter", "(Ljava/lang/Thread;J)I",
            Push.reference(0), Push.longValue(1));

    static final HookCall START = HookCall.of(INVOCATIONS, "threadStart", "(Ljava/lang/Thread;)V", Push.reference(0));
    /** JDK 21+: how executors start their threads, and what a virtual thread's start() comes down to. */
    static final String CONTAINER_START = "(Ljdk/internal/vm/ThreadContainer;)V";
    /** {@code Thread.exit()} of a platform thread; {@link VirtualThreadInstrumentation} has a virtual thread's end. */
    static final HookCall EXIT = HookCall.of(INVOCATIONS, "threadExit", "(Ljava/lang/Thread;)V", Push.reference(0));
    private static final HookCall UNCAUGHT = HookCall.of(INVOCATIONS, "uncaughtException",
            "(Ljava/lang/Thread;Ljava/lang/Throwable;)V", Push.reference(0), Push.reference(1));

    @Override
    public String className() {
        return "java.lang.Thread";
    }

    @Override
    public boolean addsLocals() {
        return true;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        if (method.is("join", "(J)V")) {
            return TimedHook.around(method, visitor, JOIN);
        }
        if (method.is("start", "()V") || method.is("start", CONTAINER_START)) {
            return EntryHook.call(visitor, START);
        }
        if (method.is("exit", "()V")) {
            return EntryHook.call(visitor, EXIT);
        }
        return method.is("dispatchUncaughtException", "(Ljava/lang/Throwable;)V")
                ? EntryHook.call(visitor, UNCAUGHT)
                : visitor;
    }
}
