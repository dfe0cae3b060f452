package dev.faasguard.agent.instrument.exceptions;

import dev.faasguard.agent.instrument.Instrumenter;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.function.Predicate;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * {@code swallowed-exception}'s transformer, registered only when the rule is on: each application class, as it
 * loads, gets the catch-block hook ({@link DroppedHook}) in the catch blocks that drop their exception
 * ({@link DroppingHandlers}). Never the JDK's classes, the libraries', the agent's nor compiler-made ones (an enum
 * switch's lookup table catches {@code NoSuchFieldError} and drops it by design); a class with no such block is left
 * as it is. A class of a named module is left alone too: it cannot read the boot loader's hook class.
 */
public final class CatchSiteTransformer implements ClassFileTransformer {

    private final Predicate<String> application;
    private final Instrumenter.Failures failures;

    /** @param application whether a class, by its binary name, is the application's own code (never the agent's) */
    public CatchSiteTransformer(Predicate<String> application, Instrumenter.Failures failures) {
        this.application = application;
        this.failures = failures;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null || loader == null || loader == ClassLoader.getPlatformClassLoader()
                || module.isNamed() || !application.test(className.replace('/', '.'))) {
            return null;
        }
        try {
            return rewrite(classfileBuffer);
        } catch (Throwable failure) {
            failures.instrumentationFailed(className.replace('/', '.'), failure);
            return null;
        }
    }

    /** @return the class with its dropping catch blocks hooked, or null when it has none */
    static byte[] rewrite(byte[] classfile) {
        ClassNode type = new ClassNode();
        new ClassReader(classfile).accept(type, 0);
        if ((type.access & Opcodes.ACC_SYNTHETIC) != 0) {
            return null;
        }
        String className = type.name.replace('/', '.');
        boolean changed = false;
        for (MethodNode method : type.methods) {
            if ((method.access & Opcodes.ACC_BRIDGE) != 0 || !DroppingHandlers.catchesAType(method)) {
                continue;
            }
            List<LabelNode> dropping = DroppingHandlers.of(type.name, method);
            for (LabelNode handler : dropping) {
                DroppedHook.insert(method, handler, className, type.sourceFile);
            }
            changed |= !dropping.isEmpty();
        }
        if (!changed) {
            return null;
        }
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        type.accept(writer);
        return writer.toByteArray();
    }
}
