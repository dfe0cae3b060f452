package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.writes.HelloApp;
import com.example.writes.WriteApis;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Options from system properties, environment and agent arguments, and what a bad value does. */
class ConfigurationIT {

    private Path outside;

    @BeforeEach
    void directory() throws IOException {
        outside = Files.createDirectories(Path.of("/var/tmp", "faasguard-it-" + UUID.randomUUID()));
        WriteApis.prepare(outside);
    }

    @AfterEach
    void cleanUp() throws IOException {
        WriteApis.deleteTree(outside);
    }

    static Stream<Path> jdks() {
        return ChildJvm.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void badValuesWarnOnceNamingKeyValueAndAllowedThenUseTheDefault(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk)
                .property("faasguard.mode", "loud")
                .env("FAASGUARD_WRITABLE_ROOTS", "tmp")
                .agentArguments("colour=blue")
                .run(WriteApis.class.getName(), outside.toString(), "fileOutputStreamString");

        assertEquals(0, result.exitCode(), "the application starts regardless\n" + result);
        assertEquals("fileOutputStreamString: ok\n", result.stdout(), "observe, the default mode, lets the write happen");
        String stderr = result.stderr();
        assertEquals(1, count(stderr, "invalid value 'loud' for faasguard.mode (system property): allowed is observe or enforce; using the default 'observe'"), stderr);
        assertEquals(1, count(stderr, "invalid value 'tmp' for FAASGUARD_WRITABLE_ROOTS (environment variable): allowed is a comma-separated list of absolute directories"), stderr);
        assertEquals(1, count(stderr, "using the default '/tmp'"), stderr);
        assertEquals(1, count(stderr, "unknown option agent argument colour is ignored"), stderr);
        assertEquals("observe", result.report().at("/agent/mode").asText());
        assertEquals(1, result.findings().size(), "the default writable root /tmp applies\n" + result);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void systemPropertiesBeatEnvironmentWhichBeatsAgentArguments(Path jdk) throws Exception {
        ChildJvm.Result envOverArgument = ChildJvm.on(jdk).env("FAASGUARD_MODE", "enforce").agentArguments("mode=observe")
                .run(HelloApp.class.getName());
        assertEquals("enforce", envOverArgument.report().at("/agent/mode").asText(), envOverArgument::toString);

        ChildJvm.Result propertyOverEnv = ChildJvm.on(jdk).property("faasguard.mode", "observe")
                .env("FAASGUARD_MODE", "enforce").run(HelloApp.class.getName());
        assertEquals("observe", propertyOverEnv.report().at("/agent/mode").asText(), propertyOverEnv::toString);
        assertEquals("", propertyOverEnv.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void agentArgumentsTakeListsWithoutEscaping(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk)
                .agentArguments("writableRoots=/tmp," + outside + ",mode=enforce")
                .run(WriteApis.class.getName(), outside.toString(), "fileOutputStreamString", "filesWriteString");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("enforce", result.report().at("/agent/mode").asText());
        assertEquals(List.of(), result.findings(), "the extra root is writable\n" + result);
        assertEquals("fileOutputStreamString: ok\nfilesWriteString: ok\n", result.stdout());
        assertEquals("", result.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theReportCanBeTurnedOff(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).report(null).property("faasguard.report", "off")
                .run(WriteApis.class.getName(), outside.toString(), "fileOutputStreamString");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("write-outside-tmp"), "the log still warns\n" + result.stderr());
        // Other JVMs on this machine may write the default report; this one must not have.
        Path defaultReport = Path.of("/tmp/faasguard/report.json");
        if (Files.exists(defaultReport)) {
            JsonNode written = new ObjectMapper().readTree(defaultReport.toFile());
            assertTrue(written.at("/runtime/pid").asLong() != result.pid(), "no report from this JVM");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void instrumentedJdkClassesPassTheBytecodeVerifier(Path jdk) throws Exception {
        // Boot classes are not verified by default; this makes the JVM check every rewritten method.
        ChildJvm.Result result = ChildJvm.on(jdk).option("-XX:+UnlockDiagnosticVMOptions").option("-XX:+BytecodeVerificationLocal")
                .workingDirectory(outside)
                .run(WriteApis.class.getName(), outside.toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(WriteApis.WRITES.size(), result.findings().size(), result::toString);
        assertTrue(!result.stderr().contains("VerifyError"), result.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aSecondAgentFlagStartsNoSecondAgent(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).option("-javaagent:" + ChildJvm.agentJar())
                .run(WriteApis.class.getName(), outside.toString(), "fileOutputStreamString");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(1, result.findings().size(), result::toString);
        assertEquals(1, result.findings().get(0).get("count").asLong(), "counted once, not twice");
        assertEquals(1, count(result.stderr(), "already running in this JVM"), result.stderr());
    }

    private static long count(String text, String needle) {
        return text.lines().filter(line -> line.contains(needle)).count();
    }
}
