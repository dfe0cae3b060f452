package dev.faasguard.agent.instrument.exceptions;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What a dropping catch block starts with: {@code ExceptionHooks.dropped(e, class, method, file, line)} on a copy of
 * the caught exception, the catch site as constants. Inserted before the handler's first instruction, after its
 * frame, with the exception on the stack as the handler found it: no branch, no new frame, no local.
 */
final class DroppedHook {

    static final String OWNER = "dev/faasguard/bootstrap/ExceptionHooks";
    static final String NAME = "dropped";
    static final String DESCRIPTOR =
            "(Ljava/lang/Throwable;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;I)V";

    private DroppedHook() {}

    /**
     * @param className the class's binary name, {@code com.example.Fn}
     * @param file its source file, or null
     */
    static void insert(MethodNode method, LabelNode handler, String className, String file) {
        AbstractInsnNode first = handler;
        while (first.getOpcode() < 0) { // labels, line numbers and frames
            first = first.getNext();
        }
        InsnList call = new InsnList();
        call.add(new InsnNode(Opcodes.DUP));
        call.add(new LdcInsnNode(className));
        call.add(new LdcInsnNode(method.name));
        call.add(file == null ? new InsnNode(Opcodes.ACONST_NULL) : new LdcInsnNode(file));
        call.add(new LdcInsnNode(lineOf(first)));
        call.add(new MethodInsnNode(Opcodes.INVOKESTATIC, OWNER, NAME, DESCRIPTOR, false));
        method.instructions.insertBefore(first, call);
    }

    /** The line of an instruction: the nearest line number before it in the code, or -1 without debug lines. */
    static int lineOf(AbstractInsnNode instruction) {
        for (AbstractInsnNode node = instruction; node != null; node = node.getPrevious()) {
            if (node instanceof LineNumberNode line) {
                return line.line;
            }
        }
        return -1;
    }
}
