package dev.faasguard.lambdasim.cli;

import dev.faasguard.lambdasim.SimConfig;
import dev.faasguard.lambdasim.Units;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parsed command line. */
final class CliOptions {
    static final String USAGE = String.join("\n",
            "usage: java -jar lambda-sim.jar --jar app.jar --handler com.example.Fn::handleRequest [options]",
            "",
            "Runs the handler the way AWS Lambda does: the AWS runtime interface client in a child JVM, a local",
            "Runtime API, a deadline per invocation, a new JVM (cold start) after a timeout or crash, and on Linux",
            "as root a read-only file system with a size-limited /tmp.",
            "",
            "  --jar FILE            the function's jar (repeat for library jars)",
            "  --handler NAME        handler, e.g. com.example.Fn::handleRequest",
            "  --event FILE          the event (JSON) sent to every invocation (default: {})",
            "  --events DIR          one invocation per file in DIR, by name; cycled when --invocations is larger",
            "  --invocations N       number of invocations (default: 1, or the number of files in --events)",
            "  --timeout T           function timeout: 3s, 500ms, 1m (default 3s)",
            "  --init-timeout T      initialization timeout (default 10s)",
            "  --memory MB           memory size, sizes the heap as Lambda does (default 512)",
            "  --tmp-size SIZE       size of /tmp: 512m, 64m, 1g (default 512m)",
            "  --java HOME           JDK home that runs the function (default: the one running lambda-sim)",
            "  --agent FILE          add -javaagent:FILE to the function JVM",
            "  --agent-args ARGS     the agent's options (-javaagent:FILE=ARGS)",
            "  --layer ZIP           a Lambda layer, extracted into the function's read-only /opt (repeatable; needs",
            "                        the sandbox); --env AWS_LAMBDA_EXEC_WRAPPER=/opt/... runs the runtime through it",
            "  --env K=V             environment variable for the function (repeatable)",
            "  --jvm-arg ARG         extra JVM option for the function (repeatable)",
            "  --function-name NAME  (default lambda-sim)     --region R  (default us-east-1)",
            "  --keep-tmp DIR        at the end, copy each environment's /tmp to DIR/env-N/",
            "  --no-sandbox          never use the sandbox      --require-sandbox  fail without it",
            "  --work-dir DIR        where code is staged and /tmp mounted (default /var/tmp; not under /tmp)",
            "  --snap-start          SnapStart: before an environment's first invocation the runtime runs its",
            "                        beforeCheckpoint hooks, asks /restore/next, then runs its afterRestore hooks",
            "                        (the CRaC protocol; no JVM snapshot is taken)",
            "  --snapshot-age T      with --snap-start: hold the snapshot T of real time before the restore (default",
            "                        0); the function's wall and monotonic clocks both advance by T",
            "  --max-concurrency N   Lambda Managed Instances: N runtime threads in one JVM (Java 21+), all events",
            "                        sent at once; an invocation past its deadline is reported, never stopped",
            "  --quiet               do not print the function's output and responses",
            "",
            "Exit status: 0 when every invocation succeeded, 1 when one did not, 2 on a usage error.");

    final List<Path> jars = new ArrayList<>();
    String handler;
    Path event;
    Path eventsDir;
    Integer invocations;
    Duration timeout = Duration.ofSeconds(3);
    Duration initTimeout = Duration.ofSeconds(10);
    int memoryMb = 512;
    String tmpSize = "512m";
    Path javaHome;
    Path agent;
    String agentArgs;
    final List<Path> layers = new ArrayList<>();
    final Map<String, String> env = new LinkedHashMap<>();
    final List<String> jvmArgs = new ArrayList<>();
    String functionName = "lambda-sim";
    String region = "us-east-1";
    Path keepTmp;
    Path workDir;
    SimConfig.SandboxMode sandbox = SimConfig.SandboxMode.AUTO;
    boolean quiet;
    boolean help;
    boolean snapStart;
    Duration snapshotAge;
    int maxConcurrency;

    static CliOptions parse(String[] args) {
        CliOptions o = new CliOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "-h", "--help" -> o.help = true;
                case "--quiet" -> o.quiet = true;
                case "--no-sandbox" -> o.sandbox = SimConfig.SandboxMode.OFF;
                case "--require-sandbox" -> o.sandbox = SimConfig.SandboxMode.REQUIRED;
                case "--snap-start" -> o.snapStart = true;
                default -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(a + " needs a value");
                        }
                        value = args[++i];
                    }
                    o.set(a, value);
                }
            }
        }
        if (!o.help) {
            if (o.jars.isEmpty()) {
                throw new IllegalArgumentException("--jar is required");
            }
            if (o.handler == null) {
                throw new IllegalArgumentException("--handler is required");
            }
            if (o.event != null && o.eventsDir != null) {
                throw new IllegalArgumentException("use --event or --events, not both");
            }
            if (o.snapshotAge != null && !o.snapStart) {
                throw new IllegalArgumentException("--snapshot-age needs --snap-start");
            }
            if (o.snapStart && o.maxConcurrency > 0) {
                throw new IllegalArgumentException("use --snap-start or --max-concurrency, not both");
            }
        }
        return o;
    }

    private void set(String option, String value) {
        switch (option) {
            case "--jar" -> jars.add(Path.of(value));
            case "--handler" -> handler = value;
            case "--event" -> event = Path.of(value);
            case "--events" -> eventsDir = Path.of(value);
            case "--invocations" -> {
                invocations = Integer.parseInt(value);
                if (invocations < 1) {
                    throw new IllegalArgumentException("--invocations must be at least 1");
                }
            }
            case "--timeout" -> timeout = Units.parseDuration(value);
            case "--init-timeout" -> initTimeout = Units.parseDuration(value);
            case "--memory" -> memoryMb = Integer.parseInt(value);
            case "--tmp-size" -> tmpSize = Units.checkSize(value);
            case "--java" -> javaHome = Path.of(value);
            case "--agent" -> agent = Path.of(value);
            case "--agent-args" -> agentArgs = value;
            case "--layer" -> layers.add(Path.of(value));
            case "--env" -> {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--env needs K=V: " + value);
                }
                env.put(value.substring(0, eq), value.substring(eq + 1));
            }
            case "--jvm-arg" -> jvmArgs.add(value);
            case "--function-name" -> functionName = value;
            case "--region" -> region = value;
            case "--keep-tmp" -> keepTmp = Path.of(value);
            case "--work-dir" -> workDir = Path.of(value);
            case "--snapshot-age" -> snapshotAge = Units.parseDuration(value);
            case "--max-concurrency" -> {
                maxConcurrency = Integer.parseInt(value);
                if (maxConcurrency < 1) {
                    throw new IllegalArgumentException("--max-concurrency must be at least 1");
                }
            }
            default -> throw new IllegalArgumentException("unknown option " + option);
        }
    }
}
