package dev.faasguard.agent.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;

/** What the agent changes in one JDK class: which methods, and the hook call each one gets. */
public interface TypeInstrumentation {

    /** The class, as a binary name: {@code java.io.FileOutputStream}. */
    String className();

    /**
     * Wraps {@code method} when it is one to hook, else returns it unchanged.
     *
     * @param access the method's access flags
     */
    MethodVisitor visitMethod(int access, String name, String descriptor, MethodVisitor method);
}
