package dev.faasguard.desugar;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The adaptations LambdaMetafactory makes between the interface method's types and the implementation's:
 * casts, boxing, unboxing and primitive widening, emitted as plain instructions.
 */
final class Conversions {

    private static final Type OBJECT = Type.getObjectType("java/lang/Object");

    private Conversions() {}

    /** Converts the value on top of the stack from {@code from} to {@code to}. */
    static void convert(MethodVisitor method, Type from, Type to) {
        if (from.equals(to)) {
            return;
        }
        boolean fromPrimitive = isPrimitive(from);
        boolean toPrimitive = isPrimitive(to);
        if (fromPrimitive && toPrimitive) {
            widen(method, from, to);
        } else if (fromPrimitive) {
            box(method, from);
            Type wrapper = wrapper(from);
            if (!to.equals(wrapper) && !to.equals(OBJECT)) {
                method.visitTypeInsn(Opcodes.CHECKCAST, to.getInternalName());
            }
        } else if (toPrimitive) {
            Type unboxed = primitiveOf(from);
            if (unboxed == null) {
                unboxed = to;
                method.visitTypeInsn(Opcodes.CHECKCAST, wrapper(to).getInternalName());
            }
            unbox(method, unboxed);
            widen(method, unboxed, to);
        } else if (!to.equals(OBJECT)) {
            method.visitTypeInsn(Opcodes.CHECKCAST, to.getInternalName());
        }
    }

    /** Drops the value on top of the stack. */
    static void drop(MethodVisitor method, Type type) {
        if (type.getSize() == 2) {
            method.visitInsn(Opcodes.POP2);
        } else if (type.getSize() == 1) {
            method.visitInsn(Opcodes.POP);
        }
    }

    private static boolean isPrimitive(Type type) {
        return type.getSort() != Type.OBJECT && type.getSort() != Type.ARRAY;
    }

    private static void box(MethodVisitor method, Type primitive) {
        Type wrapper = wrapper(primitive);
        method.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper.getInternalName(), "valueOf",
                Type.getMethodDescriptor(wrapper, primitive), false);
    }

    private static void unbox(MethodVisitor method, Type primitive) {
        method.visitMethodInsn(Opcodes.INVOKEVIRTUAL, wrapper(primitive).getInternalName(),
                primitive.getClassName() + "Value", Type.getMethodDescriptor(primitive), false);
    }

    /** Widening primitive conversion (JLS 5.1.2); byte, short and char are already ints on the stack. */
    private static void widen(MethodVisitor method, Type from, Type to) {
        int source = stackSort(from);
        int target = stackSort(to);
        if (source == target) {
            return;
        }
        int opcode = switch (source * 16 + target) {
            case Type.INT * 16 + Type.LONG -> Opcodes.I2L;
            case Type.INT * 16 + Type.FLOAT -> Opcodes.I2F;
            case Type.INT * 16 + Type.DOUBLE -> Opcodes.I2D;
            case Type.LONG * 16 + Type.FLOAT -> Opcodes.L2F;
            case Type.LONG * 16 + Type.DOUBLE -> Opcodes.L2D;
            case Type.FLOAT * 16 + Type.DOUBLE -> Opcodes.F2D;
            default -> throw new UnsupportedSiteException("no widening from " + from + " to " + to);
        };
        method.visitInsn(opcode);
    }

    private static int stackSort(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN, Type.BYTE, Type.SHORT, Type.CHAR, Type.INT -> Type.INT;
            default -> type.getSort();
        };
    }

    private static Type wrapper(Type primitive) {
        String name = switch (primitive.getSort()) {
            case Type.BOOLEAN -> "Boolean";
            case Type.BYTE -> "Byte";
            case Type.CHAR -> "Character";
            case Type.SHORT -> "Short";
            case Type.INT -> "Integer";
            case Type.LONG -> "Long";
            case Type.FLOAT -> "Float";
            case Type.DOUBLE -> "Double";
            default -> throw new UnsupportedSiteException("no wrapper for " + primitive);
        };
        return Type.getObjectType("java/lang/" + name);
    }

    /** @return the primitive a wrapper type holds, or null when the type is no wrapper */
    private static Type primitiveOf(Type reference) {
        return switch (reference.getInternalName()) {
            case "java/lang/Boolean" -> Type.BOOLEAN_TYPE;
            case "java/lang/Byte" -> Type.BYTE_TYPE;
            case "java/lang/Character" -> Type.CHAR_TYPE;
            case "java/lang/Short" -> Type.SHORT_TYPE;
            case "java/lang/Integer" -> Type.INT_TYPE;
            case "java/lang/Long" -> Type.LONG_TYPE;
            case "java/lang/Float" -> Type.FLOAT_TYPE;
            case "java/lang/Double" -> Type.DOUBLE_TYPE;
            default -> null;
        };
    }
}
