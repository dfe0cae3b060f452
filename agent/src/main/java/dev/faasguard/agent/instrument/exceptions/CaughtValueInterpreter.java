package dev.faasguard.agent.instrument.exceptions;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * Follows each catch handler's exception through a method (stored, loaded, cast, merged) and notes the handlers
 * whose exception goes anywhere it can be seen again: thrown, returned, stored in a field or an array, captured by
 * a lambda, passed to any method (a logger, a constructor as the cause, {@code addSuppressed}, {@code list.add}), or
 * asked anything but its message, class or string form ({@code printStackTrace}, {@code getStackTrace},
 * {@code getCause}...). Reading its message, class or string form, string concatenation, {@code instanceof} and
 * null checks keep nothing of it: a handler that does only that drops its exception.
 */
final class CaughtValueInterpreter extends Interpreter<CaughtValue> {

    /** What may be asked of the exception without keeping it: its message, class and string form. */
    private static final Set<String> READS = Set.of("getMessage()Ljava/lang/String;",
            "getLocalizedMessage()Ljava/lang/String;", "toString()Ljava/lang/String;", "getClass()Ljava/lang/Class;");
    /** Methods the exception may be passed to for its string form only. */
    private static final Set<String> STRING_FORMS = Set.of(
            "java/lang/StringBuilder.append(Ljava/lang/Object;)Ljava/lang/StringBuilder;",
            "java/lang/StringBuffer.append(Ljava/lang/Object;)Ljava/lang/StringBuffer;",
            "java/lang/String.valueOf(Ljava/lang/Object;)Ljava/lang/String;");
    private static final String STRING_CONCAT = "java/lang/invoke/StringConcatFactory";

    /** Each typed handler's number, its bit in {@link CaughtValue#handlers}. */
    private final Map<LabelNode, Integer> handlers;
    /** The handlers whose exception went somewhere: not dropped. */
    private long kept;

    CaughtValueInterpreter(Map<LabelNode, Integer> handlers) {
        super(Opcodes.ASM9);
        this.handlers = handlers;
    }

    /** Whether the exception of the handler numbered {@code handler} is kept somewhere on some path. */
    boolean kept(int handler) {
        return (kept & 1L << handler) != 0;
    }

    private void keep(CaughtValue value) {
        kept |= value.handlers;
    }

    @Override
    public CaughtValue newExceptionValue(TryCatchBlockNode tryCatch, Frame<CaughtValue> handlerFrame,
            Type exceptionType) {
        Integer handler = handlers.get(tryCatch.handler);
        return handler == null ? CaughtValue.ONE_SLOT : CaughtValue.caughtBy(handler);
    }

    @Override
    public CaughtValue newValue(Type type) {
        if (type == Type.VOID_TYPE) {
            return null;
        }
        return type == null ? CaughtValue.ONE_SLOT : CaughtValue.of(type.getSize());
    }

    @Override
    public CaughtValue newOperation(AbstractInsnNode insn) {
        switch (insn.getOpcode()) {
            case Opcodes.LCONST_0: case Opcodes.LCONST_1: case Opcodes.DCONST_0: case Opcodes.DCONST_1:
                return CaughtValue.TWO_SLOTS;
            case Opcodes.LDC:
                Object constant = ((LdcInsnNode) insn).cst;
                return constant instanceof Long || constant instanceof Double ? CaughtValue.TWO_SLOTS
                        : CaughtValue.ONE_SLOT;
            case Opcodes.GETSTATIC:
                return CaughtValue.of(Type.getType(((FieldInsnNode) insn).desc).getSize());
            default:
                return CaughtValue.ONE_SLOT;
        }
    }

    @Override
    public CaughtValue copyOperation(AbstractInsnNode insn, CaughtValue value) {
        return value;
    }

    @Override
    public CaughtValue unaryOperation(AbstractInsnNode insn, CaughtValue value) {
        switch (insn.getOpcode()) {
            case Opcodes.ATHROW: case Opcodes.ARETURN: case Opcodes.PUTSTATIC:
                keep(value);
                return null;
            case Opcodes.CHECKCAST:
                return value;
            case Opcodes.LNEG: case Opcodes.DNEG: case Opcodes.I2L: case Opcodes.I2D: case Opcodes.L2D:
            case Opcodes.F2L: case Opcodes.F2D: case Opcodes.D2L:
                return CaughtValue.TWO_SLOTS;
            case Opcodes.GETFIELD:
                return CaughtValue.of(Type.getType(((FieldInsnNode) insn).desc).getSize());
            default:
                return CaughtValue.ONE_SLOT;
        }
    }

    @Override
    public CaughtValue binaryOperation(AbstractInsnNode insn, CaughtValue first, CaughtValue second) {
        switch (insn.getOpcode()) {
            case Opcodes.PUTFIELD:
                keep(second);
                return null;
            case Opcodes.LALOAD: case Opcodes.DALOAD: case Opcodes.LADD: case Opcodes.DADD: case Opcodes.LSUB:
            case Opcodes.DSUB: case Opcodes.LMUL: case Opcodes.DMUL: case Opcodes.LDIV: case Opcodes.DDIV:
            case Opcodes.LREM: case Opcodes.DREM: case Opcodes.LSHL: case Opcodes.LSHR: case Opcodes.LUSHR:
            case Opcodes.LAND: case Opcodes.LOR: case Opcodes.LXOR:
                return CaughtValue.TWO_SLOTS;
            default:
                return CaughtValue.ONE_SLOT;
        }
    }

    @Override
    public CaughtValue ternaryOperation(AbstractInsnNode insn, CaughtValue array, CaughtValue index,
            CaughtValue value) {
        keep(value); // AASTORE: in an array, it can be read again.
        return null;
    }

    @Override
    public CaughtValue naryOperation(AbstractInsnNode insn, List<? extends CaughtValue> values) {
        if (insn instanceof InvokeDynamicInsnNode dynamic) {
            if (!dynamic.bsm.getOwner().equals(STRING_CONCAT)) {
                for (CaughtValue value : values) {
                    keep(value); // Captured by a lambda, or whatever else a bootstrap method links.
                }
            }
            return newValue(Type.getReturnType(dynamic.desc));
        }
        if (!(insn instanceof MethodInsnNode call)) {
            return CaughtValue.ONE_SLOT; // MULTIANEWARRAY
        }
        boolean receiver = call.getOpcode() != Opcodes.INVOKESTATIC;
        for (int i = 0; i < values.size(); i++) {
            CaughtValue value = values.get(i);
            if (value.handlers != 0 && !(receiver && i == 0 ? READS.contains(call.name + call.desc)
                    : STRING_FORMS.contains(call.owner + "." + call.name + call.desc))) {
                keep(value);
            }
        }
        return newValue(Type.getReturnType(call.desc));
    }

    @Override
    public void returnOperation(AbstractInsnNode insn, CaughtValue value, CaughtValue expected) {
        // ARETURN is judged as a unary operation; the others return no reference.
    }

    @Override
    public CaughtValue merge(CaughtValue first, CaughtValue second) {
        return first.or(second);
    }
}
