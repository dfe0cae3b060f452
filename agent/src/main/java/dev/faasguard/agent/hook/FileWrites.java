package dev.faasguard.agent.hook;

import dev.faasguard.agent.finding.FindingRecorder;
import dev.faasguard.agent.finding.StackCapture;
import dev.faasguard.agent.rule.FileWrite;
import dev.faasguard.agent.rule.EmbeddedDbOutsideTmpRule;
import dev.faasguard.agent.rule.WriteOutsideTmpRule;
import dev.faasguard.bootstrap.FileSink;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's side of the file hooks: each write the hooks could not clear is judged by write-outside-tmp, each
 * embedded database opened by embedded-db-outside-tmp.
 */
public final class FileWrites implements FileSink {

    private final WriteOutsideTmpRule rule;
    private final EmbeddedDbOutsideTmpRule embeddedDatabases;
    private final FindingRecorder recorder;

    public FileWrites(WriteOutsideTmpRule rule, EmbeddedDbOutsideTmpRule embeddedDatabases, FindingRecorder recorder) {
        this.rule = rule;
        this.embeddedDatabases = embeddedDatabases;
        this.recorder = recorder;
    }

    /** At the line that opened the connection: the first application frame above the driver and the pool. */
    @Override
    public void embeddedDatabaseOpening(String url) {
        embeddedDatabases.evaluate(url).ifPresent(recorder::recordHere);
    }

    /**
     * What the finding says is built only when it is read: a write repeated at a known line costs the rule's
     * decision, a short stack walk and a count.
     */
    @Override
    public boolean fileWrite(String operation, String path, String otherPath) {
        Optional<WriteOutsideTmpRule.Outside> outside = rule.judge(new FileWrite(operation, path, otherPath));
        if (outside.isEmpty()) {
            return false;
        }
        // Captured here, not through the recorder: one frame less keeps the walk within its first batch.
        StackCapture.Capture capture = recorder.unlessIgnored(WriteOutsideTmpRule.DESCRIPTION, StackCapture.here());
        if (capture == null) {
            return false;
        }
        recorder.record(WriteOutsideTmpRule.DESCRIPTION, () -> rule.violation(outside.get()), capture, Map.of());
        return true;
    }
}
