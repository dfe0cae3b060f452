package dev.faasguard.bench.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Generates and compiles {@value #CLASSES} classes of {@value #LINES_PER_CLASS} lines each, every line a call site:
 * {@code StubbornFuture.DONE.get()}, with no timeout, which the agent reports as wait-without-timeout. Each class's
 * {@code fire()} runs its lines {@value #REPEATS} times over, so that every site fires {@value #REPEATS} times.
 */
public final class CallSites {

    static final int CLASSES = 100;
    static final int LINES_PER_CLASS = 100;
    static final int REPEATS = 10;
    static final String PACKAGE = "dev.faasguard.bench.memory.sites";
    /** The line of a class's first call site; one a line from there. */
    static final int FIRST_LINE = 6;

    private CallSites() {
    }

    static String className(int index) {
        return PACKAGE + ".Sites" + index;
    }

    /** Writes the sources under {@code directory}/src and compiles them to {@code directory}/classes. */
    static Path compile(Path directory, String classPath) throws IOException {
        Path sources = Files.createDirectories(directory.resolve("src"));
        Path classes = Files.createDirectories(directory.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath, "-g:source,lines"));
        for (int i = 0; i < CLASSES; i++) {
            Path file = sources.resolve("Sites" + i + ".java");
            Files.writeString(file, source(i));
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, System.err, arguments.toArray(String[]::new)) != 0) {
            throw new UncheckedIOException(new IOException("the generated call sites did not compile"));
        }
        return classes;
    }

    private static String source(int index) {
        StringBuilder out = new StringBuilder()
                .append("package ").append(PACKAGE).append(";\n")
                .append("import dev.faasguard.bench.memory.StubbornFuture;\n")
                .append("public final class Sites").append(index).append(" {\n")
                .append("  public static void fire() throws Exception {\n")
                .append("    for (int i = 0; i < ").append(REPEATS).append("; i++) {\n");
        for (int line = 0; line < LINES_PER_CLASS; line++) {
            out.append("      StubbornFuture.DONE.get();\n");
        }
        return out.append("    }\n  }\n}\n").toString();
    }
}
