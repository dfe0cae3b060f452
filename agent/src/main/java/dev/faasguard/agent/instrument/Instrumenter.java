package dev.faasguard.agent.instrument;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the transformer and retransforms the targets the JVM loaded before the agent started
 * (FileOutputStream, File and the file system provider always are). A class that cannot be
 * instrumented is reported and skipped: the agent carries on with the rest.
 */
public final class Instrumenter {

    /** Told of each class that could not be instrumented. */
    public interface Failures {
        void instrumentationFailed(String type, Throwable failure);
    }

    private final Instrumentation instrumentation;
    private final Failures failures;

    public Instrumenter(Instrumentation instrumentation, Failures failures) {
        this.instrumentation = instrumentation;
        this.failures = failures;
    }

    /**
     * Registers the transformer, so that each target the JVM loads from now on is instrumented as it loads, then
     * retransforms the targets already loaded on a thread of its own: rewriting them is the larger half of premain's
     * work, and the caller builds the other half meanwhile. Registering first leaves no class between the two: one
     * loaded while the thread runs is instrumented as it loads.
     */
    public Retransformation install(List<TypeInstrumentation> instrumentations) {
        HookTransformer transformer = new HookTransformer(instrumentations, failures);
        instrumentation.addTransformer(transformer, true);
        Retransformation retransformation = new Retransformation(transformer);
        retransformation.thread.start();
        return retransformation;
    }

    /** The retransformation of the targets already loaded, on its own thread until {@link #await} returns. */
    public final class Retransformation implements Runnable {

        private final HookTransformer transformer;
        private final Thread thread;
        private volatile Throwable unexpected;

        private Retransformation(HookTransformer transformer) {
            this.transformer = transformer;
            this.thread = new Thread(this, "faasguard-retransform");
            thread.setDaemon(true);
        }

        /** Returns once every target already loaded is instrumented or reported as failed. */
        public void await() throws InterruptedException {
            thread.join();
            if (unexpected != null) {
                throw new IllegalStateException("instrumenting the JDK failed", unexpected);
            }
        }

        @Override
        public void run() {
            try {
                retransformLoaded(transformer);
            } catch (Throwable failure) {
                unexpected = failure;
            }
        }
    }

    private void retransformLoaded(HookTransformer transformer) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (transformer.targets(type)) {
                loaded.add(type);
            }
        }
        if (loaded.isEmpty()) {
            return;
        }
        try {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
        } catch (UnmodifiableClassException | RuntimeException | LinkageError failure) {
            // One bad class fails the whole batch: retry one by one so the others are still instrumented.
            for (Class<?> type : loaded) {
                retransformOne(type);
            }
        }
    }

    private void retransformOne(Class<?> type) {
        try {
            instrumentation.retransformClasses(type);
        } catch (UnmodifiableClassException | RuntimeException | LinkageError failure) {
            failures.instrumentationFailed(type.getName(), failure);
        }
    }
}
