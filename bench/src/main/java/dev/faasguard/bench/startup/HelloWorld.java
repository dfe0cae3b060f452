package dev.faasguard.bench.startup;

/** The program the startup benchmark launches: the cheapest possible Java main, so what is measured is the JVM and the agent. */
public final class HelloWorld {

    /** The exact line the benchmark expects on standard output; anything else marks the run as broken. */
    public static final String GREETING = "Hello, world";

    private HelloWorld() {
    }

    public static void main(String[] args) {
        System.out.println(GREETING);
    }
}
