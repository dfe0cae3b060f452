package dev.faasguard.agent.instrument;

import dev.faasguard.agent.instrument.HookCall.Push;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * {@code java.lang.Thread}: {@code join(long)}, where join() and join(0) end up on JDK 17 and 25 alike;
 * {@code start()} and, on JDK 21+, {@code start(ThreadContainer)}, to follow the threads an invocation starts; and {@code dispatchUncaughtException},
 * where the JVM hands a dying thread's exception to its handler (which still runs as before).
 */
final class ThreadInstrumentation implements TypeInstrumentation {

    private static final HookCall JOIN = HookCall.of("threadJoinEnter", "(Ljava/lang/Thread;J)I",
            Push.reference(0), Push.longValue(1));

    static final HookCall START = HookCall.of("threadStart", "(Ljava/lang/Thread;)V", Push.reference(0));
    /** JDK 21+: how executors start their threads, and what a virtual thread's start() comes down to. */
    static final String CONTAINER_START = "(Ljdk/internal/vm/ThreadContainer;)V";
    private static final HookCall UNCAUGHT = HookCall.of("uncaughtException",
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
        return method.is("dispatchUncaughtException", "(Ljava/lang/Throwable;)V")
                ? EntryHook.call(visitor, UNCAUGHT)
                : visitor;
    }
}
