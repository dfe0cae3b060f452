package dev.faasguard.bench.jmh;

import java.lang.reflect.Field;

/**
 * Checks, inside a benchmark's forked JVM, that the FaaSGuard agent is running exactly when the run says it is.
 *
 * <p>The agent defines {@code dev.faasguard.bootstrap.Hooks} in the boot class loader (the instrumented JDK methods
 * call it) and installs its sink there when premain succeeds. A run started with
 * {@code -Dbench.expectAgent=true} fails unless that class exists with a sink installed; one started with
 * {@code =false} fails if the class exists at all. Without the property (benchmarks.jar run by hand) nothing is
 * checked.
 */
public final class AgentPresence {

    static final String EXPECT_PROPERTY = "bench.expectAgent";
    static final String HOOKS_CLASS = "dev.faasguard.bootstrap.Hooks";

    private AgentPresence() {
    }

    /** Throws when the agent's presence does not match {@code bench.expectAgent}. */
    public static void verify() {
        String expected = System.getProperty(EXPECT_PROPERTY);
        if (expected == null) {
            return;
        }
        boolean active = agentActive();
        if (active != Boolean.parseBoolean(expected)) {
            throw new IllegalStateException("this fork should run " + (active ? "without" : "with")
                    + " the FaaSGuard agent (" + EXPECT_PROPERTY + "=" + expected + "), but the agent is "
                    + (active ? "active" : "not active"));
        }
    }

    /** Whether the agent's bridge class is in the boot loader with its sink installed. */
    public static boolean agentActive() {
        Class<?> hooks;
        try {
            hooks = Class.forName(HOOKS_CLASS, false, null);
        } catch (ClassNotFoundException absent) {
            return false;
        }
        try {
            Field sink = hooks.getDeclaredField("sink");
            sink.setAccessible(true);
            return sink.get(null) != null;
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            // The field was renamed or is not accessible: the class alone is the evidence.
            return true;
        }
    }
}
