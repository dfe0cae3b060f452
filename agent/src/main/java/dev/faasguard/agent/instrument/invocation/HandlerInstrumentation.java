package dev.faasguard.agent.instrument.invocation;

import static dev.faasguard.agent.instrument.HookCall.INVOCATIONS;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TimedHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The handler named by {@code faasguard.handler} (or Lambda's {@code _HANDLER}), for hosts without the
 * AWS runtime client, such as a Google Cloud Functions {@code HttpFunction.service}: each call is an
 * invocation, unless the runtime client already started one. Every non-bridge method of that name.
 */
final class HandlerInstrumentation implements TypeInstrumentation {

    private static final HookCall ENTER = HookCall.of(INVOCATIONS, "handlerEnter", "()I");
    /** The object an instance handler runs on: its fields are state kept across invocations. */
    private static final HookCall INSTANCE = HookCall.of(INVOCATIONS, "handlerInstance", "(Ljava/lang/Object;)V",
            HookCall.Push.reference(0));

    private final String className;
    private final String method;

    HandlerInstrumentation(String className, String method) {
        this.className = className;
        this.method = method;
    }

    @Override
    public String className() {
        return className;
    }

    @Override
    public boolean jdkOnly() {
        return false;
    }

    @Override
    public boolean addsLocals() {
        return true;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape shape, MethodVisitor visitor) {
        boolean handler = shape.name().equals(method) && (shape.access() & (Opcodes.ACC_BRIDGE | Opcodes.ACC_ABSTRACT)) == 0;
        if (!handler) {
            return visitor;
        }
        MethodVisitor timed = TimedHook.aroundHandler(shape, visitor, ENTER);
        return (shape.access() & Opcodes.ACC_STATIC) == 0 ? EntryHook.call(timed, INSTANCE) : timed;
    }
}
