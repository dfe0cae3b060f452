package dev.faasguard.agent.instrument;

import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * A hook call at entry that opens a scope, and {@code Hooks.exitScope()} (or another closing hook) on every way
 * out: before each return, and in a catch-all handler that rethrows. Used where one public operation is made of
 * smaller hooked ones (File.mkdirs calls mkdir) and only the whole should be judged.
 *
 * <p>The catch-all is registered last, so the method's own handlers still come first. Its frame
 * declares no locals, which every point of the method satisfies, so no frame of the original code
 * changes and no class has to be loaded to compute frames.
 */
public final class ScopedHook extends MethodVisitor {

    private final HookCall enter;
    private final HookCall exit;
    private final boolean returnsFalseOnDeny;
    private final Label bodyStart = new Label();

    private ScopedHook(MethodVisitor method, HookCall enter, HookCall exit, boolean returnsFalseOnDeny) {
        super(Instrumentations.ASM_API, method);
        this.enter = enter;
        this.exit = exit;
        this.returnsFalseOnDeny = returnsFalseOnDeny;
    }

    /** The enter hook returns void (it throws to deny). */
    public static MethodVisitor scope(MethodVisitor method, HookCall enter) {
        return new ScopedHook(method, enter, HookCall.exitScope(), false);
    }

    /** Both hooks take nothing and return void: {@code enter} at entry, {@code exit} on every way out. */
    public static MethodVisitor between(MethodVisitor method, HookCall enter, HookCall exit) {
        return new ScopedHook(method, enter, exit, false);
    }

    /** The enter hook returns boolean; {@code true} makes the method return {@code false} without entering. */
    public static MethodVisitor scopeReturningFalseWhenDenied(MethodVisitor method, HookCall enter) {
        return new ScopedHook(method, enter, HookCall.exitScope(), true);
    }

    @Override
    public void visitCode() {
        super.visitCode();
        enter.emit(mv);
        if (returnsFalseOnDeny) {
            EntryHook.emitReturnFalseIfTrue(mv);
        }
        mv.visitLabel(bodyStart);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            exit.emit(mv);
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        Label handler = new Label();
        mv.visitTryCatchBlock(bodyStart, handler, handler, null);
        mv.visitLabel(handler);
        mv.visitFrame(Opcodes.F_FULL, 0, new Object[0], 1, new Object[] {"java/lang/Throwable"});
        exit.emit(mv);
        mv.visitInsn(Opcodes.ATHROW);
        super.visitMaxs(maxStack, maxLocals);
    }
}
