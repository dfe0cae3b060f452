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

    /**
     * One value pushed for the hook. Plain classes rather than lambdas: instrumentations are built in
     * premain, and the first lambda a JVM links costs more start-up time than all of these.
     */
    public abstract static class Push {

        abstract void emit(MethodVisitor method);

        static Push reference(int slot) {
            return new Variable(Opcodes.ALOAD, slot);
        }

        static Push integer(int slot) {
            return new Variable(Opcodes.ILOAD, slot);
        }

        static Push longValue(int slot) {
            return new Variable(Opcodes.LLOAD, slot);
        }

        static Push constant(Object value) {
            return new Constant(value);
        }

        /** A field of {@code this}, read in the instrumented class itself (so private fields are fine). */
        static Push field(String owner, String name, String descriptor) {
            return new Field(owner, name, descriptor);
        }

        /** {@code this.method()}, an instance method of the instrumented class or an inherited one. */
        static Push call(String owner, String name, String descriptor) {
            return new Invoke(0, owner, name, descriptor);
        }

        /** {@code argument.method()} on a reference argument. */
        static Push invoke(int slot, String owner, String name, String descriptor) {
            return new Invoke(slot, owner, name, descriptor);
        }
    }

    private static final class Variable extends Push {
        private final int opcode;
        private final int slot;

        Variable(int opcode, int slot) {
            this.opcode = opcode;
            this.slot = slot;
        }

        @Override
        void emit(MethodVisitor method) {
            method.visitVarInsn(opcode, slot);
        }
    }

    private static final class Constant extends Push {
        private final Object value;

        Constant(Object value) {
            this.value = value;
        }

        @Override
        void emit(MethodVisitor method) {
            if (value instanceof Boolean bool) {
                method.visitInsn(bool ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
            } else {
                method.visitLdcInsn(value);
            }
        }
    }

    private static final class Field extends Push {
        private final String owner;
        private final String name;
        private final String descriptor;

        Field(String owner, String name, String descriptor) {
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
        }

        @Override
        void emit(MethodVisitor method) {
            method.visitVarInsn(Opcodes.ALOAD, 0);
            method.visitFieldInsn(Opcodes.GETFIELD, owner, name, descriptor);
        }
    }

    private static final class Invoke extends Push {
        private final int slot;
        private final String owner;
        private final String name;
        private final String descriptor;

        Invoke(int slot, String owner, String name, String descriptor) {
            this.slot = slot;
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
        }

        @Override
        void emit(MethodVisitor method) {
            method.visitVarInsn(Opcodes.ALOAD, slot);
            method.visitMethodInsn(Opcodes.INVOKEVIRTUAL, owner, name, descriptor, false);
        }
    }
}
