package dev.faasguard.agent.report;

import dev.faasguard.agent.finding.CallSite;
import dev.faasguard.agent.finding.Finding;
import dev.faasguard.agent.finding.FindingStore;
import dev.faasguard.agent.finding.IgnoreList;
import dev.faasguard.agent.invocation.InvocationHistory;
import dev.faasguard.agent.telemetry.ExportStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report says, as one snapshot that every report file is rendered from. Field names are a contract
 * of the JSON report: later versions add fields, they never rename these.
 */
public final class ReportContent {

    private final String agentVersion;
    private final String mode;
    private final Map<String, String> environment;
    private final FindingStore findings;
    private final IgnoreList ignore;
    private final InvocationHistory invocations;
    private final ExportStatus telemetry;

    public ReportContent(String agentVersion, String mode, Map<String, String> environment, FindingStore findings,
            IgnoreList ignore, InvocationHistory invocations, ExportStatus telemetry) {
        this.agentVersion = agentVersion;
        this.mode = mode;
        this.environment = environment;
        this.findings = findings;
        this.ignore = ignore;
        this.invocations = invocations;
        this.telemetry = telemetry;
    }

    Map<String, Object> snapshot() {
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("version", agentVersion);
        agent.put("mode", mode);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("agent", agent);
        document.put("runtime", RuntimeInfo.current(environment).toJson());
        List<Object> findingList = new ArrayList<>();
        for (FindingStore.Counted counted : findings.snapshot()) {
            findingList.add(finding(counted.first(), counted.count()));
        }
        document.put("findings", findingList);
        document.put("invocations", invocations.toJson(findings));
        document.put("ignored", ignore.counts());
        Map<String, Object> tmp = new LinkedHashMap<>();
        long capacity = invocations.tmpCapacityBytes();
        tmp.put("capacityBytes", capacity > 0 ? capacity : null);
        tmp.put("walks", invocations.tmpWalks());
        document.put("tmp", tmp);
        document.put("telemetry", telemetry.toJson());
        return document;
    }

    private static Map<String, Object> finding(Finding finding, long count) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", finding.rule().id());
        json.put("severity", finding.rule().severity().id());
        json.put("message", finding.message());
        json.put("fix", finding.fix());
        json.put("count", count);
        json.put("callSite", callSite(finding.callSite()));
        json.put("stack", finding.stack());
        json.put("detail", finding.detail());
        json.put("firstSeenEpochMs", finding.epochMillis());
        json.put("invocation", finding.invocation());
        return json;
    }

    private static Map<String, Object> callSite(CallSite site) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("class", site.className());
        json.put("method", site.method());
        json.put("file", site.file());
        json.put("line", site.line());
        return json;
    }
}
