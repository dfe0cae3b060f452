package dev.faasguard.agent.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The bytecode of one call into a hook class of {@code dev.faasguard.bootstrap}: push the facts, invoke the hook.
 * Built from a list of what to push, so instrumentations read as data. Every hook is a public static method of
 * one of the classes named here (a unit test, HookCallsResolveTest, holds every instrumentation to that).
 */
public final class HookCall {

    /** The hook runtime: scopes. */
    public static final String RUNTIME = "dev/faasguard/bootstrap/Hooks";
    /** java.io, NIO and FileHandler writes. */
    public static final String FILES = "dev/faasguard/bootstrap/FileHooks";
    /** Calls that may wait forever, and timeouts against the deadline. */
    public static final String BLOCKING = "dev/faasguard/bootstrap/BlockingHooks";
    /** Invocations, the threads they start, uncaught exceptions, exits. */
    public static final String INVOCATIONS = "dev/faasguard/bootstrap/InvocationHooks";
    /** SnapStart: the random generators init seeds and their uses after the restore. */
    public static final String SNAPSHOT = "dev/faasguard/bootstrap/SnapshotHooks";

    private final String owner;
    private final String hook;
    private final String descriptor;
    private final Push[] pushes;

    private HookCall(String owner, String hook, String descriptor, Push[] pushes) {
        this.owner = owner;
        this.hook = hook;
        this.descriptor = descriptor;
        this.pushes = pushes;
    }

    /**
     * {@code <owner>.<hook><descriptor>} called with the values {@code pushes} put on the stack.
     *
     * @param owner the hook class: {@link #RUNTIME}, {@link #FILES}, {@link #BLOCKING}, {@link #INVOCATIONS} or
     *     {@link #SNAPSHOT}
     */
    public static HookCall of(String owner, String hook, String descriptor, Push... pushes) {
        return new HookCall(owner, hook, descriptor, pushes);
    }

    /** The call that closes a scope when a scoped method returns or throws. */
    static HookCall exitScope() {
        return of(RUNTIME, "exitScope", "()V");
    }

    /** Pushes the values, then invokes the hook. */
    public void emit(MethodVisitor method) {
        for (Push push : pushes) {
            push.emit(method);
        }
        method.visitMethodInsn(Opcodes.INVOKESTATIC, owner, hook, descriptor, false);
    }

    /**
     * One value pushed for the hook. Plain classes rather than lambdas: instrumentations are built in
     * premain, and the first lambda a JVM links costs more start-up time than all of these.
     */
    public abstract static class Push {

        abstract void emit(MethodVisitor method);

        public static Push reference(int slot) {
            return new Variable(Opcodes.ALOAD, slot);
        }

        public static Push integer(int slot) {
            return new Variable(Opcodes.ILOAD, slot);
        }

        public static Push longValue(int slot) {
            return new Variable(Opcodes.LLOAD, slot);
        }

        public static Push constant(Object value) {
            return new Constant(value);
        }

        /** A field of {@code this}, read in the instrumented class itself (so private fields are fine). */
        public static Push field(String owner, String name, String descriptor) {
            return new Field(owner, name, descriptor);
        }

        /** {@code this.method()}, an instance method of the instrumented class or an inherited one. */
        public static Push call(String owner, String name, String descriptor) {
            return new Invoke(0, owner, name, descriptor);
        }

        /** {@code argument.method()} on a reference argument. */
        public static Push invoke(int slot, String owner, String name, String descriptor) {
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
