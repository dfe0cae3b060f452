package dev.faasguard.agent.instrument.invocation;

import static dev.faasguard.agent.instrument.HookCall.INVOCATIONS;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/** The runtime client's loop turns the handler's exception into the error it reports: that is where it failed. */
final class RuntimeLoopInstrumentation implements TypeInstrumentation {

    private static final HookCall FAILED = HookCall.of(INVOCATIONS, "invocationFailed", "(Ljava/lang/Throwable;)V",
            Push.reference(0));

    @Override
    public String className() {
        return "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    }

    @Override
    public boolean jdkOnly() {
        return false;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        return method.name().equals("createLambdaErrorFromThrowableOrUserFault")
                && method.descriptor().startsWith("(Ljava/lang/Throwable;)")
                ? EntryHook.call(visitor, FAILED)
                : visitor;
    }
}
