package dev.faasguard.agent.report;

import dev.faasguard.agent.finding.Finding;
import dev.faasguard.agent.finding.FindingStore;
import dev.faasguard.agent.support.LogText;
import java.util.ArrayList;
import java.util.List;

/** The table {@code failOn} prints at exit: a headline, then one row per finding with its rule, severity, count and call site. */
public final class FailureTable {

    private FailureTable() {}

    public static String format(String headline, List<FindingStore.Counted> findings) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"rule", "severity", "count", "call site"});
        for (FindingStore.Counted counted : findings) {
            Finding finding = counted.first();
            rows.add(new String[] {finding.rule().id(), finding.rule().severity().id(), Long.toString(counted.count()),
                    LogText.escape(finding.callSite().frame())});
        }
        int ruleWidth = 0;
        int severityWidth = 0;
        int countWidth = 0;
        for (String[] row : rows) {
            ruleWidth = Math.max(ruleWidth, row[0].length());
            severityWidth = Math.max(severityWidth, row[1].length());
            countWidth = Math.max(countWidth, row[2].length());
        }
        StringBuilder table = new StringBuilder(headline).append('\n');
        for (String[] row : rows) {
            table.append("  ").append(row[0]).append(" ".repeat(ruleWidth - row[0].length()))
                    .append("  ").append(row[1]).append(" ".repeat(severityWidth - row[1].length()))
                    .append("  ").append(" ".repeat(countWidth - row[2].length())).append(row[2])
                    .append("  ").append(row[3]).append('\n');
        }
        return table.toString();
    }
}
