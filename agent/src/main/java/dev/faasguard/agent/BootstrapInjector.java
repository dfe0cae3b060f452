package dev.faasguard.agent;

import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URISyntaxException;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Defines the bridge classes ({@code dev.faasguard.bootstrap}) in the boot class loader, where
 * instrumented JDK classes can see them. They travel inside the agent jar as a nested jar and are
 * defined straight from memory: nothing is written to disk.
 *
 * <p>Why not {@code Instrumentation.appendToBootstrapClassLoaderSearch}: on HotSpot it prints
 * "Sharing is only supported for boot loader classes because bootstrap classpath has been appended"
 * into the application's stderr and turns class data sharing off for every non-boot class, which
 * slows the cold start. Instead, {@code jdk.internal.misc} is exported to the agent's module (the
 * application class path's unnamed module; it only makes that package accessible, nothing else
 * changes) and {@code Unsafe.defineClass} defines each class with the boot loader.
 *
 * <p>This runs first in premain, so it avoids what is slow in a JVM that has run next to nothing yet: the nested
 * jar is read through the agent's own jar file, already open, not through a {@code jar:} URL (a dozen JDK classes
 * outside the class-data archive); and {@code defineClass} is a method handle called with {@code invokeExact},
 * not {@code Method.invoke}, which from JDK 18 (JEP 416) spins method handle classes for each new signature, 20
 * to 30 ms on JDK 25.
 */
final class BootstrapInjector {

    private static final String NESTED_JAR = "faasguard/faasguard-bootstrap.jar";
    private static final String PROBE_CLASS = "dev.faasguard.bootstrap.Hooks";
    private static final String INTERNAL_PACKAGE = "jdk.internal.misc";

    private BootstrapInjector() {}

    static void inject(Instrumentation instrumentation) throws Throwable {
        if (alreadyDefined()) {
            return;
        }
        Module javaBase = Object.class.getModule();
        instrumentation.redefineModule(javaBase, Set.of(),
                Map.of(INTERNAL_PACKAGE, Set.of(BootstrapInjector.class.getModule())), Map.of(), Set.of(), Map.of());
        MethodHandle define = unsafeDefineClass();
        try (JarFile agentJar = new JarFile(agentJar(), false)) {
            ZipEntry nested = agentJar.getEntry(NESTED_JAR);
            if (nested == null) {
                throw new IOException("the agent jar has no " + NESTED_JAR);
            }
            try (ZipInputStream jar = new ZipInputStream(agentJar.getInputStream(nested))) {
                for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
                    String name = entry.getName();
                    if (name.endsWith(".class") && !name.contains("-")) {
                        byte[] bytes = jar.readAllBytes();
                        String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                        defineInBootLoader(define, className, bytes);
                    }
                }
            }
        }
    }

    /** {@code Unsafe.getUnsafe().defineClass(name, bytes, offset, length, loader, domain)}, the instance bound. */
    private static MethodHandle unsafeDefineClass() throws Throwable {
        Class<?> unsafeType = Class.forName(INTERNAL_PACKAGE + ".Unsafe");
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Object unsafe = lookup.findStatic(unsafeType, "getUnsafe", MethodType.methodType(unsafeType)).invoke();
        return lookup.findVirtual(unsafeType, "defineClass", MethodType.methodType(Class.class, String.class,
                byte[].class, int.class, int.class, ClassLoader.class, ProtectionDomain.class)).bindTo(unsafe);
    }

    private static Class<?> defineInBootLoader(MethodHandle define, String className, byte[] bytes) throws Throwable {
        return (Class<?>) define.invokeExact(className, bytes, 0, bytes.length, (ClassLoader) null,
                (ProtectionDomain) null);
    }

    /** The jar this class was loaded from: the agent jar, on the class path since the JVM started the agent. */
    private static File agentJar() throws URISyntaxException {
        return new File(BootstrapInjector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static boolean alreadyDefined() {
        try {
            Class.forName(PROBE_CLASS, false, null);
            return true;
        } catch (ClassNotFoundException notYet) {
            return false;
        }
    }
}
