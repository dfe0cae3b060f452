package dev.faasguard.agent.instrument;

import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;

/** A first, cheap pass over a class: each method's own number of local variable slots. */
final class MaxLocals {

    private MaxLocals() {}

    /** {@code name + descriptor} to max_locals, for every method with code. */
    static Map<String, Integer> of(ClassReader reader) {
        Map<String, Integer> maxLocals = new HashMap<>();
        reader.accept(new ClassVisitor(Instrumentations.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Instrumentations.ASM_API) {
                    @Override
                    public void visitMaxs(int maxStack, int locals) {
                        maxLocals.put(name + descriptor, locals);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return maxLocals;
    }
}
