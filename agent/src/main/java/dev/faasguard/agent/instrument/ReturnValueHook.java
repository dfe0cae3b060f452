package dev.faasguard.agent.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Hands what a method returns to a hook, just before each {@code areturn}: the hook takes the returned reference and
 * returns nothing, so the value goes back to the caller unchanged.
 */
public final class ReturnValueHook extends MethodVisitor {

    private final HookCall call;

    private ReturnValueHook(MethodVisitor method, HookCall call) {
        super(Instrumentations.ASM_API, method);
        this.call = call;
    }

    /** @param call takes the returned reference from the stack (its descriptor's one argument) and returns void */
    public static MethodVisitor passing(MethodVisitor method, HookCall call) {
        return new ReturnValueHook(method, call);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode == Opcodes.ARETURN) {
            mv.visitInsn(Opcodes.DUP);
            call.emit(mv);
        }
        super.visitInsn(opcode);
    }
}
