package dev.faasguard.agent.report;

import dev.faasguard.agent.finding.Finding;
import dev.faasguard.agent.finding.FindingListener;
import dev.faasguard.agent.support.AgentLog;
import java.util.List;

/** One warning per call site, with the fix; repeats are counted in the report, not printed. */
public final class FindingLog implements FindingListener {

    /** Frames printed under a warning; the report keeps the longer stack. */
    private static final int PRINTED_FRAMES = 4;

    private final AgentLog log;

    public FindingLog(AgentLog log) {
        this.log = log;
    }

    @Override
    public void firstOccurrence(Finding finding) {
        log.warn(format(finding));
    }

    static String format(Finding finding) {
        StringBuilder text = new StringBuilder(256)
                .append(finding.rule().id()).append(" (").append(finding.rule().severity().id()).append(") at ")
                .append(finding.callSite().frame()).append(": ").append(finding.message());
        Object via = finding.detail().get("via");
        if (via != null) {
            text.append("\n    via: ").append(via);
        }
        text.append("\n    fix: ").append(finding.fix());
        List<String> stack = finding.stack();
        for (int i = 0; i < Math.min(PRINTED_FRAMES, stack.size()); i++) {
            text.append("\n    at ").append(stack.get(i));
        }
        if (stack.size() > PRINTED_FRAMES) {
            text.append("\n    ... ").append(stack.size() - PRINTED_FRAMES).append(" more in the report");
        }
        return text.toString();
    }
}
