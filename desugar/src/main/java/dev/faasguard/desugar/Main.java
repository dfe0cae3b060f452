package dev.faasguard.desugar;

import java.io.IOException;
import java.nio.file.Path;

/** {@code java dev.faasguard.desugar.Main JAR...}: rewrites each jar in place and says what it did. */
public final class Main {

    private Main() {}

    public static void main(String[] arguments) throws IOException {
        if (arguments.length == 0) {
            throw new IllegalArgumentException("usage: dev.faasguard.desugar.Main JAR...");
        }
        for (String argument : arguments) {
            DesugarStatistics statistics = JarDesugarer.desugar(Path.of(argument));
            System.out.println("[desugar] " + argument + ": " + statistics);
        }
    }
}
