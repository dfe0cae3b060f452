package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.compat.OwnLibrariesApp;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An application with its own Logback 1.2 (and logback.xml) and its own ByteBuddy runs unchanged. */
class OwnLibrariesIT {

    private Path outside;

    @BeforeEach
    void directory() throws IOException {
        outside = Files.createDirectories(Path.of("/var/tmp", "faasguard-it-" + UUID.randomUUID()));
    }

    @AfterEach
    void cleanUp() throws IOException {
        com.example.writes.WriteApis.deleteTree(outside);
    }

    static Stream<Path> jdks() {
        return ChildJvm.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void applicationLoggingAndByteBuddyAreUntouched(Path jdk) throws Exception {
        Path target = outside.resolve("app-output.txt");
        ChildJvm.Result result = ChildJvm.on(jdk).classpath(applicationClasspath())
                .run(OwnLibrariesApp.class.getName(), target.toString());

        assertEquals(0, result.exitCode(), result::toString);
        String out = result.stdout();
        assertTrue(out.contains("APP-LOG INFO app - hello from the app"), "the app's logback.xml still rules its logs\n" + out);
        assertTrue(out.contains("APP-LOG INFO app - wrote " + target), out);
        assertTrue(out.contains("logger factory: ch.qos.logback.classic.LoggerContext"), out);
        assertTrue(out.contains("logback-classic-1.2.13.jar"), "the app's own Logback version\n" + out);
        assertTrue(out.contains("bytebuddy: made by the app's ByteBuddy"), out);
        assertTrue(out.contains("byte-buddy-1.14.19.jar"), "the app's own ByteBuddy version\n" + out);

        String err = result.stderr();
        assertTrue(err.contains("WARN  [FaaSGuard] write-outside-tmp"), "the agent still reports\n" + err);
        assertFalse(out.contains("FaaSGuard"), "the agent's messages never go through the app's appenders");
        assertFalse(err.contains("SLF4J"), "no SLF4J binding complaints\n" + err);
        assertEquals(1, result.findings().size(), result::toString);
        assertEquals("main", result.findings().get(0).at("/callSite/method").asText());
    }

    private static String applicationClasspath() throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(ChildJvm.testClasses());
        entries.add(Path.of(ChildJvm.testClasses(), "compat-app").toString());
        try (Stream<Path> jars = Files.list(Path.of("target/compat-app-libs"))) {
            jars.map(Path::toAbsolutePath).map(Path::toString).sorted().forEach(entries::add);
        }
        assertEquals(6, entries.size(), "logback-classic, logback-core, slf4j-api and byte-buddy: " + entries);
        return String.join(File.pathSeparator, entries);
    }
}
