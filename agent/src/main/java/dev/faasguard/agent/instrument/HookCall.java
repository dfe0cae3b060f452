package dev.faasguard.agent.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The bytecode of one call into {@code dev.faasguard.bootstrap.Hooks}: push the facts, invoke the hook.
 * Built from a list of what to push, so instrumentations read as data.
 */
public final class HookCall {

    private static final String HOOKS = "dev/faasguard/bootstrap/Hooks";

    private final String hook;
    private final String descriptor;
    private final Push[] pushes;

    private HookCall(String hook, String descriptor, Push[] pushes) {
        this.hook = hook;
        this.descriptor = descriptor;
        this.pushes = pushes;
    }

    /** {@code Hooks.<hook><descriptor>} called with the values {@code pushes} put on the stack. */
    public static HookCall of(String hook, String descriptor, Push... pushes) {
        return new HookCall(hook, descriptor, pushes);
    }

    /** The call that closes a scope when a scoped method returns or throws. */
    static HookCall exitScope() {
        return of("exitScope", "()V");
    }

    void emit(MethodVisitor method) {
        for (Push push : pushes) {
            push.emit(method);
        }
        method.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, hook, descriptor, false);
    }

    /** One value pushed for the hook. */
    @FunctionalInterface
    public interface Push {

        void emit(MethodVisitor method);

        static Push reference(int slot) {
            return method -> method.visitVarInsn(Opcodes.ALOAD, slot);
        }

        static Push integer(int slot) {
            return method -> method.visitVarInsn(Opcodes.ILOAD, slot);
        }

        static Push longValue(int slot) {
            return method -> method.visitVarInsn(Opcodes.LLOAD, slot);
        }

        static Push constant(boolean value) {
            return method -> method.visitInsn(value ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
        }

        /** {@code this.method()}, an instance method of the instrumented class or an inherited one. */
        static Push call(String owner, String name, String descriptor) {
            return method -> {
                method.visitVarInsn(Opcodes.ALOAD, 0);
                method.visitMethodInsn(Opcodes.INVOKEVIRTUAL, owner, name, descriptor, false);
            };
        }

        /** {@code argument.method()} on a reference argument. */
        static Push invoke(int slot, String owner, String name, String descriptor, boolean isInterface) {
            return method -> {
                method.visitVarInsn(Opcodes.ALOAD, slot);
                method.visitMethodInsn(isInterface ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL, owner, name,
                        descriptor, isInterface);
            };
        }

        /** Follows the value just pushed, an {@code Optional}, with {@code isPresent()}. */
        static Push present(Push optional) {
            return method -> {
                optional.emit(method);
                method.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/util/Optional", "isPresent", "()Z", false);
            };
        }

        /** A field of {@code this}, read in the instrumented class itself (so private fields are fine). */
        static Push field(String owner, String name, String descriptor) {
            return method -> {
                method.visitVarInsn(Opcodes.ALOAD, 0);
                method.visitFieldInsn(Opcodes.GETFIELD, owner, name, descriptor);
            };
        }
    }
}
