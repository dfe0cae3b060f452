package dev.faasguard.agent.instrument.files;

import static dev.faasguard.agent.instrument.HookCall.FILES;

import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.ScopedHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/** {@code Files.createDirectories}, judged as one operation rather than one per missing level. */
final class FilesInstrumentation implements TypeInstrumentation {

    private static final HookCall ENTER = HookCall.of(FILES, "createDirectoriesEnter", "(Ljava/nio/file/Path;)V",
            Push.reference(0));

    @Override
    public String className() {
        return "java.nio.file.Files";
    }

    @Override
    public MethodVisitor visitMethod(MethodShape shape, MethodVisitor method) {
        String name = shape.name();
        String descriptor = shape.descriptor();
        return name.equals("createDirectories") && descriptor.startsWith("(Ljava/nio/file/Path;")
                ? ScopedHook.scope(method, ENTER)
                : method;
    }
}
