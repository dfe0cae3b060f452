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

    /** The org.crac library's jar (a test dependency), for a deployment package whose code uses that API. */
    static Path orgCracJar() {
        try {
            return Path.of(org.crac.Resource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A JDK of 21 or later for the function (Lambda Managed Instances run Java 21+): Temurin 25 when installed.
     * Skips (loudly) where there is none; fails instead on CI (CI=true), where there must be one.
     */
    static Path jdk21OrLater() {
        for (Path jdk : Fixtures.jdks()) {
            if (Integer.parseInt(FunctionCommand.javaFeature(jdk)) >= 21) {
                return jdk;
            }
        }
        skipOrFailOnCi("no JDK 21 or later (Temurin 25 is expected at " + System.getProperty("faasguard.test.jdk25",
                "/usr/lib/jvm/temurin-25-jdk-amd64") + "): the Lambda Managed Instances tests cannot run here");
        throw new IllegalStateException("unreachable");
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
        skipOrFailOnCi("lambda-sim sandbox NOT AVAILABLE (" + a.reason() + "): the read-only file system and"
                + " /tmp size tests cannot run here; run them as root on Linux");
    }

    private static void skipOrFailOnCi(String message) {
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
