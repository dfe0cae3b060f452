package dev.faasguard.desugar;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The static methods a host declares so that its generated lambda classes can call what only the host may
 * call (its private methods and constructors). Package-private in a class; public in an interface, whose
 * methods cannot be package-private.
 */
final class Accessors {

    private Accessors() {}

    static void write(ClassVisitor host, Call accessor, Implementation implementation, boolean hostIsInterface,
            ClassIndex index) {
        int access = Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC | (hostIsInterface ? Opcodes.ACC_PUBLIC : 0);
        MethodVisitor method = host.visitMethod(access, accessor.name(), accessor.descriptor(), null, null);
        method.visitCode();
        Handle handle = implementation.handle();
        if (implementation.isConstructor()) {
            method.visitTypeInsn(Opcodes.NEW, handle.getOwner());
            method.visitInsn(Opcodes.DUP);
        }
        int slot = 0;
        for (Type parameter : implementation.parameterTypes()) {
            method.visitVarInsn(parameter.getOpcode(Opcodes.ILOAD), slot);
            slot += parameter.getSize();
        }
        method.visitMethodInsn(opcode(handle, index), handle.getOwner(), handle.getName(), handle.getDesc(),
                handle.isInterface());
        method.visitInsn(implementation.returnType().getOpcode(Opcodes.IRETURN));
        method.visitMaxs(0, 0);
        method.visitEnd();
    }

    /** The host calls its own private methods with invokespecial, valid in every class file version. */
    private static int opcode(Handle handle, ClassIndex index) {
        return switch (handle.getTag()) {
            case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
            case Opcodes.H_INVOKESPECIAL, Opcodes.H_NEWINVOKESPECIAL -> Opcodes.INVOKESPECIAL;
            default -> {
                ClassIndex.Member member = index.findMethod(handle.getOwner(), handle.getName(), handle.getDesc());
                if (member != null && member.is(Opcodes.ACC_PRIVATE)) {
                    yield Opcodes.INVOKESPECIAL;
                }
                yield handle.getTag() == Opcodes.H_INVOKEINTERFACE ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL;
            }
        };
    }
}
