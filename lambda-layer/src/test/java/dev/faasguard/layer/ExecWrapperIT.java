package dev.faasguard.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exec wrapper as Lambda runs it, {@code faasguard-handler <runtime command...>}, in front of a JVM that prints
 * what it got: the agent first in JAVA_TOOL_OPTIONS with the function's own options intact, the command exec'd
 * with its arguments as they were, and defaults only where the function set none.
 */
class ExecWrapperIT {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path directory;

    @Test
    void theAgentGoesFirstAndTheFunctionsOwnOptionsKeepTheirSpacesAndQuotes() throws Exception {
        String own = "-Dx=\"a b\" -Dy='c d'";
        Run run = run(Map.of("JAVA_TOOL_OPTIONS", own), wrapper(), JAVA, "-cp", testClasses(),
                ShowEnvironment.class.getName());
        assertEquals("-javaagent:" + agent() + " " + own, run.line("JAVA_TOOL_OPTIONS"), run.toString());
        assertEquals("a b", run.line("x"), run.toString());
        assertEquals("c d", run.line("y"), run.toString());
        assertEquals("true", run.line("agent"), run.toString());
        assertEquals(List.of("Picked up JAVA_TOOL_OPTIONS: -javaagent:" + agent() + " " + own), run.stderr.lines().toList(),
                "nothing but the JVM's own line\n" + run);
    }

    @Test
    void withoutOptionsOfItsOwnTheFunctionGetsTheAgentAlone() throws Exception {
        Run run = run(Map.of(), wrapper(), JAVA, "-cp", testClasses(), ShowEnvironment.class.getName());
        assertEquals("-javaagent:" + agent(), run.line("JAVA_TOOL_OPTIONS"), run.toString());
        assertEquals("true", run.line("agent"), run.toString());
    }

    @Test
    void theAgentIsAddedOnceWhateverRunsTheWrapperTwiceOrAlreadyHasIt() throws Exception {
        Run twice = run(Map.of("JAVA_TOOL_OPTIONS", "-Dx=1"), wrapper(), wrapper(), JAVA, "-cp", testClasses(),
                ShowEnvironment.class.getName());
        assertEquals("-javaagent:" + agent() + " -Dx=1", twice.line("JAVA_TOOL_OPTIONS"), twice.toString());
        assertEquals("1", twice.line("x"), twice.toString());

        String configured = "-Dx=2 -javaagent:/var/task/lib/faasguard-agent.jar=mode=enforce";
        Run already = run(Map.of("JAVA_TOOL_OPTIONS", configured), wrapper(), "/usr/bin/env");
        assertTrue(already.stdout.lines().anyMatch(("JAVA_TOOL_OPTIONS=" + configured)::equals),
                "the function's own agent is left alone\n" + already);
    }

    @Test
    void theCommandIsExecutedInPlaceWithEveryArgumentAsItWas() throws Exception {
        List<String> arguments = List.of("a b", "", "'single'", "\"double\"", "$HOME", "*", "back\\slash", "two\nlines",
                "--flag=x y");
        List<String> command = new ArrayList<>(List.of(wrapper(), JAVA, "-cp", testClasses(),
                ShowEnvironment.class.getName()));
        command.addAll(arguments);
        Run run = run(Map.of(), command.toArray(String[]::new));
        List<String> received = run.stdout.lines().filter(l -> l.startsWith("arg=")).map(l -> l.substring(4)).toList();
        assertEquals(arguments.stream().map(a -> a.replace("\n", "\\n")).toList(), received, run.toString());
        assertEquals(Long.toString(run.pid), run.line("pid"), "exec: the JVM is the process Lambda started\n" + run);
    }

    @Test
    void otelServiceNameDefaultsToTheFunctionNameUnlessSet() throws Exception {
        String show = ShowEnvironment.class.getName();
        assertEquals("documents", run(Map.of("AWS_LAMBDA_FUNCTION_NAME", "documents"), wrapper(), JAVA, "-cp",
                testClasses(), show).line("OTEL_SERVICE_NAME"));
        assertEquals("mine", run(Map.of("AWS_LAMBDA_FUNCTION_NAME", "documents", "OTEL_SERVICE_NAME", "mine"), wrapper(),
                JAVA, "-cp", testClasses(), show).line("OTEL_SERVICE_NAME"));
        assertEquals("null", run(Map.of(), wrapper(), JAVA, "-cp", testClasses(), show).line("OTEL_SERVICE_NAME"));
    }

    @Test
    void withoutACommandItSaysWhatItExpects() throws Exception {
        Run run = run(Map.of(), wrapper());
        assertEquals(64, run.exitCode, run.toString());
        assertTrue(run.stderr.contains("faasguard-handler: no command to run"), run.toString());
    }

    /** Runs with a clean environment: PATH, the agent jar, no report file, and {@code variables}. */
    private Run run(Map<String, String> variables, String... command) throws IOException, InterruptedException {
        Path out = directory.resolve("stdout.txt");
        Path err = directory.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/bin:/bin");
        environment.put("FAASGUARD_AGENT_JAR", agent());
        environment.put("FAASGUARD_REPORT", "off");
        environment.putAll(variables);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not finish in 60 s: " + List.of(command));
        }
        return new Run(List.of(command), environment, process.pid(), process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(List<String> command, Map<String, String> environment, long pid, int exitCode, String stdout,
            String stderr) {

        /** The value ShowEnvironment printed for {@code key}. */
        String line(String key) {
            return stdout.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + key + " line\n" + this));
        }

        @Override
        public String toString() {
            return environment + " " + command + "\nexit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private static String wrapper() {
        return existing("faasguard.layer.wrapper").toString();
    }

    private static String agent() {
        return existing("faasguard.agent.jar").toString();
    }

    static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: run this test with Maven (failsafe)");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("not built: " + path);
        }
        return path;
    }

    private static String testClasses() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith("test-classes")) {
                return entry;
            }
        }
        throw new IllegalStateException("no test-classes on the class path");
    }
}
