package dev.faasguard.agent.instrument.files;

import static dev.faasguard.agent.instrument.HookCall.FILES;

import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.ScopedHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * {@code java.util.logging.FileHandler.openFiles()}: the lock file and the log file it opens are one
 * finding, reported with the handler's file name pattern; {@code close()} removing that lock file is part
 * of the same finding, not another.
 */
final class FileHandlerInstrumentation implements TypeInstrumentation {

    private static final HookCall ENTER = HookCall.of(FILES, "fileHandlerOpenEnter", "(Ljava/lang/String;)V",
            Push.field("java/util/logging/FileHandler", "pattern", "Ljava/lang/String;"));

    private static final HookCall CLOSE = HookCall.of(FILES, "fileHandlerCloseEnter", "()V");

    @Override
    public String className() {
        return "java.util.logging.FileHandler";
    }

    @Override
    public MethodVisitor visitMethod(MethodShape shape, MethodVisitor method) {
        String name = shape.name();
        String descriptor = shape.descriptor();
        if (name.equals("openFiles") && descriptor.equals("()V")) {
            return ScopedHook.scope(method, ENTER);
        }
        return name.equals("close") && descriptor.equals("()V") ? ScopedHook.scope(method, CLOSE) : method;
    }
}
