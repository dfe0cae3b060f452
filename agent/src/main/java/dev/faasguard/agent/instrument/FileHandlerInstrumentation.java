package dev.faasguard.agent.instrument;

import dev.faasguard.agent.instrument.HookCall.Push;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * {@code java.util.logging.FileHandler.openFiles()}: the lock file and the log file it opens are one
 * finding, reported with the handler's file name pattern.
 */
final class FileHandlerInstrumentation implements TypeInstrumentation {

    private static final HookCall ENTER = HookCall.of("fileHandlerOpenEnter", "(Ljava/lang/String;)V",
            Push.field("java/util/logging/FileHandler", "pattern", "Ljava/lang/String;"));

    @Override
    public String className() {
        return "java.util.logging.FileHandler";
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, MethodVisitor method) {
        return name.equals("openFiles") && descriptor.equals("()V") ? ScopedHook.scope(method, ENTER) : method;
    }
}
