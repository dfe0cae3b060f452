package dev.faasguard.agent.instrument.invocation;

import dev.faasguard.agent.instrument.TypeInstrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * The instrumentations behind the invocation model: the runtime client, the handler, the threads an invocation
 * starts and the tasks it hands to thread pools and fork-join pools (and the JDK's own threads, which are not followed), uncaught exceptions, the JVM's exit. Their hooks are
 * {@code InvocationHooks}.
 */
public final class InvocationInstrumentations {

    private InvocationInstrumentations() {}

    /** @param handler {@code com.example.Fn::method} for hosts without the AWS runtime client, or null */
    public static List<TypeInstrumentation> all(String handler) {
        List<TypeInstrumentation> all = new ArrayList<>(List.of(
                new RuntimeClientInstrumentation(),
                new RuntimeLoopInstrumentation(),
                new HandlerInitFaultInstrumentation(),
                new RuntimeExitInstrumentation(),
                new ThreadInstrumentation(),
                new VirtualThreadInstrumentation(),
                new ThreadPoolInstrumentation(),
                new ForkJoinTaskInstrumentation(),
                new ForkJoinPoolInstrumentation(),
                new FinalizerInstrumentation()));
        int separator = handler == null ? -1 : handler.indexOf("::");
        if (separator > 0) {
            all.add(new HandlerInstrumentation(handler.substring(0, separator), handler.substring(separator + 2)));
        }
        return all;
    }
}
