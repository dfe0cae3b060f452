package dev.faasguard.desugar;

import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The instructions with which a generated lambda class reaches its implementation. */
record Call(int opcode, String owner, String name, String descriptor, boolean ownerIsInterface, boolean constructs) {

    /** The implementation itself, reachable from the host's package. */
    static Call direct(Implementation implementation) {
        Handle handle = implementation.handle();
        int opcode = switch (handle.getTag()) {
            case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
            case Opcodes.H_INVOKEVIRTUAL -> Opcodes.INVOKEVIRTUAL;
            case Opcodes.H_INVOKEINTERFACE -> Opcodes.INVOKEINTERFACE;
            case Opcodes.H_NEWINVOKESPECIAL -> Opcodes.INVOKESPECIAL;
            default -> throw new UnsupportedSiteException("no direct call for handle kind " + handle.getTag());
        };
        return new Call(opcode, handle.getOwner(), handle.getName(), handle.getDesc(), handle.isInterface(),
                implementation.isConstructor());
    }

    /** A static accessor the host declares for an implementation only the host may call. */
    static Call accessor(String host, String name, Implementation implementation, boolean hostIsInterface) {
        return new Call(Opcodes.INVOKESTATIC, host, name, implementation.staticDescriptor(), hostIsInterface, false);
    }

    /** What goes before the arguments: a new, uninitialised instance when the call constructs one. */
    void prepare(MethodVisitor method) {
        if (constructs) {
            method.visitTypeInsn(Opcodes.NEW, owner);
            method.visitInsn(Opcodes.DUP);
        }
    }

    void invoke(MethodVisitor method) {
        method.visitMethodInsn(opcode, owner, name, descriptor, ownerIsInterface);
    }
}
