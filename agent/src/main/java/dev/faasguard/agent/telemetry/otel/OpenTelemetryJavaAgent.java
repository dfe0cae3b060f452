package dev.faasguard.agent.telemetry.otel;

/** Whether the OpenTelemetry Java agent is attached to this JVM too. */
public final class OpenTelemetryJavaAgent {

    // Joined at run time: the build relocates literal io/opentelemetry names to the agent's own copy.
    private static final String MAIN_CLASS = String.join("/", "io", "opentelemetry", "javaagent", "OpenTelemetryAgent.class");

    private OpenTelemetryJavaAgent() {}

    /** True once its jar is on the class path, where {@code -javaagent} puts it before its premain runs. */
    public static boolean present() {
        return ClassLoader.getSystemResource(MAIN_CLASS) != null;
    }
}
