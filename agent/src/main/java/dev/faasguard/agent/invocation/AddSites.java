package dev.faasguard.agent.invocation;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Where the code of a field's own class adds to the collection the field holds: {@code ITEMS.add(...)},
 * {@code this.seen.put(...)}, {@code CACHE.computeIfAbsent(...)}, a JDK collection method that can make it grow called
 * on the value just read from the field. Read from the class file once, when the rule has fired for the field, never
 * on the way of an invocation. The value is followed on the operand stack from the field's read to the call; code
 * this simple tracking does not model (a branch, a store to a local) ends it, and then that site is not known.
 */
final class AddSites {

    /** A site: the method, the source file and the line. */
    record Site(String method, String file, int line) {}

    /** The JDK collection methods that can add to the collection they are called on. */
    private static final Set<String> ADDING = Set.of("add", "addAll", "addFirst", "addLast", "offer", "offerFirst",
            "offerLast", "push", "put", "putAll", "putIfAbsent", "putFirst", "putLast", "computeIfAbsent", "compute",
            "merge", "addElement", "insertElementAt", "setProperty");

    private AddSites() {}

    /** The sites in {@code type}'s code that add to its field {@code field}; empty when its class file is unreadable. */
    static List<Site> of(Class<?> type, String field) {
        ClassLoader loader = type.getClassLoader();
        String internalName = type.getName().replace('.', '/');
        if (loader == null) {
            return List.of();
        }
        try (InputStream bytes = loader.getResourceAsStream(internalName + ".class")) {
            if (bytes == null) {
                return List.of();
            }
            Scan scan = new Scan(internalName, field);
            new ClassReader(bytes).accept(scan, ClassReader.SKIP_FRAMES);
            return scan.sites;
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
    }

    /** The class's methods, each read for reads of the field followed by an adding call on what was read. */
    private static final class Scan extends ClassVisitor {
        private final String owner;
        private final String field;
        private final List<Site> sites = new ArrayList<>();
        private String file;

        Scan(String owner, String field) {
            super(Opcodes.ASM9);
            this.owner = owner;
            this.field = field;
        }

        @Override
        public void visitSource(String source, String debug) {
            file = source;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            return new Method(name);
        }

        /**
         * From a read of the field, the depth of the operand stack above the value read, as each instruction changes
         * it: an adding call finds the value as its receiver when the depth equals its arguments' size.
         */
        private final class Method extends MethodVisitor {
            private final String name;
            private int line = -1;
            /** The line of the read being followed, or -1 when none is. */
            private int readAt = -1;
            /** Slots above the value read. */
            private int above;

            Method(String name) {
                super(Opcodes.ASM9);
                this.name = name;
            }

            @Override
            public void visitLineNumber(int line, Label start) {
                this.line = line;
            }

            @Override
            public void visitFieldInsn(int opcode, String fieldOwner, String fieldName, String descriptor) {
                int size = Type.getType(descriptor).getSize();
                if (fieldOwner.equals(owner) && fieldName.equals(field)
                        && (opcode == Opcodes.GETSTATIC || opcode == Opcodes.GETFIELD)) {
                    readAt = line;
                    above = 0;
                    return;
                }
                switch (opcode) {
                    case Opcodes.GETSTATIC -> push(size);
                    case Opcodes.GETFIELD -> push(size - 1);
                    case Opcodes.PUTSTATIC -> push(-size);
                    default -> push(-size - 1);
                }
            }

            @Override
            public void visitMethodInsn(int opcode, String methodOwner, String method, String descriptor,
                    boolean isInterface) {
                // ASM counts the receiver among the arguments' slots, and one for a static method too.
                int sizes = Type.getArgumentsAndReturnSizes(descriptor);
                int popped = (sizes >> 2) - (opcode == Opcodes.INVOKESTATIC ? 1 : 0);
                if (readAt >= 0 && opcode != Opcodes.INVOKESTATIC && above == popped - 1) {
                    if (methodOwner.startsWith("java/util/") && ADDING.contains(method)) {
                        sites.add(new Site(name, file, readAt));
                    }
                    stop();
                    return;
                }
                if (above < popped) {
                    // The value read is an argument, not the receiver: followed no further.
                    stop();
                }
                push((sizes & 3) - popped);
            }

            @Override
            public void visitInvokeDynamicInsn(String method, String descriptor, Handle bootstrap, Object... arguments) {
                int sizes = Type.getArgumentsAndReturnSizes(descriptor);
                if (above < (sizes >> 2) - 1) {
                    stop();
                }
                push((sizes & 3) - (sizes >> 2) + 1);
            }

            @Override
            public void visitVarInsn(int opcode, int slot) {
                switch (opcode) {
                    case Opcodes.ILOAD, Opcodes.FLOAD, Opcodes.ALOAD -> push(1);
                    case Opcodes.LLOAD, Opcodes.DLOAD -> push(2);
                    default -> stop();
                }
            }

            @Override
            public void visitLdcInsn(Object value) {
                push(value instanceof Long || value instanceof Double ? 2 : 1);
            }

            @Override
            public void visitIntInsn(int opcode, int operand) {
                push(opcode == Opcodes.NEWARRAY ? 0 : 1);
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                push(opcode == Opcodes.NEW ? 1 : 0);
            }

            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.ACONST_NULL || opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5
                        || opcode == Opcodes.FCONST_0 || opcode == Opcodes.FCONST_1 || opcode == Opcodes.FCONST_2
                        || opcode == Opcodes.DUP) {
                    push(1);
                } else if (opcode == Opcodes.LCONST_0 || opcode == Opcodes.LCONST_1 || opcode == Opcodes.DCONST_0
                        || opcode == Opcodes.DCONST_1) {
                    push(2);
                } else if (opcode == Opcodes.AALOAD) {
                    push(-1);
                } else {
                    stop();
                }
            }

            @Override
            public void visitJumpInsn(int opcode, Label label) {
                stop();
            }

            @Override
            public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                stop();
            }

            @Override
            public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                stop();
            }

            @Override
            public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
                stop();
            }

            private void push(int slots) {
                if (readAt >= 0) {
                    above += slots;
                    if (above < 0) {
                        // The value read was taken by something other than a call on it.
                        stop();
                    }
                }
            }

            private void stop() {
                readAt = -1;
            }
        }
    }
}
