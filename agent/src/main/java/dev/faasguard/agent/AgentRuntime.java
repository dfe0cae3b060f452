package dev.faasguard.agent;

import dev.faasguard.agent.config.AgentConfig;
import dev.faasguard.agent.config.ConfigLoader;
import dev.faasguard.agent.config.Mode;
import dev.faasguard.agent.finding.ApplicationCode;
import dev.faasguard.agent.finding.FindingRecorder;
import dev.faasguard.agent.finding.FindingStore;
import dev.faasguard.agent.finding.IgnoreList;
import dev.faasguard.agent.finding.InFlightCalls;
import dev.faasguard.agent.finding.StackCapture;
import dev.faasguard.agent.instrument.Instrumentations;
import dev.faasguard.agent.instrument.Instrumenter;
import dev.faasguard.agent.invocation.InvocationHistory;
import dev.faasguard.agent.invocation.InvocationMonitor;
import dev.faasguard.agent.report.AgentLog;
import dev.faasguard.agent.report.FindingLog;
import dev.faasguard.agent.report.ReportContent;
import dev.faasguard.agent.report.ReportFiles;
import dev.faasguard.agent.rule.BlockingCall;
import dev.faasguard.agent.rule.ClientLibrary;
import dev.faasguard.agent.rule.ConnectWithoutTimeoutRule;
import dev.faasguard.agent.rule.FileProbe;
import dev.faasguard.agent.rule.FileWrite;
import dev.faasguard.agent.rule.HttpWithoutTimeoutRule;
import dev.faasguard.agent.rule.JoinWithoutTimeoutRule;
import dev.faasguard.agent.rule.ReadWithoutTimeoutRule;
import dev.faasguard.agent.rule.RuntimeApiAddress;
import dev.faasguard.agent.rule.Violation;
import dev.faasguard.agent.rule.WaitWithoutTimeoutRule;
import dev.faasguard.agent.rule.WithoutTimeoutRule;
import dev.faasguard.agent.rule.WriteOutsideTmpRule;
import dev.faasguard.agent.telemetry.ExportSettings;
import dev.faasguard.agent.telemetry.ExportStatus;
import dev.faasguard.agent.telemetry.Telemetry;
import dev.faasguard.agent.telemetry.TelemetryPipeline;
import dev.faasguard.agent.telemetry.otel.OtelTelemetryFactory;
import dev.faasguard.bootstrap.HookSink;
import dev.faasguard.bootstrap.Hooks;
import dev.faasguard.bootstrap.WritableRoots;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/** The running agent: wires configuration, rules, findings and sinks, and is what the hooks call. */
final class AgentRuntime implements HookSink, Instrumenter.Failures, InvocationMonitor.Sinks {

    /** Lambda's init phase limit for on-demand environments. */
    private static final long LAMBDA_INIT_LIMIT_MILLIS = 10_000;
    /** How long exit waits for the log to drain. */
    private static final Duration EXIT_FLUSH = Duration.ofSeconds(2);
    /** How long the end of an invocation waits for the log to drain before the response goes back. */
    private static final Duration INVOCATION_FLUSH = Duration.ofMillis(500);
    /** Left before a deadline for the log to drain once telemetry has had its turn. */
    private static final long DEADLINE_SLACK_MILLIS = 50;

    private final WriteOutsideTmpRule writeOutsideTmp;
    private final Map<String, WithoutTimeoutRule> timeoutRules;
    private final FindingRecorder recorder;
    private final InFlightCalls inFlight;
    private final AgentLog log;
    private final long flushTimeoutMillis;
    private Telemetry telemetry = Telemetry.OFF;
    private InvocationMonitor invocations;
    private ReportFiles reports;
    /** Null unless failOn is set. */
    private FailOnGate failOn;
    /** Sockets and HTTP connections already judged in this invocation: each is reported once per invocation. */
    private final Set<Object> judgedResources = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final Set<String> failedHooks = ConcurrentHashMap.newKeySet();

    private AgentRuntime(WriteOutsideTmpRule writeOutsideTmp, Map<String, WithoutTimeoutRule> timeoutRules,
            FindingRecorder recorder, AgentLog log, long flushTimeoutMillis) {
        this.writeOutsideTmp = writeOutsideTmp;
        this.flushTimeoutMillis = flushTimeoutMillis;
        this.timeoutRules = timeoutRules;
        this.recorder = recorder;
        this.inFlight = new InFlightCalls(recorder);
        this.log = log;
    }

    static void start(String arguments, Instrumentation instrumentation) {
        if (Hooks.installed()) {
            // Two -javaagent flags, or an attach to a JVM that runs it: one agent is enough, two would count twice.
            System.err.println("[FaaSGuard] already running in this JVM; not started a second time");
            return;
        }
        Map<String, String> environment = System.getenv();
        AgentLog log = new AgentLog();
        AgentConfig config = new ConfigLoader(arguments, System.getProperties(), environment, log).load();
        WritableRoots roots = WritableRoots.of(config.writableRoots());
        IgnoreList ignore = IgnoreList.parse(config.ignore());
        String handler = config.handler() != null ? config.handler() : environment.get("_HANDLER");
        StackCapture.use(ApplicationCode.of(config.appPackages(), handler, environment.get("MAIN_CLASS"),
                System.getProperty("sun.java.command")));

        FindingStore findings = new FindingStore();
        findings.addListener(new FindingLog(log));
        InvocationHistory history = new InvocationHistory();
        WriteOutsideTmpRule writeOutsideTmp = new WriteOutsideTmpRule(roots, System.getProperty("user.dir"),
                System.getProperty("java.io.tmpdir"), System.getProperty("user.home"), FileProbe.REAL);
        RuntimeApiAddress runtimeApi = RuntimeApiAddress.parse(environment.get("AWS_LAMBDA_RUNTIME_API"));
        Map<String, WithoutTimeoutRule> timeoutRules = new HashMap<>();
        for (WithoutTimeoutRule rule : List.of(new JoinWithoutTimeoutRule(), new ConnectWithoutTimeoutRule(runtimeApi),
                new ReadWithoutTimeoutRule(runtimeApi), new HttpWithoutTimeoutRule(runtimeApi),
                new WaitWithoutTimeoutRule())) {
            timeoutRules.put(rule.id(), rule);
        }
        FindingRecorder recorder = new FindingRecorder(findings, ignore, history);
        AgentRuntime runtime = new AgentRuntime(writeOutsideTmp, timeoutRules, recorder, log, config.flushTimeoutMillis());
        ExportSettings export = new ExportSettings(environment, System.getProperties());
        ExportStatus exportStatus = new ExportStatus(export.exportConfigured());
        if (export.exportConfigured()) {
            TelemetryPipeline pipeline = TelemetryPipeline.start(new OtelTelemetryFactory(export, environment, findings,
                    config.traceContinuation(), exportStatus, log, version()), exportStatus, log);
            findings.addListener(pipeline);
            runtime.telemetry = pipeline;
        }
        runtime.reports = new ReportFiles(new ReportContent(version(), config.mode().id(), environment, findings,
                ignore, history, exportStatus), path(config.reportPath()), path(config.reportHtmlPath()), log);
        runtime.invocations = new InvocationMonitor(history, recorder, runtime.inFlight, runtime.reports.paths(),
                config.tmpCapacityBytes(), config.deadlineMarginMillis(), isLambdaFunction(environment)
                || config.handler() != null, runtime, runtime.telemetry);
        Runtime.getRuntime().addShutdownHook(new ExitHook(runtime));
        if (config.failOnSeverity().isPresent()) {
            runtime.failOn = FailOnGate.install(config.failOnSeverity().get(), findings, instrumentation, log);
        }

        Hooks.install(runtime, roots, config.mode() == Mode.ENFORCE);
        Hooks.deadline(initDeadline(environment));
        System.setProperty(FaasGuardAgent.VERSION_PROPERTY, version());
        // Deadlines come from the AWS runtime client, which reads AWS_LAMBDA_RUNTIME_API.
        boolean deadlines = environment.get("AWS_LAMBDA_RUNTIME_API") != null;
        new Instrumenter(instrumentation, runtime).install(Instrumentations.all(config.handler(), deadlines));
    }

    @Override
    public boolean fileWrite(String operation, String path, String otherPath) {
        Optional<Violation> violation = writeOutsideTmp.evaluate(new FileWrite(operation, path, otherPath));
        return violation.isPresent() && recorder.recordHere(violation.get());
    }

    @Override
    public int blockingCallStarted(String rule, String operation, String subject, String missing, Object resource) {
        if (resource != null && !judgedResources.add(resource)) {
            return 0;
        }
        WithoutTimeoutRule timeoutRule = timeoutRules.get(rule);
        Optional<Violation> found = timeoutRule.evaluate(new BlockingCall(operation, subject, missing),
                invocations.phase());
        if (found.isEmpty()) {
            return 0;
        }
        StackCapture.Capture capture = recorder.capture(found.get());
        if (capture == null || !timeoutRule.calledThroughApi(capture.jdkCallers(), capture.outsideJdk())) {
            return 0;
        }
        if (!capture.madeByLibrary()) {
            return inFlight.start(found.get(), capture, 0);
        }
        if (timeoutRule.talksToNetwork()) {
            // A client the application configured connects with the timeouts the application gave it, on the
            // application's thread or on one of its own (OkHttp connects on its task runner).
            Optional<ClientLibrary> client = ClientLibrary.among(capture.libraries());
            if (capture.inApplication() || client.isPresent()) {
                return inFlight.start(client.map(found.get()::through).orElse(found.get()), capture, 0);
            }
        }
        // A library waiting on its own work: the application can change nothing unless it really blocks.
        return inFlight.start(found.get(), capture, WithoutTimeoutRule.LIBRARY_WAIT_THRESHOLD_MILLIS);
    }

    @Override
    public void blockingCallEnded(int id) {
        inFlight.end(id);
    }

    @Override
    public void invocationStarted(Object request) {
        // A connection kept alive across invocations is judged again in each: its count is one per invocation.
        judgedResources.clear();
        invocations.started(request);
    }

    @Override
    public void invocationFailed(Throwable error) {
        invocations.failed(error);
    }

    @Override
    public void invocationEnded(boolean success) {
        invocations.ended(success);
    }

    @Override
    public void timeoutExceedsDeadline(String operation, long timeoutMillis, long remainingMillis, Object resource) {
        if (resource == null || judgedResources.add(resource)) {
            invocations.timeoutExceedsDeadline(operation, timeoutMillis, remainingMillis);
        }
    }

    @Override
    public void tmpWritten(String path) {
        invocations.tmpWritten(path);
    }

    @Override
    public void threadStarted(Thread thread) {
        invocations.threadStarted(thread);
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        if (failOn != null) {
            failOn.threadDied(thread);
        }
        invocations.uncaught(thread, error);
    }

    @Override
    public void runtimeExit(int status, boolean halt) {
        if (failOn != null && !halt) {
            failOn.exitCalled(status);
        }
        invocations.exiting(status, halt);
    }

    /**
     * The reports rewritten, telemetry exported and the log drained: the platform may freeze or kill the
     * process next. Export waits at most the flush timeout, and never past the deadline.
     */
    @Override
    public void persist(long deadlineEpochMillis) {
        reports.write(true);
        long bound = flushTimeoutMillis;
        if (deadlineEpochMillis > 0) {
            bound = Math.max(0, Math.min(bound, deadlineEpochMillis - System.currentTimeMillis() - DEADLINE_SLACK_MILLIS));
        }
        telemetry.flush(bound);
        log.drain(INVOCATION_FLUSH);
    }

    @Override
    public void instrumentationFailed(String type, Throwable failure) {
        log.warn("could not instrument " + type + ", its calls are not watched: " + failure);
    }

    @Override
    public void hookFailed(String hook, Throwable failure) {
        if (failedHooks.add(hook)) {
            log.error("the " + hook + " hook failed and was skipped; the application is unaffected: " + failure);
        }
    }

    private void exit() {
        Hooks.markAgentThread();
        inFlight.recordStillBlocked();
        reports.write(false);
        telemetry.shutdown(flushTimeoutMillis);
        log.flush(EXIT_FLUSH);
    }

    /** Writes the reports and drains the log when the JVM exits. */
    private static final class ExitHook extends Thread {
        private final AgentRuntime runtime;

        ExitHook(AgentRuntime runtime) {
            super("faasguard-exit");
            this.runtime = runtime;
        }

        @Override
        public void run() {
            runtime.exit();
        }
    }

    /**
     * On Lambda, init has a limit of its own: 10 s from the start for an on-demand environment. A timeout longer
     * than what init has left is a finding as an invocation's is. Counted from the agent's start, a little after
     * the JVM's, so never earlier than the platform's. SnapStart and provisioned concurrency init longer: none.
     */
    private static long initDeadline(Map<String, String> environment) {
        String initType = environment.get("AWS_LAMBDA_INITIALIZATION_TYPE");
        boolean onDemand = initType == null || initType.equals("on-demand");
        return isLambdaFunction(environment) && onDemand ? System.currentTimeMillis() + LAMBDA_INIT_LIMIT_MILLIS : 0;
    }

    /** A function the platform starts: a handler to load, and a Runtime API to ask for its invocations. */
    private static boolean isLambdaFunction(Map<String, String> environment) {
        return environment.get("AWS_LAMBDA_RUNTIME_API") != null && environment.get("_HANDLER") != null;
    }

    /** A configured report file, or null when that report is off. */
    private static Path path(Optional<String> configured) {
        return configured.isEmpty() ? null : Path.of(configured.get());
    }

    private static String version() {
        String version = AgentRuntime.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
