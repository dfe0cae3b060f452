package dev.faasguard.agent.instrument;

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
