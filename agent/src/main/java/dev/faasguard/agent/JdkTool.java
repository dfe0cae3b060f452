package dev.faasguard.agent;

/**
 * Whether this JVM runs one of the JDK's own tools. JAVA_TOOL_OPTIONS, where the Lambda layer puts the agent,
 * reaches every JVM of the environment, also {@code jcmd}, {@code jar} or {@code javac}; their launchers start
 * the tool's main module ({@code jdk.jcmd}, {@code jdk.jartool}, {@code jdk.compiler}, {@code java.base} for
 * keytool), which no application has. The source launcher ({@code java Fn.java}) runs user code and starts no
 * main module, so it is watched.
 */
final class JdkTool {

    private JdkTool() {}

    static boolean running() {
        String mainModule = System.getProperty("jdk.module.main");
        return mainModule != null && (mainModule.startsWith("jdk.") || mainModule.startsWith("java."));
    }
}
