package dev.faasguard.lambdasim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Shared by the integration tests: the fixture jar, builders, the sandbox requirement. */
final class SimTesting {
    static final String FIXTURES = "dev.faasguard.lambdasim.fixtures.";
    static final ObjectMapper JSON = new ObjectMapper();
    private static Path functionJar;
    private static Path agentJar;

    private SimTesting() {
    }

    /** Fixture jars live under target/ (not /tmp: inside the sandbox /tmp is the function's own tmpfs). */
    static synchronized Path functionJar() {
        try {
            if (functionJar == null) {
                functionJar = Fixtures.functionJar(workDir().resolve("function"));
            }
            return functionJar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized Path agentJar() {
        try {
            if (agentJar == null) {
                agentJar = Fixtures.agentJar(workDir().resolve("agent"));
            }
            return agentJar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path workDir() throws IOException {
        return Files.createDirectories(Path.of("target", "it-work").toAbsolutePath());
    }

    static LambdaSim.Builder sim(Path jdk, String handlerClass) {
        return LambdaSim.builder().jar(functionJar()).handler(FIXTURES + handlerClass + "::handleRequest")
                .javaHome(jdk).timeout(Duration.ofSeconds(10)).tmpSize("64m");
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String event(String json) {
        return json.replace('\'', '"');
    }

    /** Skips (loudly) where the sandbox cannot run; fails instead on CI (CI=true), where it must. */
    static void requireSandbox() {
        Sandbox.Availability a = Sandbox.availability();
        if (a.available()) {
            return;
        }
        String message = "lambda-sim sandbox NOT AVAILABLE (" + a.reason() + "): the read-only file system and"
                + " /tmp size tests cannot run here; run them as root on Linux";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: failing instead of skipping)");
        }
        System.err.println("\n!!!!! SKIPPED: " + message + " !!!!!\n");
        Assumptions.abort(message);
    }

    static String describe(InvocationResult r) {
        return "#" + r.number() + " " + (r.coldStart() ? "cold" : "warm") + " " + r.outcome() + " body=" + r.bodyText()
                + "\nstdout=" + r.stdout() + "\nstderr=" + r.stderr();
    }
}
