package dev.faasguard.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Opcodes;

/** Every JDK type the agent instruments. */
public final class Instrumentations {

    static final int ASM_API = Opcodes.ASM9;

    private Instrumentations() {}

    /**
     * @param handler {@code com.example.Fn::method} for hosts without the AWS runtime client, or null
     * @param deadlines whether invocations with a deadline can run here (the AWS runtime client is configured)
     */
    public static List<TypeInstrumentation> all(String handler, boolean deadlines) {
        List<TypeInstrumentation> all = new ArrayList<>(fileWrites());
        all.addAll(blockingCalls(deadlines));
        all.addAll(invocations());
        int separator = handler == null ? -1 : handler.indexOf("::");
        if (separator > 0) {
            all.add(new HandlerInstrumentation(handler.substring(0, separator), handler.substring(separator + 2)));
        }
        return all;
    }

    /** The instrumentations behind the invocation model: the runtime client, the JVM's exit. */
    static List<TypeInstrumentation> invocations() {
        return List.of(new RuntimeClientInstrumentation(), new RuntimeLoopInstrumentation(),
                new RuntimeExitInstrumentation(), new VirtualThreadInstrumentation());
    }

    /** The instrumentations behind the {@code *-without-timeout} rules. */
    static List<TypeInstrumentation> blockingCalls(boolean deadlines) {
        List<TypeInstrumentation> blocking = new ArrayList<>(List.of(
                new ThreadInstrumentation(),
                new SocketInstrumentation(),
                new SocketChannelInstrumentation(),
                new SocketReadInstrumentation(),
                new HttpUrlConnectionInstrumentation(),
                new HttpBodyInstrumentation(),
                new HttpClientInstrumentation(),
                new AwsSdkTimerInstrumentation()));
        blocking.addAll(ConcurrencyInstrumentations.all(deadlines));
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
