package dev.faasguard.agent.instrument.invocation;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * JDK 21+: a virtual thread overrides how it starts, every start comes down to {@code start(ThreadContainer)}; and it
 * never runs {@code Thread.exit()}: it ends in {@code afterDone(boolean)} (JDK 25; {@code afterTerminate(boolean,
 * boolean)} on JDK 21), after its uncaught exception, if any, was dispatched.
 */
final class VirtualThreadInstrumentation implements TypeInstrumentation {

    @Override
    public String className() {
        return "java.lang.VirtualThread";
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        if (method.is("start", ThreadInstrumentation.CONTAINER_START)) {
            return EntryHook.call(visitor, ThreadInstrumentation.START);
        }
        return method.is("afterDone", "(Z)V") || method.is("afterTerminate", "(ZZ)V")
                ? EntryHook.call(visitor, ThreadInstrumentation.EXIT)
                : visitor;
    }
}
