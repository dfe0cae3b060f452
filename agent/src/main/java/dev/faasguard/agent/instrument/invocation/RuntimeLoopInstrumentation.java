package dev.faasguard.agent.instrument.invocation;

import static dev.faasguard.agent.instrument.HookCall.INVOCATIONS;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.ReturnValueHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * The runtime client's {@code AWSLambda}: at init, {@code findRequestHandler(handler, loader)} looks the handler up and
 * returns what each invocation will call (a stand-in that fails every invocation when the lookup failed); in its loop,
 * the handler's exception is turned into the error it reports: that is where it failed.
 */
final class RuntimeLoopInstrumentation implements TypeInstrumentation {

    private static final HookCall FAILED = HookCall.of(INVOCATIONS, "invocationFailed", "(Ljava/lang/Throwable;)V",
            Push.reference(0));

    /** Takes what the lookup returns from the stack, then the handler's name and the function's class loader. */
    private static final HookCall RESOLVED = HookCall.of(INVOCATIONS, "handlerResolved",
            "(Ljava/lang/Object;Ljava/lang/String;Ljava/lang/ClassLoader;)V", Push.reference(0), Push.reference(1));

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
        if (method.name().equals("findRequestHandler")
                && method.descriptor().startsWith("(Ljava/lang/String;Ljava/lang/ClassLoader;)")) {
            return ReturnValueHook.passing(visitor, RESOLVED);
        }
        return method.name().equals("createLambdaErrorFromThrowableOrUserFault")
                && method.descriptor().startsWith("(Ljava/lang/Throwable;)")
                ? EntryHook.call(visitor, FAILED)
                : visitor;
    }
}
