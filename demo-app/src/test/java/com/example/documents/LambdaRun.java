package com.example.documents;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.example.DemoRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasguard.lambdasim.InvocationResult;
import dev.faasguard.lambdasim.LambdaSim;
import dev.faasguard.lambdasim.SimConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The documents handlers deployed as AWS Lambda runs them: faasguard-demo.jar in lambda-sim (the real runtime
 * interface client, a read-only root, a tmpfs {@code /tmp} of {@link #TMP_SIZE}) with the agent attached
 * exactly as a user would, {@code -javaagent:faasguard-agent.jar} or the Lambda layer, with its defaults, so the
 * report is {@code /tmp/faasguard/report.json} inside the function's {@code /tmp}.
 */
public final class LambdaRun {

    static final String TMP_SIZE = "64m";
    static final long TMP_BYTES = 64L * 1024 * 1024;
    static final String REPORT = "faasguard/report.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean CI = "true".equals(System.getenv("CI"));
    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private LambdaRun() {}

    public static Stream<Path> jdks() {
        return DemoRun.jdks();
    }

    /** The JDKs the tests run on that Lambda runs Managed Instances on: 21 and later (Temurin 25 here). */
    public static Stream<Path> jdks21OrLater() {
        return jdks().filter(jdk -> javaFeature(jdk) >= 21);
    }

    /** A JDK's feature version, from its {@code release} file; 0 when it does not say. */
    private static int javaFeature(Path jdk) {
        try {
            Matcher version = RELEASE_VERSION.matcher(Files.readString(jdk.resolve("release")));
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The agent attached with {@code -javaagent} and its defaults. Starts nothing yet (see {@link #start(LambdaSim.Builder)}). */
    static LambdaSim start(Path jdk, Class<?> handler, Duration timeout) throws IOException {
        return start(jdk, handler, timeout, builder -> builder);
    }

    /** @param more settings of the test's own (environment variables, function name, memory) */
    public static LambdaSim start(Path jdk, Class<?> handler, Duration timeout, UnaryOperator<LambdaSim.Builder> more)
            throws IOException {
        return start(more.apply(function(jdk, handler, timeout).agent(agentJar(), null)));
    }

    /**
     * The agent attached as on AWS Lambda with the layer: faasguard-layer.zip in /opt and
     * {@code AWS_LAMBDA_EXEC_WRAPPER=/opt/faasguard-handler}, no {@code -javaagent} of the test's own.
     */
    static LambdaSim startWithLayer(Path jdk, Class<?> handler, Duration timeout) throws IOException {
        LambdaSim.Builder function = function(jdk, handler, timeout).layer(DemoRun.existing("faasguard.layer.zip", "layer zip (build the lambda-layer module first)"))
                .env("AWS_LAMBDA_EXEC_WRAPPER", "/opt/faasguard-handler");
        try {
            return start(function);
        } catch (IOException noSandbox) {
            // Layers are mounted on /opt, which needs the sandbox: without it lambda-sim refuses to start.
            if (CI) {
                throw noSandbox;
            }
            skipWithoutSandbox(noSandbox.getMessage());
            throw noSandbox;
        }
    }

    /** faasguard-demo.jar as the deployment package, the handler, a 64 MiB /tmp; the sandbox required under CI=true. */
    static LambdaSim.Builder function(Path jdk, Class<?> handler, Duration timeout) {
        return LambdaSim.builder()
                .jar(DemoRun.demoJar())
                .handler(handler.getName() + "::handleRequest")
                .javaHome(jdk)
                .timeout(timeout)
                .tmpSize(TMP_SIZE)
                .sandbox(CI ? SimConfig.SandboxMode.REQUIRED : SimConfig.SandboxMode.AUTO);
    }

    /** Builds; fails under CI=true and skips loudly elsewhere when the sandbox is not available. */
    static LambdaSim start(LambdaSim.Builder function) throws IOException {
        LambdaSim sim = function.build();
        if (!sim.sandboxed()) {
            sim.close();
            skipWithoutSandbox(sim.sandboxStatus());
        }
        return sim;
    }

    private static void skipWithoutSandbox(String reason) {
        String why = "lambda-sim cannot sandbox the function here (" + reason + "): no read-only root, no " + TMP_SIZE
                + " tmpfs /tmp";
        System.err.println("\n*** SKIPPED: " + why + " ***\n");
        Assumptions.abort(why);
    }

    static Path agentJar() {
        return DemoRun.existing("faasguard.agent.jar", "agent jar (build the agent module first)");
    }

    /** The report in the environment's /tmp that served {@code result}: it must be there and be valid JSON. */
    public static JsonNode report(InvocationResult result) throws IOException {
        Path report = result.tmpDir().resolve(REPORT);
        assertTrue(Files.isRegularFile(report), () -> "no report at " + report + "\n" + describe(result));
        try {
            return JSON.readTree(report.toFile());
        } catch (IOException e) {
            fail("the report is not valid JSON: " + report + ": " + e + "\n" + Files.readString(report));
            throw e;
        }
    }

    public static List<JsonNode> findings(JsonNode report, String rule) {
        List<JsonNode> matching = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("rule").asText().equals(rule)) {
                matching.add(f);
            }
        });
        return matching;
    }

    public static JsonNode invocation(JsonNode report, String id) {
        for (JsonNode invocation : report.get("invocations")) {
            if (invocation.get("id").asText().equals(id)) {
                return invocation;
            }
        }
        throw new AssertionError("no invocation " + id + " in the report:\n" + report.toPrettyString());
    }

    public static String describe(InvocationResult r) {
        return "#" + r.number() + " " + r.requestId() + (r.coldStart() ? " cold" : " warm") + " env " + r.environment()
                + " " + r.outcome() + " " + r.duration().toMillis() + " ms: " + r.bodyText()
                + (r.stderr().isBlank() ? "" : "\n  stderr: " + r.stderr().strip().replace("\n", "\n  stderr: "));
    }

    public static String describe(List<InvocationResult> results) {
        StringBuilder text = new StringBuilder();
        for (InvocationResult r : results) {
            text.append(describe(r)).append('\n');
        }
        return text.toString();
    }

    /** {@code com.example.documents.X.method(X.java:42)}, as the report's stacks write a frame. */
    public static String frame(Class<?> type, String method, int line) {
        return type.getName() + "." + method + "(" + type.getSimpleName() + ".java:" + line + ")";
    }
}
