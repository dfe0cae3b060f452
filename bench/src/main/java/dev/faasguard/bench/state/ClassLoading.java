package dev.faasguard.bench.state;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads every class of a jar, none initialized, and prints how many and how long it took in milliseconds: what the
 * agent's transformers cost per class loaded (bench/state-across-invocations.sh names the jar's packages as the
 * application's, or not, so that {@code state-across-invocations}' transformer reads each class's fields, or not).
 *
 * <p>Arguments: the jar.
 */
public final class ClassLoading {

    private ClassLoading() {}

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && !name.contains("-") && !name.startsWith("META-INF")) {
                    names.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
        int loaded = 0;
        long start = System.nanoTime();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            for (String name : names) {
                try {
                    Class.forName(name, false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError missing) {
                    // A class needing another jar: not loaded, not counted.
                }
            }
        }
        System.out.println(loaded + " " + (System.nanoTime() - start) / 1_000_000.0);
    }
}
