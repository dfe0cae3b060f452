package dev.faasguard.agent.instrument;

import dev.faasguard.agent.instrument.HookCall.Push;
import net.bytebuddy.jar.asm.MethodVisitor;

/** {@code Runtime.exit} (behind System.exit) and {@code Runtime.halt}: the JVM is about to go. */
final class RuntimeExitInstrumentation implements TypeInstrumentation {

    @Override
    public String className() {
        return "java.lang.Runtime";
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        if (method.is("exit", "(I)V") || method.is("halt", "(I)V")) {
            return EntryHook.call(visitor, HookCall.of("runtimeExit", "(IZ)V", Push.integer(1),
                    Push.constant(method.name().equals("halt"))));
        }
        return visitor;
    }
}
