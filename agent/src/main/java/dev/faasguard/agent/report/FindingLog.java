package dev.faasguard.agent.report;

import dev.faasguard.agent.finding.Finding;
import dev.faasguard.agent.finding.FindingListener;
import dev.faasguard.agent.support.AgentLog;
import java.util.ArrayList;
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
        log.warn(headline(finding), lines(finding));
    }

    /** Said again when it says more: the line after the restore that used a connection init left open. */
    @Override
    public void amended(Finding finding) {
        log.warn(headline(finding), List.of());
    }

    static String headline(Finding finding) {
        return finding.rule().id() + " (" + finding.rule().severity().id() + ") at " + finding.callSite().frame()
                + ": " + finding.message();
    }

    /** The lines under the headline: the library's frame, the fix, the top of the stack. */
    static List<String> lines(Finding finding) {
        List<String> lines = new ArrayList<>();
        Object via = finding.detail().get("via");
        if (via != null) {
            lines.add("via: " + via);
        }
        lines.add("fix: " + finding.fix());
        List<String> stack = finding.stack();
        for (int i = 0; i < Math.min(PRINTED_FRAMES, stack.size()); i++) {
            lines.add("at " + stack.get(i));
        }
        if (stack.size() > PRINTED_FRAMES) {
            lines.add("... " + (stack.size() - PRINTED_FRAMES) + " more in the report");
        }
        return lines;
    }
}
