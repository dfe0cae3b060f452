package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.writes.HelloApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An AOT cache training run (JDK 24+) with the agent: the agent steps aside, saying so once, and the JVM writes its
 * cache and exits normally (JDK 25 crashed writing an archive holding the agent's rewritten JDK classes); the
 * application then runs with the cache and the agent.
 */
class AotCacheIT {

    @TempDir
    Path directory;

    static Stream<Path> jdks() {
        return ChildJvm.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aTrainingRunWritesItsCacheAndTheCacheRunsWithTheAgent(Path jdk) throws Exception {
        assumeTrue(feature(jdk) >= 24, "the AOT cache came with JDK 24");
        Path cache = directory.resolve("app.aot");
        String java = jdk.resolve("bin/java").toString();
        String agent = "-javaagent:" + ChildJvm.agentJar();
        String report = "-Dfaasguard.report=" + directory.resolve("report.json");
        Path application = applicationJar();

        Run training = run(java, "-XX:AOTCacheOutput=" + cache, agent, report, application);
        assertEquals(0, training.exitCode, training.toString());
        assertTrue(training.stdout.startsWith("hello\n"), training.toString());
        assertTrue(training.stderr.contains("[FaaSGuard] not started: this JVM records an AOT cache"), training.toString());
        assertTrue(Files.isRegularFile(cache), training.toString());

        Run production = run(java, "-XX:AOTCache=" + cache, agent, report, application);
        assertEquals(0, production.exitCode, production.toString());
        assertEquals("hello\n", production.stdout, production.toString());
        assertEquals("", production.stderr, production.toString());
        assertTrue(Files.isRegularFile(directory.resolve("report.json")), "the agent ran\n" + production);
    }

    /** An archive holds classes from jars only: the application in one. */
    private Path applicationJar() throws Exception {
        String entry = HelloApp.class.getName().replace('.', '/') + ".class";
        Path jar = directory.resolve("hello.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(Path.of(ChildJvm.testClasses(), entry)));
        }
        return jar;
    }

    private Run run(String java, String cacheOption, String agent, String report, Path application) throws Exception {
        Path out = Files.createTempFile(directory, "stdout", ".txt");
        Path err = Files.createTempFile(directory, "stderr", ".txt");
        List<String> command = List.of(java, cacheOption, agent, report, "-cp", application.toString(),
                HelloApp.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("FAASGUARD_") || key.endsWith("JAVA_OPTIONS"));
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not finish in 120 s: " + command);
        }
        return new Run(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static int feature(Path jdk) throws Exception {
        for (String line : Files.readAllLines(jdk.resolve("release"))) {
            if (line.startsWith("JAVA_VERSION=")) {
                return Integer.parseInt(line.replaceAll("JAVA_VERSION=\"?(\\d+).*", "$1"));
            }
        }
        throw new IllegalStateException("no JAVA_VERSION in " + jdk.resolve("release"));
    }

    private record Run(List<String> command, int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
