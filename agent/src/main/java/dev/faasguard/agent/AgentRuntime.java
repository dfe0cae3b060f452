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
import dev.faasguard.agent.hook.BlockingCalls;
import dev.faasguard.agent.hook.DroppedExceptions;
import dev.faasguard.agent.hook.FileWrites;
import dev.faasguard.agent.hook.SnapshotCrossings;
import dev.faasguard.agent.instrument.Instrumentations;
import dev.faasguard.agent.instrument.Instrumenter;
import dev.faasguard.agent.instrument.exceptions.CatchSiteTransformer;
import dev.faasguard.agent.instrument.invocation.StaticStateTransformer;
import dev.faasguard.agent.invocation.InvocationHistory;
import dev.faasguard.agent.invocation.InvocationMonitor;
import dev.faasguard.agent.invocation.InvocationOwners;
import dev.faasguard.agent.invocation.ProcessEndListener;
import dev.faasguard.agent.support.AgentLog;
import dev.faasguard.agent.report.FindingLog;
import dev.faasguard.agent.report.ReportContent;
import dev.faasguard.agent.report.ReportFiles;
import dev.faasguard.agent.rule.FileProbe;
import dev.faasguard.agent.rule.RuleContext;
import dev.faasguard.agent.rule.Rules;
import dev.faasguard.agent.rule.RuntimeApiAddress;
import dev.faasguard.agent.rule.EmbeddedDbOutsideTmpRule;
import dev.faasguard.agent.rule.SwallowedExceptionRule;
import dev.faasguard.agent.rule.WriteOutsideTmpRule;
import dev.faasguard.agent.telemetry.ExportSettings;
import dev.faasguard.agent.telemetry.ExportStatus;
import dev.faasguard.agent.telemetry.Telemetry;
import dev.faasguard.agent.telemetry.TelemetryPipeline;
import dev.faasguard.agent.telemetry.otel.OtelTelemetryFactory;
import dev.faasguard.bootstrap.AgentSinks;
import dev.faasguard.bootstrap.Hooks;
import dev.faasguard.bootstrap.SnapshotHooks;
import dev.faasguard.bootstrap.WritableRoots;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The composition root: builds every part of the agent once, in the order the data flows (configuration, rules,
 * findings, sinks, the invocation monitor, the hooks' sinks) while the JDK is instrumented beside it, then plugs
 * them into the hooks.
 */
final class AgentRuntime {

    /** Lambda's init phase limit for on-demand environments. */
    private static final long LAMBDA_INIT_LIMIT_MILLIS = 10_000;

    private AgentRuntime() {}

    static void start(String arguments, Instrumentation instrumentation) throws InterruptedException {
        if (Hooks.installed()) {
            // Two -javaagent flags, or an attach to a JVM that runs it: one agent is enough, two would count twice.
            System.err.println("[FaaSGuard] already running in this JVM; not started a second time");
            return;
        }
        Map<String, String> environment = System.getenv();
        AgentLog log = new AgentLog();
        AgentConfig config = new ConfigLoader(arguments, System.getProperties(), environment, log).load();
        AgentFailures failures = new AgentFailures(log);
        // Deadlines come from the AWS runtime client, which reads AWS_LAMBDA_RUNTIME_API.
        boolean deadlines = environment.get("AWS_LAMBDA_RUNTIME_API") != null;
        // The JDK classes already loaded are rewritten on a thread of their own while this one builds the rest;
        // both are done before premain returns, so no application code runs before the hooks are in place.
        Instrumenter.Retransformation retransformation = new Instrumenter(instrumentation, failures)
                .install(Instrumentations.all(config.handler(), deadlines));

        WritableRoots roots = WritableRoots.of(config.writableRoots());
        IgnoreList ignore = IgnoreList.parse(config.ignore());
        String handler = config.handler() != null ? config.handler() : environment.get("_HANDLER");
        StackCapture.use(ApplicationCode.of(config.appPackages(), handler, environment.get("MAIN_CLASS"),
                System.getProperty("sun.java.command")));
        // The application's classes load after premain: registered now, these see every one of them.
        if (config.swallowed()) {
            instrumentation.addTransformer(new CatchSiteTransformer(StackCapture::isApplicationClass, failures), false);
        }
        instrumentation.addTransformer(new StaticStateTransformer(StackCapture::isApplicationClass, failures));

        Rules rules = Rules.create(new RuleContext(roots, System.getProperty("user.dir"),
                System.getProperty("java.io.tmpdir"), System.getProperty("user.home"), FileProbe.REAL,
                RuntimeApiAddress.parse(environment.get("AWS_LAMBDA_RUNTIME_API"))));
        FindingStore findings = new FindingStore();
        findings.addListener(new FindingLog(log));
        InvocationHistory history = new InvocationHistory();
        InvocationOwners owners = new InvocationOwners(history);
        FindingRecorder recorder = new FindingRecorder(findings, ignore, owners);
        InFlightCalls inFlight = new InFlightCalls(recorder);

        ExportSettings export = new ExportSettings(environment, System.getProperties());
        ExportStatus exportStatus = new ExportStatus(export.exportConfigured());
        Telemetry telemetry = telemetry(export, exportStatus, environment, findings, config, log);
        ReportFiles reports = new ReportFiles(new ReportContent(version(), config.mode().id(), environment, findings,
                ignore, history, exportStatus), path(config.reportPath()), path(config.reportHtmlPath()), log);
        Persistence persistence = new Persistence(reports, telemetry, log, inFlight, config.flushTimeoutMillis());
        Runtime.getRuntime().addShutdownHook(persistence.atExit());
        ProcessEndListener failOn = FailOnGate.install(config.failOnSeverity(), findings, instrumentation, log);

        InvocationMonitor invocations = new InvocationMonitor(rules, history, owners, recorder, inFlight,
                reports.paths(), config.tmpCapacityBytes(), config.deadlineMarginMillis(),
                isLambdaFunction(environment) || config.handler() != null, killedAtDeadline(environment), persistence,
                failOn, telemetry);
        AgentSinks sinks = new AgentSinks(new FileWrites(rules.get(WriteOutsideTmpRule.class),
                rules.get(EmbeddedDbOutsideTmpRule.class), recorder),
                new BlockingCalls(rules, recorder, inFlight, invocations), invocations,
                new SnapshotCrossings(rules, recorder), failures,
                new DroppedExceptions(rules.get(SwallowedExceptionRule.class), recorder));
        retransformation.await();
        Hooks.install(sinks, roots, config.mode() == Mode.ENFORCE);
        Hooks.deadline(initDeadline(environment));
        if ("snap-start".equals(environment.get("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            SnapshotHooks.checkpointAhead();
        }
        System.setProperty(FaasGuardAgent.VERSION_PROPERTY, version());
    }

    /** OpenTelemetry export when it is configured (built on a thread of its own), else nothing. */
    private static Telemetry telemetry(ExportSettings export, ExportStatus status, Map<String, String> environment,
            FindingStore findings, AgentConfig config, AgentLog log) {
        if (!export.exportConfigured()) {
            return Telemetry.OFF;
        }
        TelemetryPipeline pipeline = TelemetryPipeline.start(new OtelTelemetryFactory(export, environment, findings,
                config.traceContinuation(), status, log, version()), status, log);
        findings.addListener(pipeline);
        return pipeline;
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

    /**
     * Lambda kills an invocation at its deadline, except under Managed Instances ({@code AWS_LAMBDA_MAX_CONCURRENCY}
     * set): there a stuck invocation keeps its runtime thread.
     */
    private static boolean killedAtDeadline(Map<String, String> environment) {
        return environment.get("AWS_LAMBDA_MAX_CONCURRENCY") == null;
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
