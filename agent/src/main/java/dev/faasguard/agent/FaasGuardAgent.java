package dev.faasguard.agent;

import dev.faasguard.agent.support.LogText;
import dev.faasguard.agent.support.Secrets;
import java.lang.instrument.Instrumentation;

/**
 * {@code -javaagent} and dynamic-attach entry points. This class touches nothing from the boot-loader
 * bridge: that must be injected before any class that refers to it is loaded.
 */
public final class FaasGuardAgent {

    /**
     * Set, to the agent's version, once the agent runs in a JVM: {@code attach} reads it through the
     * attach API to refuse a second agent before loading one.
     */
    public static final String VERSION_PROPERTY = "faasguard.agent.version";

    private FaasGuardAgent() {}

    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    private static synchronized void start(String arguments, Instrumentation instrumentation) {
        if (JdkTool.running()) {
            // jcmd, jar, javac: nothing of the application runs there, and they must print and write nothing of ours.
            return;
        }
        try {
            if (ArchiveDump.inProgress(instrumentation)) {
                System.err.println("[FaaSGuard] not started: this JVM records an AOT cache, which the agent's rewritten"
                        + " JDK classes would make it crash on; the application runs without it");
                return;
            }
            BootstrapInjector.inject(instrumentation);
            AgentRuntime.start(arguments, instrumentation);
        } catch (Throwable failure) {
            // The application must start regardless: say why the agent is off, once, and step aside.
            System.err.println("[FaaSGuard] not started, the application runs without it: "
                    + LogText.escape(Secrets.mask(String.valueOf(failure))));
        }
    }
}
