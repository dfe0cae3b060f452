package dev.faasguard.agent.instrument;

import java.util.Arrays;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * An enter hook whose {@code int} token is kept in a new local variable and handed to the exit hook
 * ({@code BlockingHooks.blockingExit(int)}, {@code InvocationHooks.handlerExit(int, Throwable)} for a
 * handler, or another one given) on every way out: before each return, and in a catch-all handler that rethrows. The token is 0 on
 * the fast path, and the exit hook returns at once for it, so a call with a timeout pays two static calls the
 * JIT inlines, and nothing else.
 *
 * <p>The class is read with expanded frames (every frame lists all locals); the new local sits at the
 * method's original {@code maxLocals}, so it never collides with the method's own, and every frame of
 * the method is extended with it. The catch-all is registered last, so the method's own handlers
 * still come first.
 */
public final class TimedHook extends MethodVisitor {

    private static final HookCall BLOCKING_EXIT = HookCall.of(HookCall.BLOCKING, "blockingExit", "(I)V");
    private static final HookCall HANDLER_EXIT = HookCall.of(HookCall.INVOCATIONS, "handlerExit",
            "(ILjava/lang/Throwable;)V");

    private final HookCall enter;
    private final HookCall exit;
    private final boolean exitTakesThrowable;
    private final int tokenSlot;
    private final Label bodyStart = new Label();

    private TimedHook(MethodVisitor method, HookCall enter, HookCall exit, boolean exitTakesThrowable, int tokenSlot) {
        super(Instrumentations.ASM_API, method);
        this.enter = enter;
        this.exit = exit;
        this.exitTakesThrowable = exitTakesThrowable;
        this.tokenSlot = tokenSlot;
    }

    /** {@code enter} must return {@code int}; {@code shape} must come from a class read for locals. */
    public static MethodVisitor around(MethodShape shape, MethodVisitor method, HookCall enter) {
        return new TimedHook(method, enter, BLOCKING_EXIT, false, slotAfter(shape));
    }

    /** {@code enter} must return {@code int}, which {@code exit} takes; {@code shape} as for the other. */
    public static MethodVisitor around(MethodShape shape, MethodVisitor method, HookCall enter, HookCall exit) {
        return new TimedHook(method, enter, exit, false, slotAfter(shape));
    }

    /** A handler method: {@code InvocationHooks.handlerExit(token, thrown)} gets the exception it throws, or null. */
    public static MethodVisitor aroundHandler(MethodShape shape, MethodVisitor method, HookCall enter) {
        return new TimedHook(method, enter, HANDLER_EXIT, true, slotAfter(shape));
    }

    private static int slotAfter(MethodShape shape) {
        if (shape.maxLocals() < 0) {
            throw new IllegalStateException(shape.name() + ": the instrumentation must declare addsLocals()");
        }
        return shape.maxLocals();
    }

    @Override
    public void visitCode() {
        super.visitCode();
        enter.emit(mv);
        mv.visitVarInsn(Opcodes.ISTORE, tokenSlot);
        mv.visitLabel(bodyStart);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            mv.visitVarInsn(Opcodes.ILOAD, tokenSlot);
            if (exitTakesThrowable) {
                mv.visitInsn(Opcodes.ACONST_NULL);
            }
            exit.emit(mv);
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        Object[] locals = withToken(numLocal, local);
        super.visitFrame(type, locals.length, locals, numStack, stack);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        Label handler = new Label();
        mv.visitTryCatchBlock(bodyStart, handler, handler, null);
        mv.visitLabel(handler);
        Object[] locals = withToken(0, new Object[0]);
        mv.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
        if (exitTakesThrowable) {
            mv.visitInsn(Opcodes.DUP);
            mv.visitVarInsn(Opcodes.ILOAD, tokenSlot);
            mv.visitInsn(Opcodes.SWAP);
        } else {
            mv.visitVarInsn(Opcodes.ILOAD, tokenSlot);
        }
        exit.emit(mv);
        mv.visitInsn(Opcodes.ATHROW);
        super.visitMaxs(maxStack, Math.max(maxLocals, tokenSlot + 1));
    }

    /** The frame's locals, padded with TOP up to the token's slot, then the token. */
    private Object[] withToken(int numLocal, Object[] local) {
        int slots = 0;
        for (int i = 0; i < numLocal; i++) {
            slots += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
        }
        Object[] extended = Arrays.copyOf(local, numLocal + (tokenSlot - slots) + 1);
        Arrays.fill(extended, numLocal, extended.length - 1, Opcodes.TOP);
        extended[extended.length - 1] = Opcodes.INTEGER;
        return extended;
    }
}
