package dev.faasguard.agent.hook;

import dev.faasguard.agent.finding.FindingRecorder;
import dev.faasguard.agent.rule.FileWrite;
import dev.faasguard.agent.rule.Violation;
import dev.faasguard.agent.rule.EmbeddedDbOutsideTmpRule;
import dev.faasguard.agent.rule.WriteOutsideTmpRule;
import dev.faasguard.bootstrap.FileSink;
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

    @Override
    public boolean fileWrite(String operation, String path, String otherPath) {
        Optional<Violation> violation = rule.evaluate(new FileWrite(operation, path, otherPath));
        return violation.isPresent() && recorder.recordHere(violation.get());
    }
}
