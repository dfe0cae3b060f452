package dev.faasguard.bench.memory;

import dev.faasguard.bench.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the agent's JSON report must say after the load: each generated call site once, counted exactly. */
final class ReportCounts {

    private ReportCounts() {
    }

    /** @return what is wrong, nothing when every site is one finding counted {@value CallSites#REPEATS} times */
    static List<String> problems(String reportJson, int invocations, int keptInvocations) {
        Map<?, ?> report = (Map<?, ?>) new Json(reportJson).document();
        List<String> problems = new ArrayList<>();
        Set<String> sites = new HashSet<>();
        for (Object each : (List<?>) report.get("findings")) {
            Map<?, ?> finding = (Map<?, ?>) each;
            Map<?, ?> site = (Map<?, ?>) finding.get("callSite");
            if (!String.valueOf(site.get("class")).startsWith(CallSites.PACKAGE)) {
                continue;
            }
            int line = ((Double) site.get("line")).intValue();
            String where = site.get("class") + ":" + line;
            long count = ((Double) finding.get("count")).longValue();
            boolean generated = line >= CallSites.FIRST_LINE && line < CallSites.FIRST_LINE + CallSites.LINES_PER_CLASS;
            boolean once = sites.add(where);
            if (!"wait-without-timeout".equals(finding.get("rule")) || count != CallSites.REPEATS || !generated || !once) {
                problems.add(where + ": " + finding.get("rule") + " counted " + count + " times");
            }
        }
        int expected = CallSites.CLASSES * CallSites.LINES_PER_CLASS;
        if (sites.size() != expected) {
            problems.add(sites.size() + " generated call sites in the report, not " + expected);
        }
        int listed = ((List<?>) report.get("invocations")).size();
        if (listed != Math.min(invocations, keptInvocations)) {
            problems.add(listed + " invocations listed, not min(" + invocations + ", " + keptInvocations + ")");
        }
        return problems;
    }
}
