package dev.faasguard.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Set;

/**
 * Runs a task in the JDK's own shutdown sequence after every application shutdown hook has finished:
 * {@code java.lang.Shutdown} runs its system hook slots in order, slot 1 being all the application hooks
 * (it joins each one) and slot 2 {@code File.deleteOnExit}; the task takes the last slot. A
 * {@code Runtime.halt} from there cuts no application hook short, as one from an ordinary shutdown
 * hook would (a JaCoCo dump, a log appender's flush).
 *
 * <p>The slots are registered through {@code jdk.internal.access.JavaLangAccess}, internal to java.base
 * (the same on JDK 17 and 25): that package is exported to the agent's module alone, as
 * {@link BootstrapInjector} does for {@code jdk.internal.misc}.
 */
final class LateShutdownHook {

    /** {@code Shutdown}'s last slot of ten: 0 is the console, 1 the application hooks, 2 deleteOnExit. */
    private static final int LAST_SLOT = 9;
    private static final String ACCESS_PACKAGE = "jdk.internal.access";

    private LateShutdownHook() {}

    /** @throws ReflectiveOperationException or a RuntimeException when this JVM does not allow it */
    static void register(Instrumentation instrumentation, Runnable task) throws ReflectiveOperationException {
        instrumentation.redefineModule(Object.class.getModule(), Set.of(),
                Map.of(ACCESS_PACKAGE, Set.of(LateShutdownHook.class.getModule())), Map.of(), Set.of(), Map.of());
        Object javaLangAccess = Class.forName(ACCESS_PACKAGE + ".SharedSecrets").getMethod("getJavaLangAccess").invoke(null);
        try {
            Class.forName(ACCESS_PACKAGE + ".JavaLangAccess")
                    .getMethod("registerShutdownHook", int.class, boolean.class, Runnable.class)
                    .invoke(javaLangAccess, LAST_SLOT, false, task);
        } catch (InvocationTargetException refused) {
            // The slot is taken (another agent), or the JVM is already shutting down.
            throw new IllegalStateException(refused.getCause().toString(), refused.getCause());
        }
    }
}
