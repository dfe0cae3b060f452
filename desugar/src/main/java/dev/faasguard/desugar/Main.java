package dev.faasguard.desugar;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code java dev.faasguard.desugar.Main [--store PREFIX]... JAR...}: rewrites each jar in place and says what
 * it did; entries whose names start with a {@code --store} prefix are stored uncompressed.
 */
public final class Main {

    private static final String USAGE = "usage: dev.faasguard.desugar.Main [--store ENTRY_PREFIX]... JAR...";

    private Main() {}

    public static void main(String[] arguments) throws IOException {
        List<String> storedPrefixes = new ArrayList<>();
        List<Path> jars = new ArrayList<>();
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i].equals("--store")) {
                if (++i == arguments.length) {
                    throw new IllegalArgumentException("--store needs an entry prefix; " + USAGE);
                }
                storedPrefixes.add(arguments[i]);
            } else {
                jars.add(Path.of(arguments[i]));
            }
        }
        if (jars.isEmpty()) {
            throw new IllegalArgumentException(USAGE);
        }
        Predicate<String> stored = name -> storedPrefixes.stream().anyMatch(name::startsWith);
        for (Path jar : jars) {
            DesugarStatistics statistics = JarDesugarer.desugar(jar, stored);
            System.out.println("[desugar] " + jar + ": " + statistics);
        }
    }
}
