package dev.faasguard.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

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
 */
final class BootstrapInjector {

    private static final String RESOURCE = "/faasguard/faasguard-bootstrap.jar";
    private static final String PROBE_CLASS = "dev.faasguard.bootstrap.Hooks";
    private static final String INTERNAL_PACKAGE = "jdk.internal.misc";

    private BootstrapInjector() {}

    static void inject(Instrumentation instrumentation) throws ReflectiveOperationException, IOException {
        if (alreadyDefined()) {
            return;
        }
        Module javaBase = Object.class.getModule();
        instrumentation.redefineModule(javaBase, Set.of(),
                Map.of(INTERNAL_PACKAGE, Set.of(BootstrapInjector.class.getModule())), Map.of(), Set.of(), Map.of());
        Class<?> unsafeType = Class.forName(INTERNAL_PACKAGE + ".Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        try (InputStream resource = BootstrapInjector.class.getResourceAsStream(RESOURCE)) {
            if (resource == null) {
                throw new IOException("the agent jar has no " + RESOURCE);
            }
            try (JarInputStream jar = new JarInputStream(resource)) {
                for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                    String name = entry.getName();
                    if (name.endsWith(".class") && !name.contains("-")) {
                        byte[] bytes = jar.readAllBytes();
                        String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                        define.invoke(unsafe, className, bytes, 0, bytes.length, null, null);
                    }
                }
            }
        }
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
