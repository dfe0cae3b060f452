package dev.faasguard.agent.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;

/** What the agent changes in one JDK class: which methods, and the hook call each one gets. */
public interface TypeInstrumentation {

    /** The class, as a binary name: {@code java.io.FileOutputStream}. */
    String className();

    /**
     * True when a hook keeps a value in a new local variable ({@link TimedHook}): the class is then
     * read with expanded frames and each method's original {@code maxLocals} is measured first.
     */
    default boolean addsLocals() {
        return false;
    }

    /** True for JDK classes (boot or platform loader); false for a library matched by name in any loader. */
    default boolean jdkOnly() {
        return true;
    }

    /** Wraps {@code visitor} when {@code method} is one to hook, else returns it unchanged. */
    MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor);
}
