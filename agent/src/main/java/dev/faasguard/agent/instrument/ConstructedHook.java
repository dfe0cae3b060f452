package dev.faasguard.agent.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Hands the object a constructor built to a hook, just before each of its {@code return}s: only then is {@code this}
 * initialised and may be passed on (at a constructor's entry it may not).
 */
public final class ConstructedHook extends MethodVisitor {

    private final HookCall call;

    private ConstructedHook(MethodVisitor method, HookCall call) {
        super(Instrumentations.ASM_API, method);
        this.call = call;
    }

    /** @param call takes {@code this} (pushed by the call itself) and returns void */
    public static MethodVisitor passing(MethodVisitor constructor, HookCall call) {
        return new ConstructedHook(constructor, call);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode == Opcodes.RETURN) {
            call.emit(mv);
        }
        super.visitInsn(opcode);
    }
}
