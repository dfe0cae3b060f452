package dev.faasguard.agent.instrument.invocation;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/** JDK 21+: a virtual thread overrides how it starts; every start comes down to {@code start(ThreadContainer)}. */
final class VirtualThreadInstrumentation implements TypeInstrumentation {

    @Override
    public String className() {
        return "java.lang.VirtualThread";
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        return method.is("start", ThreadInstrumentation.CONTAINER_START) ? EntryHook.call(visitor, ThreadInstrumentation.START) : visitor;
    }
}
