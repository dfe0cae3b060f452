package dev.faasguard.bench.jmh;

/**
 * Proves that a JVM really runs with an instrumented JDK: joins a live thread with no timeout, which FaaSGuard
 * reports as {@code join-without-timeout} on stderr. bench/timed-calls.sh runs it with the same {@code -javaagent}
 * flag as the benchmark and fails unless the warning appears. Prints whether the agent's hooks are installed
 * ({@link AgentPresence}) on stdout.
 */
public final class AgentSanityCheck {

    private AgentSanityCheck() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread sleeper = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sanity-sleeper");
        sleeper.start();
        sleeper.join(); // no timeout, on a live thread: the mistake the agent must report
        System.out.println("agentActive=" + AgentPresence.agentActive());
    }
}
