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

    public void install(List<TypeInstrumentation> instrumentations) {
        HookTransformer transformer = new HookTransformer(instrumentations, failures);
        instrumentation.addTransformer(transformer, true);
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
