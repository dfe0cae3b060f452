package dev.faasguard.agent.instrument;

import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Inserts a hook call at a method's entry. The hook decides nothing about the method's own code: it
 * returns normally, throws the exception enforce mode asks for, or, for a method that reports failure
 * by returning {@code false}, answers {@code true} to make it return {@code false}.
 */
public final class EntryHook extends MethodVisitor {

    private final HookCall call;
    private final boolean returnsFalseOnDeny;

    private EntryHook(MethodVisitor method, HookCall call, boolean returnsFalseOnDeny) {
        super(Instrumentations.ASM_API, method);
        this.call = call;
        this.returnsFalseOnDeny = returnsFalseOnDeny;
    }

    /** The hook returns void and may throw. */
    public static MethodVisitor call(MethodVisitor method, HookCall call) {
        return new EntryHook(method, call, false);
    }

    /** The hook returns boolean; {@code true} makes this boolean method return {@code false} at once. */
    public static MethodVisitor returnFalseWhenDenied(MethodVisitor method, HookCall call) {
        return new EntryHook(method, call, true);
    }

    @Override
    public void visitCode() {
        super.visitCode();
        call.emit(mv);
        if (returnsFalseOnDeny) {
            emitReturnFalseIfTrue(mv);
        }
    }

    /** {@code if (hookResult) return false;} with the stack map frame its branch needs. */
    static void emitReturnFalseIfTrue(MethodVisitor method) {
        Label proceed = new Label();
        method.visitJumpInsn(Opcodes.IFEQ, proceed);
        method.visitInsn(Opcodes.ICONST_0);
        method.visitInsn(Opcodes.IRETURN);
        method.visitLabel(proceed);
        method.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
        // Keeps this frame apart from one the original code may declare at its first instruction.
        method.visitInsn(Opcodes.NOP);
    }
}
