package dev.faasguard.agent;

import dev.faasguard.agent.config.AgentConfig;
import dev.faasguard.agent.config.ConfigLoader;
import dev.faasguard.agent.config.Mode;
import dev.faasguard.agent.finding.Finding;
import dev.faasguard.agent.finding.FindingStore;
import dev.faasguard.agent.finding.StackCapture;
import dev.faasguard.agent.instrument.Instrumentations;
import dev.faasguard.agent.instrument.Instrumenter;
import dev.faasguard.agent.report.AgentLog;
import dev.faasguard.agent.report.FindingLog;
import dev.faasguard.agent.report.JsonReport;
import dev.faasguard.agent.report.RuntimeInfo;
import dev.faasguard.agent.rule.FileProbe;
import dev.faasguard.agent.rule.FileWrite;
import dev.faasguard.agent.rule.Violation;
import dev.faasguard.agent.rule.WriteOutsideTmpRule;
import dev.faasguard.bootstrap.HookSink;
import dev.faasguard.bootstrap.Hooks;
import dev.faasguard.bootstrap.WritableRoots;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The running agent: wires configuration, rules, findings and sinks, and is what the hooks call. */
final class AgentRuntime implements HookSink {

    /** How long exit waits for the log to drain. */
    private static final Duration EXIT_FLUSH = Duration.ofSeconds(2);

    private final WriteOutsideTmpRule writeOutsideTmp;
    private final FindingStore findings;
    private final AgentLog log;
    private final Set<String> failedHooks = ConcurrentHashMap.newKeySet();

    private AgentRuntime(WriteOutsideTmpRule writeOutsideTmp, FindingStore findings, AgentLog log) {
        this.writeOutsideTmp = writeOutsideTmp;
        this.findings = findings;
        this.log = log;
    }

    static void start(String arguments, Instrumentation instrumentation) {
        Map<String, String> environment = System.getenv();
        AgentLog log = new AgentLog();
        AgentConfig config = new ConfigLoader(arguments, System.getProperties(), environment, log::warn).load();
        WritableRoots roots = WritableRoots.of(config.writableRoots());

        FindingStore findings = new FindingStore();
        findings.addListener(new FindingLog(log));
        WriteOutsideTmpRule writeOutsideTmp = new WriteOutsideTmpRule(roots, System.getProperty("user.dir"),
                System.getProperty("java.io.tmpdir"), System.getProperty("user.home"), FileProbe.REAL);
        AgentRuntime runtime = new AgentRuntime(writeOutsideTmp, findings, log);

        Optional<JsonReport> report = config.reportPath().map(path -> new JsonReport(Path.of(path),
                version(), config.mode().id(), RuntimeInfo.current(environment), findings));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> runtime.exit(report), "faasguard-exit"));

        Hooks.install(runtime, roots, config.mode() == Mode.ENFORCE);
        new Instrumenter(instrumentation, (type, failure) ->
                log.warn("could not instrument " + type + ", its calls are not watched: " + failure))
                .install(Instrumentations.fileWrites());
    }

    @Override
    public boolean fileWrite(String operation, String path, String otherPath) {
        Optional<Violation> violation = writeOutsideTmp.evaluate(new FileWrite(operation, path, otherPath));
        violation.ifPresent(this::record);
        return violation.isPresent();
    }

    @Override
    public void hookFailed(String hook, Throwable failure) {
        if (failedHooks.add(hook)) {
            log.error("the " + hook + " hook failed and was skipped; the application is unaffected: " + failure);
        }
    }

    private void record(Violation violation) {
        StackCapture.Capture capture = StackCapture.here();
        findings.record(new Finding(violation.rule(), violation.message(), capture.callSite(), capture.stack(),
                violation.detail(), System.currentTimeMillis()));
    }

    private void exit(Optional<JsonReport> report) {
        Hooks.markAgentThread();
        report.ifPresent(json -> {
            try {
                json.write();
            } catch (Exception failure) {
                log.error("could not write the report to " + json.path() + ": " + failure);
            }
        });
        log.flush(EXIT_FLUSH);
    }

    private static String version() {
        String version = AgentRuntime.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
