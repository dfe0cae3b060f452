package dev.faasguard.lambdasim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a Java handler the way AWS Lambda does: the real AWS Lambda runtime interface client in a child JVM, fed by a
 * local Runtime API, one invocation at a time, with a deadline per invocation, a fresh JVM (a cold start) after a
 * timeout, crash or init error, and (on Linux as root) a read-only root file system with a size-limited {@code /tmp}.
 * Two more ways Lambda runs Java: {@link Builder#snapStart(Duration) SnapStart} (the client's checkpoint and restore
 * before the first invocation) and {@link Builder#maxConcurrency(int) Lambda Managed Instances} (several invocations
 * at once in one JVM, see {@link #invokeConcurrently}).
 *
 * <pre>{@code
 * try (LambdaSim sim = LambdaSim.builder().jar(appJar).handler("com.example.Fn::handleRequest")
 *         .timeout(Duration.ofSeconds(3)).tmpSize("64m").agent(agentJar, "mode=report").build()) {
 *     List<InvocationResult> results = sim.run(List.of(event1, event2));
 *     Path report = results.get(1).tmpDir().resolve("faasguard/report.json");  // readable until close()
 * }
 * }</pre>
 *
 * Not thread-safe: one call at a time (one invocation, or one batch under {@code maxConcurrency}).
 */
public final class LambdaSim implements AutoCloseable {
    private final SimConfig config;
    private final Workspace workspace;
    private final boolean sandboxed;
    private final String sandboxStatus;
    private final InvocationListener listener;
    private final Path keepTmp;
    private final List<ExecutionEnvironment> environments = new ArrayList<>();
    private final List<Path> mountedTmps = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::close, "lambda-sim-cleanup");
    private ExecutionEnvironment current;
    private int invocations;
    private boolean closed;

    private LambdaSim(SimConfig config, InvocationListener listener, Path keepTmp) throws IOException {
        this.config = config;
        this.listener = listener;
        this.keepTmp = keepTmp;
        Sandbox.Availability a = config.sandbox() == SimConfig.SandboxMode.OFF
                ? new Sandbox.Availability(false, "turned off") : Sandbox.availability();
        if (!a.available() && config.sandbox() == SimConfig.SandboxMode.REQUIRED) {
            throw new IOException("lambda-sim: the sandbox is required but not available: " + a.reason());
        }
        sandboxed = a.available();
        sandboxStatus = a.reason();
        if (!config.layers().isEmpty() && !sandboxed) {
            throw new IOException("lambda-sim: layers are mounted on /opt, which needs the sandbox: " + a.reason());
        }
        if (!config.layers().isEmpty() && !Files.isDirectory(Path.of("/opt"))) {
            throw new IOException("lambda-sim: layers are mounted on /opt, and this machine has no /opt to mount on");
        }
        if (!sandboxed && config.sandbox() == SimConfig.SandboxMode.AUTO) {
            System.err.println("lambda-sim: WARNING: running WITHOUT the sandbox (" + a.reason() + "): the function"
                    + " can write anywhere, its /tmp is the host's /tmp and --tmp-size is not enforced."
                    + " Run as root on Linux to get Lambda's read-only file system and size-limited /tmp.");
        }
        workspace = new Workspace(config.workDir(), config.jars(), config.agentJar(), config.layers());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    public SimConfig config() {
        return config;
    }

    /** True when functions run in the sandbox (read-only root, private tmpfs /tmp). */
    public boolean sandboxed() {
        return sandboxed;
    }

    /** What the sandbox is, or why it is not used. */
    public String sandboxStatus() {
        return sandboxStatus;
    }

    /** Runs the events in order, each as one invocation. */
    public List<InvocationResult> run(List<byte[]> events) {
        List<InvocationResult> results = new ArrayList<>();
        for (byte[] event : events) {
            results.add(invoke(event));
        }
        return results;
    }

    /** Runs the same event {@code times} times. */
    public List<InvocationResult> run(String event, int times) {
        return run(Collections.nCopies(times, event.getBytes(StandardCharsets.UTF_8)));
    }

    /** One invocation: in the warm environment if there is one, else in a new one (a cold start). */
    public InvocationResult invoke(byte[] event) {
        Objects.requireNonNull(event, "event");
        return submit(List.of(event)).get(0);
    }

    /**
     * Lambda Managed Instances ({@link Builder#maxConcurrency(int)}): sends all the events to the environment at
     * once and waits until each has ended; the runtime's threads take them as they come free, the others wait in
     * the queue. Returns the results in the events' order; the listener hears of each as it ends. An invocation
     * past its deadline is a {@link Outcome#TIMEOUT} for its caller, but nothing stops it: its runtime thread stays
     * on it ({@link #stillRunning()}) until it ends or the simulator closes.
     */
    public List<InvocationResult> invokeConcurrently(List<byte[]> events) {
        if (!config.concurrent()) {
            throw new IllegalStateException("invokeConcurrently needs maxConcurrency(n): without it an environment"
                    + " takes one invocation at a time");
        }
        events.forEach(e -> Objects.requireNonNull(e, "event"));
        return events.isEmpty() ? List.of() : submit(events);
    }

    private List<InvocationResult> submit(List<byte[]> events) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (current == null || !current.usable()) {
            if (current != null) {
                current.close();
            }
            current = startEnvironment();
        }
        int first = invocations + 1;
        invocations += events.size();
        return current.invoke(first, events, r -> {
            if (listener != null) {
                listener.invocationFinished(r);
            }
        });
    }

    /**
     * Request ids of the invocations the current environment's runtime received and has not answered: under
     * {@code maxConcurrency}, those past their deadline that still hold a runtime thread.
     */
    public List<String> stillRunning() {
        return current == null ? List.of() : current.running();
    }

    public InvocationResult invoke(String event) {
        return invoke(event.getBytes(StandardCharsets.UTF_8));
    }

    private ExecutionEnvironment startEnvironment() {
        int n = environments.size() + 1;
        try {
            Path tmp;
            if (sandboxed) {
                tmp = workspace.tmpDirFor(n);
                Sandbox.mountTmp(tmp, config.tmpSize());
                mountedTmps.add(tmp);
            } else {
                tmp = Path.of("/tmp");
            }
            ExecutionEnvironment env = new ExecutionEnvironment(n, config, workspace, tmp, sandboxed);
            environments.add(env);
            if (listener != null) {
                listener.environmentStarted(n, tmp, env.pid());
            }
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start execution environment " + n, e);
        }
    }

    /** Host paths of each execution environment's /tmp so far, in order (environment 1 first). */
    public List<Path> tmpDirs() {
        return environments.stream().map(ExecutionEnvironment::tmpDir).toList();
    }

    /** Host path of the current (or last) environment's /tmp, or null before the first invocation. */
    public Path currentTmpDir() {
        return current == null ? null : current.tmpDir();
    }

    /** Host directory of the staged deployment package: the function's {@code LAMBDA_TASK_ROOT}. */
    public Path taskRoot() {
        return workspace.taskDir();
    }

    /**
     * Kills the function JVM, copies each environment's /tmp to the keep directory when one was set
     * ({@code <keep>/env-N/}), unmounts the tmpfs mounts and deletes the work directory.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ExecutionEnvironment env : environments) {
            env.close();
        }
        if (keepTmp != null && sandboxed) {
            for (ExecutionEnvironment env : environments) {
                try {
                    Workspace.copyTree(env.tmpDir(), keepTmp.resolve("env-" + env.number()));
                } catch (IOException e) {
                    System.err.println("lambda-sim: could not keep " + env.tmpDir() + ": " + e.getMessage());
                }
            }
        }
        for (Path tmp : mountedTmps) {
            Sandbox.unmountTmp(tmp);
        }
        workspace.delete();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook
        }
    }

    /** Configures a {@link LambdaSim}. Only {@link #jar} and {@link #handler} are required. */
    public static final class Builder {
        private final List<Path> jars = new ArrayList<>();
        private String handler;
        private Duration timeout = Duration.ofSeconds(3);
        private Duration initTimeout = Duration.ofSeconds(10);
        private int memoryMb = 512;
        private String tmpSize = "512m";
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private Path agentJar;
        private String agentArgs;
        private final List<Path> layers = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private String functionName = "lambda-sim";
        private String region = "us-east-1";
        private SimConfig.SandboxMode sandbox = SimConfig.SandboxMode.AUTO;
        private Path workDir;
        private Path keepTmp;
        private InvocationListener listener;
        private boolean snapStart;
        private Duration snapshotAge = Duration.ZERO;
        private int maxConcurrency;

        private Builder() {
        }

        /** The function's jar; call again for library jars (all end up in the deployment package). */
        public Builder jar(Path jar) {
            jars.add(jar.toAbsolutePath());
            return this;
        }

        /** {@code com.example.Fn::handleRequest} or {@code com.example.Fn}. */
        public Builder handler(String handler) {
            this.handler = handler;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        public Builder initTimeout(Duration initTimeout) {
            this.initTimeout = positive(initTimeout, "initTimeout");
            return this;
        }

        /** Memory in MB (128 to 10240 on Lambda); sizes heap, metaspace and code cache as Lambda does. */
        public Builder memoryMb(int memoryMb) {
            if (memoryMb < 128 || memoryMb > 10240) {
                throw new IllegalArgumentException("memory must be 128..10240 MB: " + memoryMb);
            }
            this.memoryMb = memoryMb;
            return this;
        }

        /** Size of /tmp: {@code 512m} (Lambda's default), {@code 64m}, {@code 10g}. */
        public Builder tmpSize(String tmpSize) {
            this.tmpSize = Units.checkSize(tmpSize);
            return this;
        }

        /** The JDK home that runs the function (default: the one running lambda-sim). */
        public Builder javaHome(Path javaHome) {
            this.javaHome = javaHome.toAbsolutePath();
            return this;
        }

        /** Adds {@code -javaagent:<jar>[=<args>]} to the function JVM; {@code args} may be null. */
        public Builder agent(Path jar, String args) {
            this.agentJar = jar.toAbsolutePath();
            this.agentArgs = args;
            return this;
        }

        /**
         * A layer zip, extracted into the function's read-only {@code /opt} as Lambda does (call again for more
         * layers, in order). With {@code env("AWS_LAMBDA_EXEC_WRAPPER", "/opt/...")} the function's runtime
         * command runs through a wrapper script from a layer. Needs the sandbox.
         */
        public Builder layer(Path zip) {
            layers.add(zip.toAbsolutePath());
            return this;
        }

        public Builder env(String key, String value) {
            env.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /** An extra JVM option for the function, after Lambda's own (so it can override them). */
        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        public Builder functionName(String functionName) {
            this.functionName = functionName;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder sandbox(SimConfig.SandboxMode sandbox) {
            this.sandbox = Objects.requireNonNull(sandbox);
            return this;
        }

        /** Where lambda-sim stages code and mounts each environment's /tmp (default /var/tmp; never under /tmp). */
        public Builder workDir(Path workDir) {
            this.workDir = workDir.toAbsolutePath();
            return this;
        }

        /** On {@link LambdaSim#close()}, copy each environment's /tmp to {@code <dir>/env-N/} before unmounting it. */
        public Builder keepTmp(Path dir) {
            this.keepTmp = dir.toAbsolutePath();
            return this;
        }

        public Builder listener(InvocationListener listener) {
            this.listener = listener;
            return this;
        }

        /** SnapStart with no time between the checkpoint and the restore: see {@link #snapStart(Duration)}. */
        public Builder snapStart() {
            return snapStart(Duration.ZERO);
        }

        /**
         * SnapStart ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}): before each environment's first invocation
         * the runtime client runs the {@code beforeCheckpoint} hooks registered through its CRaC bridge (its own
         * {@code com.amazonaws.services.lambda.crac.Core}, or {@code org.crac}), asks {@code /restore/next}, and
         * once answered runs the {@code afterRestore} hooks. No JVM snapshot is taken: lambda-sim holds the request
         * for {@code snapshotAge} of real time, during which the function's wall clock AND monotonic clock advance
         * alike (on Lambda the monotonic clock does not move across a snapshot). See {@link Restore}.
         */
        public Builder snapStart(Duration snapshotAge) {
            if (snapshotAge.isNegative()) {
                throw new IllegalArgumentException("snapshot age must not be negative: " + snapshotAge);
            }
            this.snapStart = true;
            this.snapshotAge = snapshotAge;
            return this;
        }

        /**
         * Lambda Managed Instances: {@code AWS_LAMBDA_MAX_CONCURRENCY=n}, the runtime client runs {@code n} threads,
         * each with its own {@code /next} loop, in one JVM; the environment is never frozen and an invocation past
         * its deadline is not stopped (see {@link LambdaSim#invokeConcurrently}). Lambda offers it from Java 21 on,
         * so the function's JDK must be 21 or later.
         */
        public Builder maxConcurrency(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxConcurrency must be at least 1: " + n);
            }
            this.maxConcurrency = n;
            return this;
        }

        /** Checks the configuration, probes the sandbox and stages the code; nothing runs until the first invocation. */
        public LambdaSim build() throws IOException {
            if (jars.isEmpty()) {
                throw new IllegalArgumentException("no jar: call jar(path)");
            }
            if (handler == null || handler.isBlank()) {
                throw new IllegalArgumentException("no handler: call handler(\"com.example.Fn::handleRequest\")");
            }
            if (!Files.isExecutable(FunctionCommand.javaExecutable(javaHome))) {
                throw new IllegalArgumentException("no java in " + javaHome + " (bin/java)");
            }
            if (maxConcurrency > 0 && snapStart) {
                throw new IllegalArgumentException("SnapStart and maxConcurrency (Lambda Managed Instances) are"
                        + " separate modes of lambda-sim: choose one");
            }
            int feature = Integer.parseInt(FunctionCommand.javaFeature(javaHome));
            if (maxConcurrency > 0 && feature < 21) {
                throw new IllegalArgumentException("maxConcurrency (Lambda Managed Instances) needs the function to"
                        + " run on Java 21 or later, as Lambda runs it, and " + javaHome + " is Java " + feature
                        + ": choose a JDK 21+ with javaHome(...) (--java)");
            }
            Path dir = workDir;
            if (dir == null) {
                Path varTmp = Path.of("/var/tmp");
                dir = Files.isDirectory(varTmp) && Files.isWritable(varTmp)
                        ? varTmp : Path.of(System.getProperty("java.io.tmpdir"));
            }
            SimConfig config = new SimConfig(jars, handler, timeout, initTimeout, memoryMb, tmpSize, javaHome,
                    agentJar, agentArgs, layers, env, jvmArgs, functionName, region, sandbox, dir, snapStart,
                    snapshotAge, maxConcurrency);
            return new LambdaSim(config, listener, keepTmp);
        }

        private static Duration positive(Duration d, String what) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }
}
