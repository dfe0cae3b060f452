package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.writes.HelloApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent in JAVA_TOOL_OPTIONS, as the Lambda layer puts it, reaches every JVM: the JDK's own tools get
 * nothing of it (no output beyond the JVM's own "Picked up" line, no report), the application and a
 * single-file source program get all of it.
 */
class JdkToolsIT {

    @TempDir
    Path directory;

    static Stream<Path> jdks() {
        return ChildJvm.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void jdkToolsRunAsIfTheAgentWereNotThere(Path jdk) throws Exception {
        Path report = directory.resolve("report.json");
        String options = "-javaagent:" + ChildJvm.agentJar() + " -Dfaasguard.report=" + report;
        for (List<String> tool : List.of(List.of("jcmd", "-l"), List.of("jar", "--version"), List.of("javac", "-version"))) {
            List<String> command = new ArrayList<>(tool);
            command.set(0, jdk.resolve("bin").resolve(tool.get(0)).toString());
            Run run = run(command, options);
            assertEquals(0, run.exitCode, run.toString());
            assertEquals(List.of("Picked up JAVA_TOOL_OPTIONS: " + options), run.stderr.lines().toList(), run.toString());
            assertFalse(run.stdout.contains("FaaSGuard"), run.toString());
            assertFalse(Files.exists(report), "no report from " + tool + "\n" + run);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void applicationsAndSourceProgramsAreWatched(Path jdk) throws Exception {
        Path report = directory.resolve("report.json");
        String options = "-javaagent:" + ChildJvm.agentJar() + " -Dfaasguard.report=" + report;
        Run application = run(List.of(jdk.resolve("bin/java").toString(), "-cp", ChildJvm.testClasses(),
                HelloApp.class.getName()), options);
        assertEquals("hello\n", application.stdout, application.toString());
        assertTrue(Files.isRegularFile(report), "the agent ran in the application\n" + application);
        Files.delete(report);

        Path source = Files.writeString(directory.resolve("Fn.java"),
                "public class Fn { public static void main(String[] a) { System.out.println(\"source\"); } }");
        Run program = run(List.of(jdk.resolve("bin/java").toString(), source.toString()), options);
        assertEquals("source\n", program.stdout, program.toString());
        assertTrue(Files.isRegularFile(report), "the agent ran in the source program\n" + program);
    }

    private Run run(List<String> command, String javaToolOptions) throws IOException, InterruptedException {
        Path out = directory.resolve("stdout.txt");
        Path err = directory.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("FAASGUARD_") || key.startsWith("JDK_JAVA_OPTIONS"));
        builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not finish in 120 s: " + command);
        }
        return new Run(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(List<String> command, int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
