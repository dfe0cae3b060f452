package dev.faasguard.agent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Starts a real JVM with the agent attached, and hands back its exit code, output and report. */
final class ChildJvm {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path javaHome;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String agentArguments;
    private boolean withAgent = true;
    private String classpath = testClasses();
    private Path workingDirectory;
    private Path report;

    private ChildJvm(Path javaHome) {
        this.javaHome = javaHome;
        this.report = Path.of("/tmp", "faasguard-it-" + UUID.randomUUID() + ".json");
    }

    static ChildJvm on(Path javaHome) {
        return new ChildJvm(javaHome);
    }

    /** The JDKs integration tests run on: this one, and Temurin 25 when present (required under CI). */
    static Stream<Path> jdks() {
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")));
        String jdk25 = System.getProperty("faasguard.test.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64");
        if (Files.isExecutable(Path.of(jdk25, "bin", "java"))) {
            homes.add(Path.of(jdk25));
        } else if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but JDK 25 is missing at " + jdk25);
        } else {
            System.err.println("\n*** SKIPPED: JDK 25 not found at " + jdk25
                    + "; the integration tests run on " + homes.get(0) + " only ***\n");
        }
        return homes.stream();
    }

    static Path agentJar() {
        Path jar = Path.of(System.getProperty("faasguard.agent.jar", "target/faasguard-agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("agent jar not built: " + jar.toAbsolutePath());
        }
        return jar.toAbsolutePath();
    }

    ChildJvm option(String jvmOption) {
        jvmOptions.add(jvmOption);
        return this;
    }

    ChildJvm property(String key, String value) {
        return option("-D" + key + "=" + value);
    }

    ChildJvm env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    ChildJvm agentArguments(String arguments) {
        agentArguments = arguments;
        return this;
    }

    ChildJvm withoutAgent() {
        withAgent = false;
        return this;
    }

    ChildJvm classpath(String entries) {
        classpath = entries;
        return this;
    }

    ChildJvm workingDirectory(Path directory) {
        workingDirectory = directory;
        return this;
    }

    /** Leaves the report where the agent puts it by default, or where a property says. */
    ChildJvm report(Path path) {
        report = path;
        return this;
    }

    Result run(String mainClass, String... arguments) throws IOException, InterruptedException {
        return start(mainClass, arguments).finish();
    }

    /** {@code java -jar jar arguments}, such as the agent jar's own commands. */
    Result runJar(Path jar, String... arguments) throws IOException, InterruptedException {
        return launch(List.of("-jar", jar.toString()), arguments).finish();
    }

    /** Starts the JVM and returns at once, for a test that talks to it or attaches to it while it runs. */
    Running start(String mainClass, String... arguments) throws IOException {
        return launch(List.of("-cp", classpath, mainClass), arguments);
    }

    private Running launch(List<String> what, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        if (withAgent) {
            String agent = "-javaagent:" + agentJar();
            command.add(agentArguments == null ? agent : agent + "=" + agentArguments);
            if (report != null && jvmOptions.stream().noneMatch(o -> o.startsWith("-Dfaasguard.report="))) {
                command.add("-Dfaasguard.report=" + report);
            }
        }
        command.addAll(jvmOptions);
        command.addAll(what);
        command.addAll(List.of(arguments));

        Path stdout = Files.createTempFile("child-out", ".txt");
        Path stderr = Files.createTempFile("child-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("FAASGUARD_") || key.startsWith("OTEL_") || key.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(environment);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        try {
            return new Running(builder.start(), command, stdout, stderr, report);
        } catch (IOException failed) {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
            throw failed;
        }
    }

    /** A child JVM still running; {@link #finish} waits for it, {@link #close} ends it if a test gave up on it. */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final List<String> command;
        private final Path stdout;
        private final Path stderr;
        private final Path report;

        private Running(Process process, List<String> command, Path stdout, Path stderr, Path report) {
            this.process = process;
            this.command = command;
            this.stdout = stdout;
            this.stderr = stderr;
            this.report = report;
        }

        long pid() {
            return process.pid();
        }

        /** Writes one line to the JVM's stdin. */
        Running send(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
            return this;
        }

        /** Waits, at most 60 s, until the JVM has printed this line on stdout. */
        Running awaitLine(String line) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(stdout, StandardCharsets.UTF_8).lines().toList().contains(line)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("child JVM never printed '" + line + "'\n" + finish());
                }
                Thread.sleep(50);
            }
            return this;
        }

        /** Sends SIGTERM, as a CI timeout would, and waits for the JVM to end. */
        Result terminate() throws IOException, InterruptedException {
            // Not Process.destroy(): it also closes the JVM's stdin, and an app at the end of its input may end on its own.
            process.toHandle().destroy();
            return finish();
        }

        /** Kills the JVM (SIGKILL), as a platform does with one that will not end, and collects what it left. */
        Result kill() throws IOException, InterruptedException {
            process.destroyForcibly();
            return finish();
        }

        Result finish() throws IOException, InterruptedException {
            try {
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("child JVM did not finish in 120 s: " + command);
                }
                JsonNode json = report != null && Files.exists(report) ? JSON.readTree(report.toFile()) : null;
                return new Result(process.pid(), process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                        Files.readString(stderr, StandardCharsets.UTF_8), json, String.join(" ", command));
            } finally {
                close();
            }
        }

        @Override
        public void close() throws IOException {
            process.destroyForcibly();
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
            if (report != null) {
                Files.deleteIfExists(report);
            }
        }
    }

    record Result(long pid, int exitCode, String stdout, String stderr, JsonNode report, String command) {

        List<JsonNode> findings() {
            List<JsonNode> list = new ArrayList<>();
            if (report == null) {
                throw new AssertionError("no report was written\n" + this);
            }
            report.get("findings").forEach(list::add);
            return list;
        }

        List<JsonNode> findingsIn(String method) {
            return findings().stream().filter(f -> f.at("/callSite/method").asText().equals(method)).toList();
        }

        @Override
        public String toString() {
            return "command: " + command + "\nexit: " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr
                    + "\n--- report\n" + (report == null ? "none" : report.toPrettyString());
        }
    }

    /** The class path entry of the test classes, for child JVMs that must not see the test libraries. */
    static String testClasses() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith("test-classes")) {
                return entry;
            }
        }
        throw new IllegalStateException("no test-classes on the class path");
    }
}
