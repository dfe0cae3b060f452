package dev.faasguard.field;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faasguard.lambdasim.InvocationResult;
import dev.faasguard.lambdasim.LambdaSim;
import dev.faasguard.lambdasim.SimConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A field function deployed as AWS Lambda runs it: its own deployment jar in lambda-sim (the real runtime
 * interface client, a read-only root, a tmpfs {@code /tmp}), once with the agent attached as a user attaches it
 * ({@code -javaagent}, defaults) and once without, so a test can require the same outcomes from both.
 *
 * <p>The jar, the agent and the sources come from system properties the module's failsafe configuration sets:
 * {@code field.function.jar}, {@code faasguard.agent.jar}, {@code field.sources}.
 */
public final class FieldRun {

    /** Where the agent writes its report by default, inside the function's /tmp. */
    public static final String REPORT = "faasguard/report.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean CI = "true".equals(System.getenv("CI"));
    private static final Pattern MARKER = Pattern.compile("//\\s*field:\\s*(\\S+)");

    private FieldRun() {}

    /** JDK 17 (the one running the tests) and Temurin 25 when present; with CI=true it must be. */
    public static Stream<Path> jdks() {
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")));
        String jdk25 = System.getProperty("faasguard.test.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64");
        if (Files.isExecutable(Path.of(jdk25, "bin", "java"))) {
            homes.add(Path.of(jdk25));
        } else if (CI) {
            throw new IllegalStateException("CI=true but JDK 25 is missing at " + jdk25);
        } else {
            System.err.println("\n*** SKIPPED: JDK 25 not found at " + jdk25 + "; the field suite runs on "
                    + homes.get(0) + " only ***\n");
        }
        return homes.stream();
    }

    /**
     * Runs {@code events} one after the other in one simulator (a cold start, then warm invocations).
     *
     * @param withAgent whether {@code -javaagent:faasguard-agent.jar} is on the function's command line
     * @param settings the function's own settings (handler, timeout, environment)
     */
    public static Run run(Path jdk, Function settings, boolean withAgent, List<String> events) throws IOException {
        LambdaSim.Builder builder = LambdaSim.builder()
                .jar(existing("field.function.jar", "the function's deployment jar"))
                .handler(settings.handler())
                .javaHome(jdk)
                .timeout(settings.timeout())
                .memoryMb(settings.memoryMb())
                .tmpSize(settings.tmpSize())
                .sandbox(CI ? SimConfig.SandboxMode.REQUIRED : SimConfig.SandboxMode.AUTO);
        settings.environment().forEach(builder::env);
        if (withAgent) {
            builder.agent(existing("faasguard.agent.jar", "the agent jar (build the agent module first)"), null);
        }
        try (LambdaSim sim = builder.build()) {
            if (!sim.sandboxed()) {
                String why = "lambda-sim cannot sandbox the function here (" + sim.sandboxStatus()
                        + "): no read-only root, no " + settings.tmpSize() + " tmpfs /tmp";
                System.err.println("\n*** SKIPPED: " + why + " ***\n");
                Assumptions.abort(why);
            }
            List<InvocationResult> results = new ArrayList<>();
            for (String event : events) {
                results.add(sim.invoke(event));
            }
            JsonNode report = withAgent ? report(results.get(results.size() - 1)) : null;
            return new Run(jdk, withAgent, List.copyOf(results), report);
        }
    }

    /**
     * A function's deployment settings.
     *
     * @param handler as Lambda's handler setting: {@code com.example.Fn::handleRequest}
     * @param tmpSize the size of its /tmp, in tmpfs syntax (Lambda's ephemeral storage setting)
     */
    public record Function(String handler, Duration timeout, int memoryMb, String tmpSize,
            Map<String, String> environment) {

        public static Function of(String handler, Duration timeout) {
            return new Function(handler, timeout, 512, "128m", Map.of());
        }

        /** The function's memory setting, in MiB (512 unless set). */
        public Function memory(int megabytes) {
            return new Function(handler, timeout, megabytes, tmpSize, environment);
        }

        /** The size of its /tmp (128m unless set). */
        public Function tmp(String size) {
            return new Function(handler, timeout, memoryMb, size, environment);
        }

        public Function env(String key, String value) {
            Map<String, String> more = new LinkedHashMap<>(environment);
            more.put(key, value);
            return new Function(handler, timeout, memoryMb, tmpSize, Map.copyOf(more));
        }
    }

    /** What one run did: each invocation's result and, with the agent, its report after the last one. */
    public record Run(Path jdk, boolean withAgent, List<InvocationResult> results, JsonNode report) {

        /** Each invocation's outcome and body: what the function's callers saw, to compare runs with. */
        public List<String> outcomes() {
            List<String> outcomes = new ArrayList<>();
            for (InvocationResult result : results) {
                outcomes.add(result.outcome() + " " + result.bodyText());
            }
            return outcomes;
        }

        /** Every finding of the report. */
        public List<JsonNode> findings() {
            List<JsonNode> all = new ArrayList<>();
            report.get("findings").forEach(all::add);
            return all;
        }

        /** The report's findings of one rule, in the order they were first seen. */
        public List<JsonNode> findings(String rule) {
            return findings().stream().filter(f -> f.get("rule").asText().equals(rule)).toList();
        }

        /** Each finding as {@code rule at call site}, sorted: what a test compares with the mistakes it planted. */
        public Set<String> findingKeys() {
            Set<String> keys = new TreeSet<>();
            for (JsonNode finding : findings()) {
                keys.add(finding.get("rule").asText() + " at " + frame(finding.get("callSite")));
            }
            return keys;
        }

        /** The same run with some findings left out of its report, for a test that judges those on their own. */
        public Run without(List<JsonNode> excluded) {
            ObjectNode copy = report.deepCopy();
            ArrayNode kept = copy.putArray("findings");
            for (JsonNode finding : report.get("findings")) {
                if (!excluded.contains(finding)) {
                    kept.add(finding);
                }
            }
            return new Run(jdk, withAgent, results, copy);
        }

        /** A short line per finding: rule, call site, count, message; for assertion messages. */
        public String summary() {
            StringBuilder text = new StringBuilder();
            for (JsonNode finding : findings()) {
                text.append(finding.get("rule").asText()).append(" at ").append(frame(finding.get("callSite")))
                        .append(" x").append(finding.get("count").asLong()).append(": ")
                        .append(finding.get("message").asText()).append('\n');
            }
            return text.toString();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(jdk + (withAgent ? " with the agent" : " without the agent") + "\n");
            for (InvocationResult r : results) {
                text.append('#').append(r.number()).append(r.coldStart() ? " cold " : " warm ").append(r.outcome())
                        .append(' ').append(r.duration().toMillis()).append(" ms: ").append(r.bodyText()).append('\n');
                if (!r.stderr().isBlank()) {
                    text.append("  stderr: ").append(r.stderr().strip().replace("\n", "\n  stderr: ")).append('\n');
                }
            }
            return report == null ? text.toString() : text.append("findings:\n").append(summary()).toString();
        }
    }

    /** A report call site as a stack trace frame: {@code com.example.Fn.handle(Fn.java:42)}. */
    public static String frame(JsonNode callSite) {
        return callSite.get("class").asText() + "." + callSite.get("method").asText() + "("
                + callSite.get("file").asText() + ":" + callSite.get("line").asInt() + ")";
    }

    /** {@code com.example.Fn.handle(Fn.java:42)} for the line marked {@code // field: <marker>} in Fn's source. */
    public static String frame(Class<?> type, String method, String marker) throws IOException {
        return type.getName() + "." + method + "(" + type.getSimpleName() + ".java:" + line(type, marker) + ")";
    }

    /** The line marked {@code // field: <marker>} in a function class's source. */
    public static int line(Class<?> type, String marker) throws IOException {
        Path sources = Path.of(System.getProperty("field.sources", "src/main/java"));
        Path source = sources.resolve(type.getName().replace('.', '/') + ".java");
        List<String> text = Files.readAllLines(source, StandardCharsets.UTF_8);
        for (int i = 0; i < text.size(); i++) {
            Matcher found = MARKER.matcher(text.get(i));
            if (found.find() && found.group(1).equals(marker)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line marked '// field: " + marker + "' in " + source);
    }

    /** The report in the /tmp of the environment that served {@code result}: there, and valid JSON. */
    private static JsonNode report(InvocationResult result) throws IOException {
        Path report = result.tmpDir().resolve(REPORT);
        if (!Files.isRegularFile(report)) {
            throw new AssertionError("no report at " + report + "\nstderr: " + result.stderr());
        }
        return JSON.readTree(report.toFile());
    }

    /** The file a Maven property names, which the build must have made. */
    private static Path existing(String property, String what) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: run this test with Maven (failsafe)");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(what + " not found: " + path);
        }
        return path;
    }
}
