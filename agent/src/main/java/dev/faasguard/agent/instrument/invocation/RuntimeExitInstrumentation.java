package dev.faasguard.agent.instrument.invocation;

import static dev.faasguard.agent.instrument.HookCall.INVOCATIONS;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TypeInstrumentation;
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
            return EntryHook.call(visitor, HookCall.of(INVOCATIONS, "runtimeExit", "(IZ)V", Push.integer(1),
                    Push.constant(method.name().equals("halt"))));
        }
        return visitor;
    }
}
