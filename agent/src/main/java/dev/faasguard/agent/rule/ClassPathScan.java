package dev.faasguard.agent.rule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/** The class names in the jars and directories of a class path, at most {@link #MOST}. */
final class ClassPathScan {

    /** A function's class path holds tens of thousands of classes at most; what is past this is not read. */
    static final int MOST = 200_000;

    private ClassPathScan() {}

    static List<String> classNames(List<Path> entries) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path entry : entries) {
            if (names.size() >= MOST) {
                break;
            }
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.walk(entry)) {
                    files.filter(file -> file.toString().endsWith(".class")).limit(MOST - names.size())
                            .forEach(file -> add(names, entry.relativize(file).toString()));
                }
            } else if (Files.isRegularFile(entry)) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    for (Enumeration<? extends ZipEntry> all = jar.entries(); all.hasMoreElements() && names.size() < MOST; ) {
                        add(names, all.nextElement().getName());
                    }
                }
            }
        }
        return names;
    }

    private static void add(List<String> names, String file) {
        if (file.endsWith(".class") && !file.contains("$") && !file.endsWith("module-info.class")
                && !file.endsWith("package-info.class") && !file.startsWith("META-INF/")) {
            names.add(file.substring(0, file.length() - ".class".length()).replace('/', '.').replace('\\', '.'));
        }
    }
}
