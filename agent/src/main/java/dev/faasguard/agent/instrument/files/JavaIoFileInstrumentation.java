package dev.faasguard.agent.instrument.files;

import static dev.faasguard.agent.instrument.HookCall.FILES;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.ReturnValueHook;
import dev.faasguard.agent.instrument.ScopedHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * {@code java.io.File}'s writing methods. Their natives differ between JDKs, the public methods do not.
 * mkdirs is one scoped operation: the mkdir calls it makes are not judged again.
 */
final class JavaIoFileInstrumentation implements TypeInstrumentation {

    private static final String FILE = "Ljava/io/File;";
    private static final Push THIS = Push.reference(0);
    private static final HookCall TEMP_FILE_CREATED = HookCall.of(FILES, "fileTempFileCreated", "(" + FILE + ")V");

    @Override
    public String className() {
        return "java.io.File";
    }

    @Override
    public MethodVisitor visitMethod(MethodShape shape, MethodVisitor method) {
        String name = shape.name();
        String descriptor = shape.descriptor();
        switch (name + descriptor) {
            case "createNewFile()Z":
                return EntryHook.call(method, HookCall.of(FILES, "fileCreateNewFile", "(" + FILE + ")V", THIS));
            case "mkdir()Z":
                return EntryHook.returnFalseWhenDenied(method,
                        HookCall.of(FILES, "fileMkdir", "(" + FILE + ")Z", THIS));
            case "delete()Z":
                return EntryHook.returnFalseWhenDenied(method,
                        HookCall.of(FILES, "fileDelete", "(" + FILE + ")Z", THIS));
            case "renameTo(Ljava/io/File;)Z":
                return EntryHook.returnFalseWhenDenied(method,
                        HookCall.of(FILES, "fileRenameTo", "(" + FILE + FILE + ")Z", THIS, Push.reference(1)));
            case "mkdirs()Z":
                return ScopedHook.scopeReturningFalseWhenDenied(method,
                        HookCall.of(FILES, "fileMkdirsEnter", "(" + FILE + ")Z", THIS));
            case "createTempFile(Ljava/lang/String;Ljava/lang/String;Ljava/io/File;)Ljava/io/File;":
                // Judged by its pattern before; the file it made, which no other hook sees created, after.
                return EntryHook.call(ReturnValueHook.passing(method, TEMP_FILE_CREATED), HookCall.of(FILES,
                        "fileCreateTempFile", "(Ljava/lang/String;Ljava/lang/String;" + FILE + ")V",
                        Push.reference(0), Push.reference(1), Push.reference(2)));
            default:
                return method;
        }
    }
}
