package dev.faasguard.agent.report;

import dev.faasguard.agent.support.AgentLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report files, each rewritten atomically from one snapshot of {@link ReportContent}: the JSON report a
 * build or script reads, and the HTML page a person reads when {@code report.html} asks for it. The HTML
 * renderer is loaded the first time a page is written, never in premain.
 */
public final class ReportFiles {

    private final ReportContent content;
    private final Path json;
    private final Path html;
    private final AgentLog log;
    /** Kept from one write to the next: what has not changed since is copied, not serialized again. */
    private final JsonWriter jsonWriter = new JsonWriter();

    /**
     * @param json where the JSON report goes, or null when it is off
     * @param html where the HTML report goes, or null when it is off
     */
    public ReportFiles(ReportContent content, Path json, Path html, AgentLog log) {
        this.content = content;
        this.json = json;
        this.html = html;
        this.log = log;
    }

    /** The files written, so that nothing counts them as the application's. */
    public List<Path> paths() {
        List<Path> paths = new ArrayList<>(2);
        if (json != null) {
            paths.add(json);
        }
        if (html != null) {
            paths.add(html);
        }
        return paths;
    }

    /**
     * Writes every report file again; a file that cannot be written is one error in the log, and the others
     * are still written.
     *
     * @param moreToCome true while invocations run: a reserve is kept so that even a full /tmp gets the next one
     */
    public synchronized void write(boolean moreToCome) {
        if (json == null && html == null) {
            return;
        }
        Map<String, Object> snapshot = content.snapshot();
        if (json != null) {
            write(json, snapshot, false, moreToCome);
        }
        if (html != null) {
            write(html, snapshot, true, moreToCome);
        }
    }

    private void write(Path path, Map<String, Object> snapshot, boolean asHtml, boolean moreToCome) {
        try {
            String text = asHtml ? HtmlReport.render(snapshot) : jsonWriter.toJson(snapshot);
            AtomicFile.write(path, text, moreToCome);
        } catch (Exception failure) {
            log.error("could not write the report to " + path + ": " + failure);
        }
    }
}
