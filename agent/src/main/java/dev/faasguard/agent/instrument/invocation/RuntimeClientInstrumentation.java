package dev.faasguard.agent.instrument.invocation;

import static dev.faasguard.agent.instrument.HookCall.INVOCATIONS;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.Instrumentations;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The AWS Lambda runtime interface client (used by the managed Java runtimes and container images):
 * an invocation starts when {@code nextInvocation()} returns its request, and ends when the client
 * reports the response or the error, which is before anything goes back to the platform. Matched by
 * class name, so no other class pays for it.
 */
final class RuntimeClientInstrumentation implements TypeInstrumentation {

    private static final HookCall SUCCESS = HookCall.of(INVOCATIONS, "invocationEnd", "(Z)V", Push.constant(true));
    private static final HookCall ERROR = HookCall.of(INVOCATIONS, "invocationEnd", "(Z)V", Push.constant(false));
    /** Takes the request from the stack: the return value, duplicated. */
    private static final HookCall START = HookCall.of(INVOCATIONS, "invocationStart", "(Ljava/lang/Object;)V");

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
            return new ReturnValueHook(visitor);
        }
        if (method.is("reportInvocationSuccess", "(Ljava/lang/String;[B)V")) {
            return EntryHook.call(visitor, SUCCESS);
        }
        return method.name().equals("reportInvocationError") ? EntryHook.call(visitor, ERROR) : visitor;
    }

    /** Hands the request {@code nextInvocation()} returns to the hook; the agent reads its id and deadline. */
    private static final class ReturnValueHook extends MethodVisitor {

        ReturnValueHook(MethodVisitor method) {
            super(Instrumentations.ASM_API, method);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.ARETURN) {
                mv.visitInsn(Opcodes.DUP);
                START.emit(mv);
            }
            super.visitInsn(opcode);
        }
    }
}
