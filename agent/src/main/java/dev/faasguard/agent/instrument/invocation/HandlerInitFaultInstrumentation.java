package dev.faasguard.agent.instrument.invocation;

import static dev.faasguard.agent.instrument.HookCall.INVOCATIONS;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * The runtime client's {@code UserFault.makeInitErrorUserFault(Throwable, className)}: where the handler's class
 * failed to initialize (its static initializer threw) or lacked a class it needs, whether the client then fails init
 * or every invocation.
 */
final class HandlerInitFaultInstrumentation implements TypeInstrumentation {

    private static final HookCall INIT_FAILED = HookCall.of(INVOCATIONS, "handlerInitFailed",
            "(Ljava/lang/Throwable;Ljava/lang/String;)V", Push.reference(0), Push.reference(1));

    @Override
    public String className() {
        return "com.amazonaws.services.lambda.runtime.api.client.UserFault";
    }

    @Override
    public boolean jdkOnly() {
        return false;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        return method.is("makeInitErrorUserFault", "(Ljava/lang/Throwable;Ljava/lang/String;)"
                + "Lcom/amazonaws/services/lambda/runtime/api/client/UserFault;")
                ? EntryHook.call(visitor, INIT_FAILED)
                : visitor;
    }
}
