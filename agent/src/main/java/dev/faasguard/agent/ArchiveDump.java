package dev.faasguard.agent;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Set;

/**
 * Whether this JVM is an AOT cache training run (JDK 24+: {@code -XX:AOTCacheOutput}, {@code -XX:AOTMode=record}),
 * which writes the classes it loaded to an archive at exit. The agent rewrites classes the VM itself knows
 * ({@code java.lang.Thread}, {@code java.lang.ref.Finalizer}), and JDK 25's archive writer, which leaves rewritten
 * classes out, then crashes at exit (SIGSEGV in {@code SystemDictionaryShared::serialize_vm_classes}, 25.0.3). A
 * training run is there to record what loads, not to find what the application does wrong: the agent steps aside.
 * (A dynamic CDS archive, {@code -XX:ArchiveClassesAtExit} or {@code -XX:+AutoCreateSharedArchive}, the JVM itself
 * refuses with any java agent, before {@code main}.)
 */
final class ArchiveDump {

    private static final String INTERNAL_PACKAGE = "jdk.internal.misc";
    private static final int FIRST_AOT_CACHE_RELEASE = 24;

    private ArchiveDump() {}

    static boolean inProgress(Instrumentation instrumentation) throws Throwable {
        if (Integer.parseInt(System.getProperty("java.specification.version")) < FIRST_AOT_CACHE_RELEASE) {
            return false;
        }
        instrumentation.redefineModule(Object.class.getModule(), Set.of(),
                Map.of(INTERNAL_PACKAGE, Set.of(ArchiveDump.class.getModule())), Map.of(), Set.of(), Map.of());
        Class<?> cds = Class.forName(INTERNAL_PACKAGE + ".CDS");
        return (boolean) MethodHandles.lookup()
                .findStatic(cds, "isDumpingArchive", MethodType.methodType(boolean.class)).invokeExact();
    }
}
