package dev.faasguard.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * A plain {@link ClassFileTransformer} on ASM: one map lookup for every class the JVM loads, and a
 * rewrite only of the JDK classes the agent instruments. Frames are kept as the class has them and
 * the inserted code declares its own, so transforming loads no other class.
 */
final class HookTransformer implements ClassFileTransformer {

    private final Map<String, TypeInstrumentation> byInternalName = new HashMap<>();
    private final Instrumenter.Failures failures;

    HookTransformer(List<TypeInstrumentation> instrumentations, Instrumenter.Failures failures) {
        for (TypeInstrumentation instrumentation : instrumentations) {
            if (byInternalName.put(instrumentation.className().replace('.', '/'), instrumentation) != null) {
                throw new IllegalArgumentException("two instrumentations for " + instrumentation.className());
            }
        }
        this.failures = failures;
    }

    /** The boot loader, or the platform loader (java.net.http lives there). */
    static boolean isJdkLoader(ClassLoader loader) {
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    /** Whether a class already loaded is one to retransform. */
    boolean targets(Class<?> type) {
        TypeInstrumentation instrumentation = byInternalName.get(type.getName().replace('.', '/'));
        return instrumentation != null && (!instrumentation.jdkOnly() || isJdkLoader(type.getClassLoader()));
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null) {
            return null;
        }
        TypeInstrumentation instrumentation = byInternalName.get(className);
        if (instrumentation == null || instrumentation.jdkOnly() && !isJdkLoader(loader)) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(classfileBuffer);
            boolean addsLocals = instrumentation.addsLocals();
            Map<String, Integer> maxLocals = addsLocals ? MaxLocals.of(reader) : Map.of();
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            reader.accept(new ClassVisitor(Instrumentations.ASM_API, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                    MethodShape shape = new MethodShape(access, name, descriptor,
                            maxLocals.getOrDefault(name + descriptor, -1));
                    return instrumentation.visitMethod(shape, method);
                }
            }, addsLocals ? ClassReader.EXPAND_FRAMES : 0);
            return writer.toByteArray();
        } catch (Throwable failure) {
            failures.instrumentationFailed(instrumentation.className(), failure);
            return null;
        }
    }
}
