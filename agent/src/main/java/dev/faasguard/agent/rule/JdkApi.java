package dev.faasguard.agent.rule;

import java.util.ArrayList;
import java.util.List;

/**
 * The JDK APIs an application calls to make each kind of call the rules judge, as class-name prefixes,
 * and the test that code outside the JDK made a call itself: every JDK frame between the hooked method and
 * the first frame outside the JDK belongs to the API. When the JDK waits on its own behalf (System.exit joining
 * the shutdown hooks, HttpServer.stop joining its dispatcher) there is no application line to blame.
 */
final class JdkApi {

    static final List<String> THREADS = List.of("java.lang.Thread", "java.lang.VirtualThread");
    static final List<String> CONNECT = List.of("java.net.", "javax.net.", "sun.security.ssl.", "java.nio.channels.",
            "sun.nio.ch.");
    static final List<String> READ = List.of("java.net.", "javax.net.", "sun.security.ssl.", "sun.nio.ch.",
            "java.nio.channels.", "java.io.", "sun.nio.cs.");
    static final List<String> HTTP = List.of("java.net.", "sun.net.www.protocol.http.", "sun.net.www.protocol.https.",
            "jdk.internal.net.http.");
    static final List<String> WAITS = List.of("java.util.concurrent.", "java.lang.Process");
    /** Every API above: a timed call of any of them can outlast the invocation's deadline. */
    static final List<String> ALL = union(THREADS, CONNECT, READ, HTTP, WAITS);

    private JdkApi() {}

    /**
     * @param jdkCallers the JDK classes between the hook and the first frame outside the JDK
     * @param outsideJdk whether a frame outside the JDK (the application's or a library's) was found at all
     */
    static boolean calledThroughApi(List<String> jdkCallers, boolean outsideJdk, List<String> api) {
        if (!outsideJdk) {
            return false;
        }
        for (String caller : jdkCallers) {
            if (!belongsTo(caller, api)) {
                return false;
            }
        }
        return true;
    }

    private static boolean belongsTo(String className, List<String> api) {
        for (String prefix : api) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @SafeVarargs
    private static List<String> union(List<String>... apis) {
        List<String> all = new ArrayList<>();
        for (List<String> api : apis) {
            for (String prefix : api) {
                if (!all.contains(prefix)) {
                    all.add(prefix);
                }
            }
        }
        return List.copyOf(all);
    }
}
