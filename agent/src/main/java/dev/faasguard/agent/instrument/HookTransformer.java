package dev.faasguard.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * A plain {@link ClassFileTransformer} on ASM: one map lookup for every class the JVM loads, and a
 * rewrite only of the boot classes the agent instruments. Frames are kept as the class has them
 * (the inserted code needs no new ones but its own), so transforming loads no other class.
 */
final class HookTransformer implements ClassFileTransformer {

    private final Map<String, TypeInstrumentation> byInternalName = new HashMap<>();
    private final BiConsumer<String, Throwable> failures;

    HookTransformer(List<TypeInstrumentation> instrumentations, BiConsumer<String, Throwable> failures) {
        for (TypeInstrumentation instrumentation : instrumentations) {
            byInternalName.put(instrumentation.className().replace('.', '/'), instrumentation);
        }
        this.failures = failures;
    }

    boolean targets(String binaryName) {
        return byInternalName.containsKey(binaryName.replace('.', '/'));
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (loader != null || className == null) {
            return null;
        }
        TypeInstrumentation instrumentation = byInternalName.get(className);
        if (instrumentation == null) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(classfileBuffer);
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            reader.accept(new ClassVisitor(Instrumentations.ASM_API, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                    return instrumentation.visitMethod(access, name, descriptor, method);
                }
            }, 0);
            return writer.toByteArray();
        } catch (Throwable failure) {
            failures.accept(instrumentation.className(), failure);
            return null;
        }
    }
}
