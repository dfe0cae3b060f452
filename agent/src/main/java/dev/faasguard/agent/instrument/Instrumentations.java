package dev.faasguard.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Opcodes;

/** Every JDK type the agent instruments. */
public final class Instrumentations {

    static final int ASM_API = Opcodes.ASM9;

    private Instrumentations() {}

    public static List<TypeInstrumentation> all() {
        List<TypeInstrumentation> all = new ArrayList<>(fileWrites());
        all.addAll(blockingCalls());
        all.addAll(invocations());
        return all;
    }

    /** The instrumentations behind the invocation model: the runtime client, the JVM's exit. */
    static List<TypeInstrumentation> invocations() {
        return List.of(new RuntimeClientInstrumentation(), new RuntimeLoopInstrumentation(),
                new RuntimeExitInstrumentation());
    }

    /** The instrumentations behind the {@code *-without-timeout} rules. */
    static List<TypeInstrumentation> blockingCalls() {
        List<TypeInstrumentation> blocking = new ArrayList<>(List.of(
                new ThreadInstrumentation(),
                new SocketInstrumentation(),
                new SocketChannelInstrumentation(),
                new SocketReadInstrumentation(),
                new HttpUrlConnectionInstrumentation(),
                new HttpBodyInstrumentation(),
                new HttpClientInstrumentation()));
        blocking.addAll(ConcurrencyInstrumentations.all());
        return blocking;
    }

    /** The instrumentations behind {@code write-outside-tmp}. */
    static List<TypeInstrumentation> fileWrites() {
        return List.of(
                new FileOutputStreamInstrumentation(),
                new RandomAccessFileInstrumentation(),
                new FileInstrumentation(),
                new FileSystemProviderInstrumentation(),
                new FilesInstrumentation(),
                new FileHandlerInstrumentation());
    }
}
