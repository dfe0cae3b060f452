package dev.faasguard.layer;

/** Stands in for the Lambda runtime behind the wrapper: prints what it was started with, one line each. */
public final class ShowEnvironment {

    public static void main(String[] args) {
        System.out.println("pid=" + ProcessHandle.current().pid());
        for (String arg : args) {
            System.out.println("arg=" + arg.replace("\n", "\\n"));
        }
        System.out.println("JAVA_TOOL_OPTIONS=" + System.getenv("JAVA_TOOL_OPTIONS"));
        System.out.println("OTEL_SERVICE_NAME=" + System.getenv("OTEL_SERVICE_NAME"));
        System.out.println("x=" + System.getProperty("x"));
        System.out.println("y=" + System.getProperty("y"));
        System.out.println("agent=" + agentRunning());
    }

    /** The agent defines its hooks in the boot class loader, where nothing else puts them. */
    private static boolean agentRunning() {
        try {
            Class.forName("dev.faasguard.bootstrap.Hooks", false, null);
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }

    private ShowEnvironment() {}
}
