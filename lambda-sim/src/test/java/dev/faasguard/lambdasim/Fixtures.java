package dev.faasguard.lambdasim;

import dev.faasguard.lambdasim.fixtures.GreetingHandler;
import dev.faasguard.lambdasim.fixtures.RecordingAgent;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Builds the test function's jar (and a tiny agent jar) from the compiled fixture classes. */
final class Fixtures {
    static final String PACKAGE_DIR = "dev/faasguard/lambdasim/fixtures/";

    private Fixtures() {
    }

    /** A deployment jar with every fixture handler, in {@code dir/function.jar}. */
    static Path functionJar(Path dir) throws IOException {
        return jar(dir.resolve("function.jar"), null, name -> !name.contains("RecordingAgent"));
    }

    /** An agent jar whose premain writes its arguments to /tmp/recording-agent.txt. */
    static Path agentJar(Path dir) throws IOException {
        return jar(dir.resolve("recording-agent.jar"), RecordingAgent.class.getName(),
                name -> name.contains("RecordingAgent"));
    }

    private static Path jar(Path target, String premainClass, java.util.function.Predicate<String> include)
            throws IOException {
        Path classes = testClasses();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (premainClass != null) {
            manifest.getMainAttributes().putValue("Premain-Class", premainClass);
        }
        Files.createDirectories(target.getParent());
        try (OutputStream file = Files.newOutputStream(target);
             JarOutputStream jar = new JarOutputStream(file, manifest);
             Stream<Path> walk = Files.walk(classes.resolve(PACKAGE_DIR))) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(p).toString().replace('\\', '/');
                if (include.test(name)) {
                    jar.putNextEntry(new JarEntry(name));
                    jar.write(Files.readAllBytes(p));
                    jar.closeEntry();
                }
            }
        }
        return target;
    }

    private static Path testClasses() throws IOException {
        try {
            Path p = Path.of(GreetingHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(p.resolve(PACKAGE_DIR))) {
                throw new IOException("fixture classes not found under " + p);
            }
            return p;
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** The JDK homes to run functions on: this JVM's (17) and Temurin 25 when installed. */
    static List<Path> jdks() {
        Path jdk25 = Path.of(System.getProperty("faasguard.test.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        Path self = Path.of(System.getProperty("java.home"));
        if (Files.isExecutable(jdk25.resolve("bin/java"))) {
            return List.of(self, jdk25);
        }
        System.err.println("lambda-sim tests: JDK 25 not found at " + jdk25 + "; running on " + self + " only");
        return List.of(self);
    }
}
