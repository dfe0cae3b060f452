package dev.faasguard.agent.instrument.invocation;

import static dev.faasguard.agent.instrument.HookCall.INVOCATIONS;

import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.ScopedHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * {@code java.lang.ref.Finalizer.runFinalization()}, behind {@code System.runFinalization()} (JDK 17 to 25): it
 * starts a "Secondary finalizer" thread and joins it, the JDK's own housekeeping. The calling thread is quiet
 * while it runs, so that start is not followed and that join not judged: a library looping on runFinalization
 * and gc until the heap settles pays no stack walk and finds nothing of the agent's left per round.
 */
final class FinalizerInstrumentation implements TypeInstrumentation {

    private static final HookCall ENTER = HookCall.of(INVOCATIONS, "jdkHousekeepingEnter", "()V");
    private static final HookCall EXIT = HookCall.of(INVOCATIONS, "jdkHousekeepingExit", "()V");

    @Override
    public String className() {
        return "java.lang.ref.Finalizer";
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        return method.is("runFinalization", "()V") ? ScopedHook.between(visitor, ENTER, EXIT) : visitor;
    }
}
