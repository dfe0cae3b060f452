package dev.faasguard.agent.instrument;

import java.util.List;
import net.bytebuddy.jar.asm.Opcodes;

/** Every JDK type the agent instruments. */
public final class Instrumentations {

    static final int ASM_API = Opcodes.ASM9;

    private Instrumentations() {}

    /** The instrumentations behind {@code write-outside-tmp}. */
    public static List<TypeInstrumentation> fileWrites() {
        return List.of(
                new FileOutputStreamInstrumentation(),
                new RandomAccessFileInstrumentation(),
                new FileInstrumentation(),
                new FileSystemProviderInstrumentation(),
                new FilesInstrumentation(),
                new FileHandlerInstrumentation());
    }
}
