package dev.faasguard.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faasguard.agent.finding.CallSite;
import dev.faasguard.agent.finding.Finding;
import dev.faasguard.agent.finding.FindingStore;
import dev.faasguard.agent.rule.WriteOutsideTmpRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureTableTest {

    @Test
    void aCallSiteNamedWithANewlineStaysOnItsRow() {
        CallSite site = new CallSite("com.example.Evil", "run", "Evil\nINJECTED\u001b[31m.java", 3);
        Finding finding = new Finding(WriteOutsideTmpRule.DESCRIPTION, "m", "f", site, List.of(), Map.of(), 0, null);

        String table = FailureTable.format("[FaaSGuard] failed the run", List.of(new FindingStore.Counted(finding, 2)));

        assertEquals("""
                [FaaSGuard] failed the run
                  rule               severity  count  call site
                  write-outside-tmp  error         2  com.example.Evil.run(Evil\\nINJECTED\\u001b[31m.java:3)
                """, table);
    }
}
