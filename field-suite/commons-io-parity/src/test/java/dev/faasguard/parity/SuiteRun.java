package dev.faasguard.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * One run of Commons IO's tests from its tests jar with the JUnit console launcher, in a JVM of its own, with or
 * without the agent. The jars come from the module's build ({@code parity.dir}: {@code lib/} and the launcher); each
 * run has its own directory under {@code parity.dir/runs}: the working directory, laid out as the tests expect
 * their project checkout ({@code NOTICE.txt}, {@code src/test/resources}), its {@code java.io.tmpdir}, the XML
 * reports, the JVM's output and the agent's report.
 */
final class SuiteRun {

    /** How a test ended, as the console launcher's XML report says. */
    enum Outcome { PASSED, FAILED, SKIPPED, ABORTED }

    private static final String VERSION = System.getProperty("parity.commons-io.version", "2.22.0");

    private SuiteRun() {}

    static Path directory() {
        String dir = System.getProperty("parity.dir");
        if (dir == null) {
            throw new IllegalStateException("parity.dir not set: run through the module's failsafe configuration");
        }
        return Path.of(dir);
    }

    /**
     * Which tests a run takes, as the console launcher's options, and a name for its directory.
     *
     * @param name what tells the run's directory from the others of its JDK
     */
    record Selection(String name, List<String> launcherOptions) {

        /** The name of the suite's own run, whose directory is named by its JDK and variant alone. */
        static final String SUITE = "suite";

        /** The test classes of the tests jar whose names match, as the suite's run takes them. */
        static Selection classesMatching(String regex) {
            return new Selection(SUITE, List.of("--scan-class-path", testsJar().toString(),
                    "--include-classname", regex, "--exclude-classname", ".*AbstractTestCase.*"));
        }

        /** These test classes only, each whole: a test run again among its own class's tests. */
        static Selection classes(String name, Collection<String> classNames) {
            List<String> options = new ArrayList<>();
            for (String className : new TreeSet<>(classNames)) {
                options.addAll(List.of("--select-class", className));
            }
            return new Selection(name, options);
        }
    }

    static Running start(Path jdk, boolean withAgent, Selection selection) throws IOException {
        Path lib = directory().resolve("lib");
        Path testsJar = testsJar();
        String name = jdk.getFileName() + (selection.name().equals(Selection.SUITE) ? "" : "-" + selection.name())
                + (withAgent ? "-with-agent" : "-without-agent");
        Path run = directory().resolve("runs").resolve(name);
        deleteTree(run);
        Path resources = checkout(testsJar, run);
        Path tmp = Files.createDirectories(run.resolve("tmp"));

        List<String> classPath = new ArrayList<>(List.of(resources.toString()));
        try (Stream<Path> jars = Files.list(lib)) {
            jars.map(Path::toString).sorted().forEach(classPath::add);
        }
        List<String> command = new ArrayList<>(List.of(jdk.resolve("bin/java").toString()));
        if (withAgent) {
            command.add("-javaagent:" + agentJar());
            command.add("-Dfaasguard.report=" + run.resolve("faasguard-report.json"));
        }
        command.addAll(List.of("-Xmx512m",
                // Mockito's inline mock maker attaches ByteBuddy's agent to its own JVM, as Commons IO's build allows.
                "-XX:+EnableDynamicAgentLoading",
                "-Djava.io.tmpdir=" + tmp,
                "-jar", directory().resolve("junit-platform-console-standalone.jar").toString(),
                "execute", "--disable-banner", "--disable-ansi-colors", "--details=none",
                "--class-path", String.join(File.pathSeparator, classPath),
                "--reports-dir", run.resolve("reports").toString()));
        command.addAll(selection.launcherOptions());
        Process process = new ProcessBuilder(command).directory(run.toFile())
                .redirectOutput(run.resolve("stdout.txt").toFile())
                .redirectError(run.resolve("stderr.txt").toFile())
                .start();
        return new Running(jdk, withAgent, run, process, System.nanoTime(), String.join(" ", command));
    }

    /** The project layout the tests read from their working directory and class path, rebuilt from the tests jar. */
    private static Path checkout(Path testsJar, Path run) throws IOException {
        Path resources = Files.createDirectories(run.resolve("src/test/resources"));
        try (JarFile jar = new JarFile(testsJar.toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                Path target = name.equals("META-INF/NOTICE.txt") ? run.resolve("NOTICE.txt")
                        : name.endsWith(".class") || name.startsWith("META-INF/") ? null : resources.resolve(name);
                if (target == null || entry.isDirectory()) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
        }
        return resources;
    }

    private static Path testsJar() {
        return directory().resolve("lib").resolve("commons-io-" + VERSION + "-tests.jar");
    }

    private static Path agentJar() {
        Path jar = Path.of(System.getProperty("faasguard.agent.jar", "agent/target/faasguard-agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("agent jar not built: " + jar.toAbsolutePath());
        }
        return jar.toAbsolutePath().normalize();
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    record Running(Path jdk, boolean withAgent, Path directory, Process process, long startNanos, String command) {

        Result finish() throws Exception {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the console launcher did not finish in 10 minutes: " + command);
            }
            long wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            String stderr = Files.readString(directory.resolve("stderr.txt"), StandardCharsets.UTF_8);
            Path report = directory.resolve("faasguard-report.json");
            JsonNode findings = Files.exists(report)
                    ? new ObjectMapper().readTree(report.toFile()).get("findings") : null;
            Map<String, Outcome> outcomes = new LinkedHashMap<>();
            Map<String, String> failures = new LinkedHashMap<>();
            readReport(outcomes, failures);
            return new Result(jdk, javaVersion(jdk), withAgent, process.exitValue(), outcomes, failures, wallMillis,
                    findings == null ? 0 : findings.size(),
                    stderr.lines().filter(line -> line.contains("ERROR [FaaSGuard]")).count(), directory);
        }

        /**
         * Every test of the XML report, {@code class#name}, in the order they ran, with how it ended; and for each
         * one that failed, the first line of why.
         */
        private void readReport(Map<String, Outcome> outcomes, Map<String, String> failures) throws Exception {
            Path xml = directory.resolve("reports/TEST-junit-jupiter.xml");
            if (!Files.exists(xml)) {
                throw new AssertionError("no XML report: " + command + "\n"
                        + Files.readString(directory.resolve("stderr.txt"), StandardCharsets.UTF_8));
            }
            NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile())
                    .getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element testCase = (Element) cases.item(i);
                String name = testCase.getAttribute("classname") + "#" + testCase.getAttribute("name");
                String unique = name;
                for (int n = 2; outcomes.containsKey(unique); n++) {
                    unique = name + " (" + n + ")";
                }
                Optional<String> failure = failureText(testCase);
                outcomes.put(unique, failure.isPresent() ? Outcome.FAILED : notFailed(testCase));
                if (failure.isPresent()) {
                    failures.put(unique, failure.get());
                }
            }
        }

        private static Optional<String> failureText(Element testCase) {
            for (String tag : List.of("failure", "error")) {
                NodeList found = testCase.getElementsByTagName(tag);
                if (found.getLength() > 0) {
                    String text = found.item(0).getTextContent().strip();
                    return Optional.of(text.lines().findFirst().orElse(text));
                }
            }
            return Optional.empty();
        }

        /** How a test that did not fail ended. */
        private static Outcome notFailed(Element testCase) {
            NodeList skipped = testCase.getElementsByTagName("skipped");
            if (skipped.getLength() == 0) {
                return Outcome.PASSED;
            }
            // The legacy report writes an aborted test (a failed assumption) as skipped, with its stack trace.
            return skipped.item(0).getTextContent().contains("\tat ") ? Outcome.ABORTED : Outcome.SKIPPED;
        }

        private static String javaVersion(Path jdk) throws IOException {
            return Files.readAllLines(jdk.resolve("release")).stream().filter(l -> l.startsWith("JAVA_VERSION="))
                    .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", ""))
                    .findFirst().orElse(jdk.toString());
        }
    }

    /**
     * @param failures for each test that failed, the first line of why (the assertion's message, the exception)
     */
    record Result(Path jdk, String javaVersion, boolean withAgent, int exitCode, Map<String, Outcome> outcomes,
            Map<String, String> failures, long wallMillis, int findings, long agentErrors, Path directory) {

        Map<Outcome, Integer> counts() {
            Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                counts.put(outcome, 0);
            }
            outcomes.values().forEach(outcome -> counts.merge(outcome, 1, Integer::sum));
            return counts;
        }

        /** One line: which run, how many tests, how each ended, how long it took. */
        String summary() {
            Map<Outcome, Integer> counts = counts();
            return String.format("Commons IO %s tests, JDK %s, %s: %d tests, %d passed, %d failed, %d skipped,"
                            + " %d aborted; %.1f s%s", VERSION, javaVersion,
                    withAgent ? "with the agent" : "without the agent", outcomes.size(), counts.get(Outcome.PASSED),
                    counts.get(Outcome.FAILED), counts.get(Outcome.SKIPPED), counts.get(Outcome.ABORTED),
                    wallMillis / 1000.0,
                    withAgent ? " (" + findings + " findings in its report)" : "");
        }

        @Override
        public String toString() {
            return summary() + "\n  run directory: " + directory;
        }
    }
}
