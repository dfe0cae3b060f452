package dev.faasguard.agent.instrument.invocation;

import static dev.faasguard.agent.instrument.HookCall.INVOCATIONS;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.ReturnValueHook;
import dev.faasguard.agent.instrument.ScopedHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * The AWS Lambda runtime interface client (used by the managed Java runtimes and container images):
 * an invocation starts when {@code nextInvocation()} returns its request, and ends when the client
 * reports the response or the error, which is before anything goes back to the platform. The entry of
 * {@code nextInvocation()} is the moment after the response has gone back, before the platform may freeze the
 * process. Under SnapStart, {@code restoreNext()} is where the snapshot is taken: its entry comes after the checkpoint
 * hooks, its return in each restored copy. Matched by class name, so no other class pays for it.
 */
final class RuntimeClientInstrumentation implements TypeInstrumentation {

    private static final HookCall SUCCESS = HookCall.of(INVOCATIONS, "invocationEnd", "(Z)V", Push.constant(true));
    private static final HookCall ERROR = HookCall.of(INVOCATIONS, "invocationEnd", "(Z)V", Push.constant(false));
    /** Takes the request from the stack: the return value, duplicated. */
    private static final HookCall START = HookCall.of(INVOCATIONS, "invocationStart", "(Ljava/lang/Object;)V");
    private static final HookCall AWAITING_NEXT = HookCall.of(INVOCATIONS, "awaitingNextInvocation", "()V");
    private static final HookCall SNAPSHOT_TAKING = HookCall.of(INVOCATIONS, "snapshotTaking", "()V");
    private static final HookCall RESTORED = HookCall.of(INVOCATIONS, "restored", "()V");

    @Override
    public String className() {
        return "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.LambdaRuntimeApiClientImpl";
    }

    @Override
    public boolean jdkOnly() {
        return false;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        if (method.name().equals("nextInvocation") && method.descriptor().startsWith("()")) {
            // Its entry: the last response has gone back. What it returns: the next request.
            return EntryHook.call(ReturnValueHook.passing(visitor, START), AWAITING_NEXT);
        }
        if (method.is("restoreNext", "()V")) {
            return ScopedHook.between(visitor, SNAPSHOT_TAKING, RESTORED);
        }
        if (method.is("reportInvocationSuccess", "(Ljava/lang/String;[B)V")) {
            return EntryHook.call(visitor, SUCCESS);
        }
        return method.name().equals("reportInvocationError") ? EntryHook.call(visitor, ERROR) : visitor;
    }
}
