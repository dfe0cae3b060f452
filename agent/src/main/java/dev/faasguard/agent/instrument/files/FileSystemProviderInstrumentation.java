package dev.faasguard.agent.instrument.files;

import static dev.faasguard.agent.instrument.HookCall.FILES;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.ScopedHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * The default file system provider, where every {@code java.nio.file.Files} write lands: channel opens
 * (newOutputStream, write, writeString, newBufferedWriter, createFile, createTempFile, FileChannel.open),
 * createDirectory, delete, copy and move; and createSymbolicLink, for the links in /tmp that lead out of it. Channel
 * opens are scoped: on JDK 21+ newByteChannel opens through newFileChannel, and one open is one operation. Matched by
 * name and leading parameters, which have stayed the same from JDK 17 to 25 while the internals below them changed.
 */
final class FileSystemProviderInstrumentation implements TypeInstrumentation {

    private static final String PATH = "Ljava/nio/file/Path;";
    private static final HookCall CHANNEL_OPEN = HookCall.of(FILES, "channelOpenEnter",
            "(" + PATH + "Ljava/util/Set;)V",
            Push.reference(1), Push.reference(2));
    private static final HookCall CREATE_DIRECTORY = HookCall.of(FILES, "createDirectory", "(" + PATH + ")V",
            Push.reference(1));
    private static final HookCall DELETE = HookCall.of(FILES, "delete", "(" + PATH + ")V", Push.reference(1));
    private static final HookCall COPY = HookCall.of(FILES, "copy", "(" + PATH + PATH + ")V",
            Push.reference(1), Push.reference(2));
    private static final HookCall SYMBOLIC_LINK = HookCall.of(FILES, "symbolicLinkCreating", "(" + PATH + PATH + ")V",
            Push.reference(1), Push.reference(2));
    private static final HookCall MOVE = HookCall.of(FILES, "move", "(" + PATH + PATH + ")V",
            Push.reference(1), Push.reference(2));

    @Override
    public String className() {
        return "sun.nio.fs.UnixFileSystemProvider";
    }

    @Override
    public MethodVisitor visitMethod(MethodShape shape, MethodVisitor method) {
        String name = shape.name();
        String descriptor = shape.descriptor();
        switch (name) {
            case "newByteChannel":
            case "newFileChannel":
            case "newAsynchronousFileChannel":
                return descriptor.startsWith("(" + PATH + "Ljava/util/Set;") ? ScopedHook.scope(method, CHANNEL_OPEN) : method;
            case "createDirectory":
                return descriptor.startsWith("(" + PATH) ? EntryHook.call(method, CREATE_DIRECTORY) : method;
            case "implDelete":
                return descriptor.startsWith("(" + PATH) ? EntryHook.call(method, DELETE) : method;
            case "copy":
                return descriptor.startsWith("(" + PATH + PATH) ? EntryHook.call(method, COPY) : method;
            case "createSymbolicLink":
                return descriptor.startsWith("(" + PATH + PATH) ? EntryHook.call(method, SYMBOLIC_LINK) : method;
            case "move":
                return descriptor.startsWith("(" + PATH + PATH) ? EntryHook.call(method, MOVE) : method;
            default:
                return method;
        }
    }
}
