package dev.faasguard.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasguard.agent.finding.CallSite;
import dev.faasguard.agent.finding.Finding;
import dev.faasguard.agent.finding.FindingStore;
import dev.faasguard.agent.finding.IgnoreList;
import dev.faasguard.agent.invocation.InvocationHistory;
import dev.faasguard.agent.support.AgentLog;
import dev.faasguard.agent.telemetry.ExportStatus;
import dev.faasguard.agent.rule.RuleDescription;
import dev.faasguard.agent.rule.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both report files come from one snapshot and are rewritten together. */
class ReportFilesTest {

    private static final RuleDescription RULE = new RuleDescription("write-outside-tmp", Severity.ERROR, "summary", "Write under /tmp",
            List.of());

    @TempDir
    Path directory;

    private final FindingStore findings = new FindingStore();
    private final ReportContent content = new ReportContent("0.1.0", "observe", Map.of(), findings,
            IgnoreList.parse(List.of()), new InvocationHistory(), new ExportStatus(false));

    @Test
    void theJsonAndTheHtmlReportHoldTheSameFindingsAfterEachWrite() throws Exception {
        Path json = directory.resolve("report.json");
        Path html = directory.resolve("html/report.html");
        ReportFiles files = new ReportFiles(content, json, html, new AgentLog());
        assertEquals(List.of(json, html), files.paths());

        record(42);
        files.write(true);
        record(42);
        record(43);
        files.write(false);

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, report.get("findings").size(), report::toPrettyString);
        assertEquals(2, report.at("/findings/0/count").asLong(), report::toPrettyString);
        assertTrue(report.at("/tmp/capacityBytes").isNull(), "no invocation measured /tmp\n" + report.toPrettyString());
        String page = Files.readString(html);
        assertTrue(page.contains("<code>com.example.Store.save(Store.java:42)</code>"), page);
        assertTrue(page.contains("<code>com.example.Store.save(Store.java:43)</code>"), page);
        assertTrue(page.contains("<td class=\"num count\">2</td>"), page);
        assertFalse(Files.exists(directory.resolve(".report.html.reserve")), "the last write removes the reserve");
    }

    @Test
    void theHtmlReportIsWrittenWithTheJsonReportOff() throws Exception {
        Path html = directory.resolve("report.html");
        ReportFiles files = new ReportFiles(content, null, html, new AgentLog());
        record(7);
        files.write(false);
        assertEquals(List.of(html), files.paths());
        assertTrue(Files.readString(html).contains("Store.java:7"));
        try (var left = Files.list(directory)) {
            assertEquals(List.of(html), left.toList(), "nothing but the page");
        }
    }

    private void record(int line) {
        findings.record(new Finding(RULE, "Opening for write /var/task/users.json", RULE.fix(),
                new CallSite("com.example.Store", "save", "Store.java", line), List.of(), Map.of(), 1L, null));
    }
}
